// Jest transform: TypeScript 7 has no JavaScript API, so tests are transpiled by esbuild (types are checked by `tsc --noEmit`).
const { transformSync } = require('esbuild');
module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, { loader: 'ts', format: 'cjs', target: 'node20', sourcemap: 'external', sourcefile: filename, keepNames: true });
    return { code, map };
  },
};
