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

// 0. The message catalogue, evaluated for packing (scripts/pack-catalogue.mjs; src/server/i18n/unpack.ts says why).
const { packCatalogue } = await import('./pack-catalogue.mjs');
const { catalogue } = await packCatalogue(root);

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

let catalogueNote = '';
/**
 * Every `const` declaration of webpack's output written `let` (−2,375 B; terser has no such option): the two differ only
 * when the binding is assigned again, which throws for a `const`. The type-check (`tsc`, part of `npm test`) rejects any
 * such assignment in src/; the library bundled (lean-qr) would throw on that path already.
 */
function constToLet(code) {
  const ts = require('typescript');
  const source = ts.createSourceFile('Code.js', code, ts.ScriptTarget.ES2020, true, ts.ScriptKind.JS);
  const starts = [];
  const visit = (node) => {
    if (ts.isVariableDeclarationList(node) && node.flags & ts.NodeFlags.Const) starts.push(node.getStart(source));
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = code;
  for (const at of starts.reverse()) {
    if (out.slice(at, at + 5) !== 'const') throw new Error(`build: no \`const\` at ${at}`);
    out = `${out.slice(0, at)}let${out.slice(at + 5)}`;
  }
  return out;
}

// 1b. Minified by terser alone: whitespace, syntax and every name inside webpack's wrapper, with the top level untouched
//     (gas-webpack-plugin's `function onOpen() {}` stubs are what Apps Script lists and runs, and terser keeps unused
//     top-level functions unless told `toplevel`). Every execution loads the whole file, so it is kept under 250 KB
//     (test/project/bundle-size.test.ts). Keeping every function's name cost about 20 KB, which the features of this
//     release need; instead the source map (build/Code.js.map, into webpack's readable output build/Code.unminified.js, whose module comments name the
//     src/ file) turns
//     an Apps Script stack trace (`at e (Code:1:52345)`) back into function names and source lines: `npm run stack`.
//     Class names are renamed too (−854 B): the one name the add-on reads, UserFacingError's, is set in its constructor
//     (`this.name`), and `npm run stack` names the others. Both files stay out of dist/, which clasp pushes.
{
  const { minify } = await import('terser');
  const codePath = path.join(dist, 'Code.js');
  // The catalogue and the longer non-ASCII literals, packed in one block (scripts/pack-strings.mjs).
  const { packStrings } = await import('./pack-strings.mjs');
  const strings = await packStrings(root, readFileSync(codePath, 'utf8'), catalogue);
  // Repeated string literals written once each, and ECMAScript's often-named globals read once (scripts/hoist-strings.mjs).
  const { hoistStrings, aliasGlobals } = await import('./hoist-strings.mjs');
  // Apps Script's own member names (every method in @types/google-apps-script of the services the bundle uses, their
  // services, collections and enums: any capitalised member) stay written `o.getRange(…)`, `Drive.Files`, as Google's
  // reference writes them. At run time `o.getRange` and `o[n]` are one property either way; the names only matter to a
  // reader of the text: Apps Script "automatically determines what scopes a script needs by scanning its code for
  // function calls", unless the manifest sets `oauthScopes`, as ours does
  // (https://developers.google.com/apps-script/add-ons/concepts/editor-scopes, "Setting explicit scopes").
  const keepNames = new Set();
  const typesDir = path.join(root, 'node_modules/@types/google-apps-script');
  const services = ['base', 'cache', 'calendar', 'document', 'forms', 'html', 'lock', 'mail', 'properties', 'script', 'spreadsheet', 'utilities', 'types']
    .map((s) => `google-apps-script.${s}.d.ts`)
    .concat(['google-apps-script-events.d.ts', 'addons/google-apps-script.addon-event-objects.d.ts', 'apis/calendar_v3.d.ts', 'apis/docs_v1.d.ts', 'apis/drive_v3.d.ts']);
  for (const f of services) {
    const text = readFileSync(path.join(typesDir, f), 'utf8');
    for (const m of text.matchAll(/^\s*(?:readonly\s+)?([A-Za-z_$][\w$]*)\??\s*(\(|:)/gm)) if (m[2] === '(' || /^[A-Z]/.test(m[1])) keepNames.add(m[1]);
    for (const m of text.matchAll(/\benum\s+\w+\s*\{([^}]*)\}/g)) for (const e of m[1].matchAll(/[A-Za-z_$][\w$]*/g)) keepNames.add(e[0]);
  }
  const hoisted = hoistStrings(strings.code, { keepNames });
  const unminified = constToLet(aliasGlobals(hoisted.code).code);
  catalogueNote = `, ${strings.keysIndexed} message keys indexed, ${hoisted.hoisted} strings hoisted, catalogue and ${strings.texts.length} texts: ${strings.bytes} B packed to ${strings.packed} B`;
  mkdirSync(path.join(root, 'build'), { recursive: true });
  writeFileSync(path.join(root, 'build', 'Code.unminified.js'), unminified);
  const minified = await minify({ 'Code.unminified.js': unminified }, {
    ecma: 2020,
    // unsafe_arrows: an anonymous `function` expression that reads neither `this` nor `arguments` becomes an arrow
    // (terser/lib/compress/index.js, def_optimize(AST_Function)); the two differ only under `new` or `.prototype`,
    // which the bundle never applies to such a function (the constructors it news are classes). hoist_funs and a third pass only move and re-fold code.
    // Together −2,089 B (243,399 → 241,310).
    compress: { passes: 3, toplevel: false, keep_infinity: true, unsafe_arrows: true, hoist_funs: true },
    mangle: { toplevel: false },
    format: { comments: false, ascii_only: false },
    sourceMap: { filename: 'Code.js', url: undefined },
  });
  writeFileSync(codePath, minified.code.replace(/\n\/\/# sourceMappingURL=.*$/, ''));
  writeFileSync(path.join(root, 'build', 'Code.js.map'), typeof minified.map === 'string' ? minified.map : JSON.stringify(minified.map));
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
