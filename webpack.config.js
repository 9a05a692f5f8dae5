// Server bundle: src/server/main.ts → dist/Code.js. gas-webpack-plugin turns each `export function`
// of main.ts into a top-level Apps Script function (it skips `export const`, see DESIGN.md §6).
const path = require('node:path');
const GasPlugin = require('gas-webpack-plugin');
const fs = require('node:fs');
const webpack = require('webpack');

// The message catalogue in its packed form (scripts/pack-catalogue.mjs, written by scripts/build.mjs just before).
const packedCatalogue = path.resolve(__dirname, 'build/catalogue.packed.ts');
const i18nDir = path.resolve(__dirname, 'src/server/i18n');

module.exports = {
  mode: 'production',
  context: __dirname,
  entry: './src/server/main.ts',
  devtool: false,
  output: { path: path.resolve(__dirname, 'dist'), filename: 'Code.js', clean: false },
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [{ test: /\.ts$/, loader: 'esbuild-loader', options: { loader: 'ts', target: 'es2020' } }],
  },
  optimization: { minimize: false, usedExports: false, concatenateModules: true },
  plugins: [
    new GasPlugin({ autoGlobalExportsFiles: ['src/server/main.ts'] }),
    new webpack.NormalModuleReplacementPlugin(/^\.\/catalogue$/, (resource) => {
      if (path.resolve(resource.context) === i18nDir && fs.existsSync(packedCatalogue)) resource.request = packedCatalogue;
    }),
  ],
  performance: { hints: false },
};
