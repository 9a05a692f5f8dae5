// webpack loader for src/server/main.ts (webpack.config.js): publishes each `export function` on globalThis, so that
// webpack sees main.ts's entry points used by the bundle itself. Apps Script then calls the function a name holds when
// it runs: gas-webpack-plugin's top-level stubs `function onOpen() {}` (which Apps Script lists) are replaced on load by
// these properties. One object rather than one `globalThis.onOpen = onOpen;` a name: −~650 B once minified.
//
// Most entry points are one line that only hands its arguments to the operation table — `{ fromMenu(O.setUp); }`,
// `{ return fromSidebar(O.previewCsv, base64); }`, `{ fromTrigger(O.formSubmit, e); }` — and those are published from
// a packed list instead (−1,3xx B): `<kind><arity><name>[=<operation id>]`, kind m/s/t for fromMenu/fromSidebar/
// fromTrigger, the id left out where it follows from the name (a sidebar call is `rpc` + its id capitalised, a menu item
// or trigger its id). Each becomes `(...a) => (a.length = arity, from…(O[id], ...a))`: the same call with the same
// arguments — as many as the function declares, `undefined` for one not passed, none beyond — and the same result (fromMenu
// and fromTrigger return nothing). Any other line (onOpen, a default parameter, a body doing more) is published as
// written. test/project/operations.test.ts checks main.ts against the table; test/project/bundle-size.test.ts that
// the bundle replaces every stub.
const PARAM = /^\s*([\w$]+)\s*\??\s*(?::[^=,]+)?$/;
const CALLS = { fromMenu: 'm', fromSidebar: 's', fromTrigger: 't' };

function packable(name, params, body) {
  const p = params.trim() === '' ? [] : params.split(',').map((x) => PARAM.exec(x)?.[1]);
  if (p.some((x) => !x)) return null; // a default value, a destructuring, a rest parameter
  const m = /^\{\s*(return\s+)?(fromMenu|fromSidebar|fromTrigger)\(O\.([\w$]+)((?:\s*,\s*[\w$]+)*)\);\s*\}$/.exec(body.trim());
  if (!m) return null;
  const [, returns, call, id, rest] = m;
  // fromSidebar's result is the RPC's: only a line that returns it (fromMenu and fromTrigger return nothing).
  if (call === 'fromSidebar' && !returns) return null;
  // The function's own parameters, passed on in their order, all of them (not `fromTrigger(O.x, undefined)`).
  if (rest.split(',').map((x) => x.trim()).filter(Boolean).join() !== p.join()) return null;
  const kind = CALLS[call];
  const implied = kind === 's' ? (name.startsWith('rpc') ? name[3].toLowerCase() + name.slice(4) : null) : name;
  return `${kind}${p.length}${name}${implied === id ? '' : `=${id}`}`;
}

module.exports = function gasGlobals(source) {
  const fns = [...source.matchAll(/^export function ([\w$]+)\s*\(([^)]*)\)\s*(?::\s*[\w$.<>]+\s*)?(\{.*\})\s*$/gm)];
  const names = [...source.matchAll(/^export function ([\w$]+)\s*\(/gm)].map((m) => m[1]);
  if (names.length === 0) throw new Error('gas-globals-loader: no `export function` in ' + this.resourcePath);
  const packed = new Map();
  for (const [, name, params, body] of fns) {
    const entry = packable(name, params, body);
    if (entry) packed.set(name, entry);
  }
  const others = names.filter((n) => !packed.has(n));
  const list = [...packed.values()].join(' ');
  return `${source}
Object.assign(globalThis, { ${others.join(', ')} });
{
  const calls = { m: fromMenu, s: fromSidebar, t: fromTrigger } as Record<string, (o: unknown, ...a: unknown[]) => unknown>;
  for (const entry of ${JSON.stringify(list)}.split(' ')) {
    const [, kind, arity, name, id] = /^(.)(\\d)([^=]+)=?(.*)$/.exec(entry)!;
    const op = (O as Record<string, unknown>)[id || (kind === 's' ? name[3]!.toLowerCase() + name.slice(4) : name)];
    (globalThis as Record<string, unknown>)[name] = (...a: unknown[]) => (a.length = +arity, calls[kind]!(op, ...a));
  }
}
`;
};
