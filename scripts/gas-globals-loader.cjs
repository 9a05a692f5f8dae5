// webpack loader for src/server/main.ts (webpack.config.js): appends `Object.assign(globalThis, { onOpen, … });` naming
// each `export function`, so that webpack sees main.ts's functions used by the bundle itself. Apps Script then calls the
// function a name holds when it runs: gas-webpack-plugin's top-level stubs `function onOpen() {}` (which Apps Script
// lists) are replaced on load by these properties. One object rather than one `globalThis.onOpen = onOpen;` a name:
// −~650 B once minified.
module.exports = function gasGlobals(source) {
  const names = [...source.matchAll(/^export function ([\w$]+)\s*\(/gm)].map((m) => m[1]);
  if (names.length === 0) throw new Error('gas-globals-loader: no `export function` in ' + this.resourcePath);
  return `${source}\nObject.assign(globalThis, { ${names.join(', ')} });\n`;
};
