// Server bundle: src/server/main.ts → dist/Code.js. gas-webpack-plugin turns each `export function`
// of main.ts into a top-level Apps Script function (it skips `export const`, see DESIGN.md §6).
const path = require('node:path');
const GasPlugin = require('gas-webpack-plugin');
const fs = require('node:fs');
const webpack = require('webpack');

// The message catalogue in its packed form (scripts/pack-catalogue.mjs, written by scripts/build.mjs just before).
const packedCatalogue = path.resolve(__dirname, 'build/catalogue.packed.ts');
const i18nDir = path.resolve(__dirname, 'src/server/i18n');

/**
 * gas-webpack-plugin would also write, after main.ts's code, `__webpack_require__.g.onOpen = __webpack_exports__.onOpen;`
 * for each `export function`: text webpack never parses, so with `usedExports` main.ts's functions and everything they
 * import look unused. scripts/gas-globals-loader.cjs writes those assignments into main.ts's source instead
 * (`Object.assign(globalThis, { onOpen, … })`), which webpack reads; this drops the plugin's copy. The stubs stay the plugin's.
 */
class WithoutGasGlobalAssignments {
  apply(compiler) {
    // Tapped before GasPlugin's own hook (listed first in `plugins`): wraps the template GasPlugin registers next.
    compiler.hooks.compilation.tap('WithoutGasGlobalAssignments', (compilation) => {
      const templates = compilation.dependencyTemplates;
      const set = templates.set.bind(templates);
      templates.set = (dependency, template) => {
        if (dependency.name === 'GasDependency') {
          const original = template.apply.bind(template);
          template.apply = (dep, source) => original(dep, {
            original: typeof source.original === 'function' ? () => source.original() : undefined,
            source: () => source.source(),
            insert: (at, text, name) => {
              if (!/^(\s*__webpack_require__\.g\.[\w$]+ = __webpack_exports__\.[\w$]+;)+\s*$/.test(text)) source.insert(at, text, name);
            },
          });
        }
        set(dependency, template);
      };
    });
  }
}

module.exports = {
  mode: 'production',
  context: __dirname,
  entry: './src/server/main.ts',
  devtool: false,
  output: { path: path.resolve(__dirname, 'dist'), filename: 'Code.js', clean: false },
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [
      { test: /\.ts$/, loader: 'esbuild-loader', options: { loader: 'ts', target: 'es2020' } },
      { test: path.resolve(__dirname, 'src/server/main.ts'), enforce: 'pre', loader: path.resolve(__dirname, 'scripts/gas-globals-loader.cjs') },
      { test: /[\\/]lean-qr[\\/]nano\.mjs$/, loader: path.resolve(__dirname, 'scripts/lean-qr-loader.cjs') },
    ],
  },
  // usedExports: webpack leaves out exports no module uses. On its own it also drops the entry's `__webpack_exports__`
  // object and all main.ts imports, which gas-webpack-plugin's assignments need (the bundle fails on load): hence
  // scripts/gas-globals-loader.cjs and the plugin above.
  optimization: { minimize: false, usedExports: true, concatenateModules: true },
  plugins: [
    new WithoutGasGlobalAssignments(),
    new GasPlugin({ autoGlobalExportsFiles: ['src/server/main.ts'] }),
    new webpack.NormalModuleReplacementPlugin(/^\.\/catalogue$/, (resource) => {
      if (path.resolve(resource.context) === i18nDir && fs.existsSync(packedCatalogue)) resource.request = packedCatalogue;
    }),
  ],
  performance: { hints: false },
};
