// One build for everything: the Apps Script bundle (dist/), and the node-side tools (build/) that run it on the emulator.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const dist = path.join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

// 0. The message catalogue, packed (scripts/pack-catalogue.mjs; src/server/i18n/unpack.ts says why).
let catalogueNote = '';
{
  const packedPath = path.join(root, 'build', 'catalogue.packed.ts');
  rmSync(packedPath, { force: true });
  if (existsSync(path.join(root, 'src/server/i18n/catalogue.ts'))) {
    const { packCatalogue } = await import('./pack-catalogue.mjs');
    const packed = await packCatalogue(root);
    catalogueNote = `, message catalogue ${packed.json} B packed to ${packed.packed} B`;
  }
}

// 1. Server: webpack + esbuild-loader + gas-webpack-plugin.
const webpack = require('webpack');
const config = require(path.join(root, 'webpack.config.js'));
await new Promise((resolve, reject) =>
  webpack(config, (err, stats) => {
    if (err) return reject(err);
    if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
    resolve();
  }),
);

// 1b. Whitespace and syntax minified, names kept (minifyIdentifiers off), so Apps Script's stack traces and the executions
//     list stay readable. Every trigger execution loads the whole file, so it is kept under 250 KB. A plain transform
//     (no format, no tree shaking) keeps gas-webpack-plugin's top-level `function onOpen() {}` stubs, which webpack's
//     minimizer would drop as unused.
{
  const { transform } = await import('esbuild');
  const codePath = path.join(dist, 'Code.js');
  const minified = await transform(readFileSync(codePath, 'utf8'), {
    loader: 'js', target: 'es2020', minifyWhitespace: true, minifySyntax: true, minifyIdentifiers: false, treeShaking: false, legalComments: 'none', charset: 'utf8',
  });
  // 1c. Local variables renamed (terser's mangle, function and class names kept, top level untouched): about 37 KB less,
  //     and the names Apps Script shows in stack traces and the executions list are the source's own. esbuild cannot
  //     rename locals while keeping declared function names (its keepNames only restores `.name`, not what V8 prints).
  const { minify } = await import('terser');
  const mangled = await minify(minified.code, {
    ecma: 2020, compress: false, mangle: { keep_fnames: true, keep_classnames: true, toplevel: false }, format: { comments: false },
  });
  writeFileSync(codePath, mangled.code);
}

// 2. Client: esbuild bundles src/client/sidebar.ts; the script and style are inlined into dist/Sidebar.html
//    (HtmlService serves one file; `</script` inside the bundle is escaped so it cannot close the tag).
const client = await build({
  entryPoints: [path.join(root, 'src/client/sidebar.ts')],
  bundle: true, write: false, format: 'iife', target: 'es2019', minify: true, charset: 'utf8', legalComments: 'none',
});
const script = client.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
const template = readFileSync(path.join(root, 'src/client/sidebar.html'), 'utf8');
const css = readFileSync(path.join(root, 'src/client/sidebar.css'), 'utf8');
writeFileSync(path.join(dist, 'Sidebar.html'), template.replace('/*INLINE_CSS*/', () => css).replace('/*INLINE_SCRIPT*/', () => script));

// 2b. The browser side of the preview (`npm start`): its page script, the google.script.run shim, and the style.
const previewOut = path.join(root, 'build', 'preview');
mkdirSync(previewOut, { recursive: true });
await build({
  entryPoints: { app: path.join(root, 'emulator/preview/client/app.ts'), shim: path.join(root, 'emulator/preview/client/shim.ts') },
  outdir: previewOut, bundle: true, format: 'iife', target: 'es2019', charset: 'utf8', legalComments: 'none',
});
copyFileSync(path.join(root, 'emulator/preview/client/preview.css'), path.join(previewOut, 'preview.css'));

// 3. Manifest.
copyFileSync(path.join(root, 'appsscript.json'), path.join(dist, 'appsscript.json'));

// 3b. The emulator's scope table: each Apps Script method's OAuth scopes from Google's reference (gas-types-detailed),
//     loaded by emulator/scopes.ts. Generated, not committed: it follows the installed package version.
const { generateScopeTable } = await import('./scope-table.mjs');
const scopeTable = generateScopeTable();
mkdirSync(path.join(root, 'build'), { recursive: true });
writeFileSync(path.join(root, 'build', 'scope-table.json'), JSON.stringify(scopeTable));
const withScopes = Object.values(scopeTable.methods).filter((m) => m.scopes.length > 0).length;

// 4. Node-side tools (demo, bench, preview server) bundled so they run with plain `node`.
const tools = [
  ['scripts/demo.ts', 'demo.cjs'],
  ['bench/bench.ts', 'bench.cjs'],
  ['emulator/preview/server.ts', 'preview.cjs'],
].filter(([src]) => existsSync(path.join(root, src)));
await build({
  entryPoints: Object.fromEntries(tools.map(([src, out]) => [out.replace(/\.cjs$/, ''), path.join(root, src)])),
  outdir: path.join(root, 'build'), outExtension: { '.js': '.cjs' },
  bundle: true, platform: 'node', format: 'cjs', target: 'node20', keepNames: true, sourcemap: 'inline',
  external: ['playwright-core', 'axe-core'],
});

const size = readdirSync(dist).map((f) => `${f} ${readFileSync(path.join(dist, f)).length} B`).join(', ');
console.log(`built dist/: ${size}${catalogueNote}; build/scope-table.json: ${Object.keys(scopeTable.methods).length} methods, ${withScopes} with scopes (${scopeTable.source})`);
