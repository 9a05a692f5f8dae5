// Repeated string literals of webpack's output, each written once: `let __str0 = "MULTIPLE_CHOICE", …` as the first
// statement of the bundle's strict scope, and the name (two bytes once terser mangles it) wherever the literal stood
// (−4,067 B: "MULTIPLE_CHOICE" 15 times, "registration" 14, "PARAGRAPH" 16, "NFKC" 31…). A string is a primitive, so a
// name holding it is the same value in every use; the declaration runs before any other statement of the bundle (the
// stubs above it are empty function declarations), so no use meets it uninitialised. terser leaves such a `let` as is
// (it inlines a constant only where that is shorter). A literal stays where it is not a value: a directive, a property
// name, a destructuring key, `o["name"]` (terser writes `o.name`). Only where it pays: n uses of a literal of length L
// (quotes included) cost n·L, and n·2 + L + 5 once hoisted. A repeated property name is written through such a name
// too (`o[n]` for `o.responseKey`, −21,079 B with `.length` 483 times, `.filter` 217…): see hoistStrings below.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const ts = require('typescript');

export function hoistStrings(code, { keepNames = new Set() } = {}) {
  const strict = code.indexOf('"use strict";', code.indexOf('// This entry needs to be wrapped in an IIFE'));
  if (strict < 0) throw new Error('hoist-strings: the strict scope was not found');
  const at = strict + '"use strict";'.length;
  if (/\b__str\d+\b/.test(code)) throw new Error('hoist-strings: the name __str… is already used in the bundle');
  const source = ts.createSourceFile('Code.js', code, ts.ScriptTarget.ES2020, true, ts.ScriptKind.JS);
  // text → its uses, each an edit (`{ start, end, before, after }`) whose `name` is filled in once the text is hoisted;
  // `saved` is what the use costs in terser's output now minus what it costs written through a two-byte name.
  const uses = new Map();
  const use = (text, start, end, saved, write) => {
    if (!uses.has(text)) uses.set(text, []);
    uses.get(text).push({ start, end, saved, write });
  };
  const identifierLike = /^[A-Za-z_$][\w$]*$/;
  // A property name written as a computed key (`o[n]`, `{ [n]: v }`, `{ [n]: a } = o`) where `n` holds the same string is
  // the same property: ECMAScript evaluates `o.p` and `o["p"]` to the one property key "p" (EvaluatePropertyAccessWithIdentifierKey
  // and …WithExpressionKey, https://tc39.es/ecma262/#sec-property-accessors), and an object literal's `p: v`, `["p"]: v`
  // define the same own property (with the same inferred function name). Never `__proto__` (`{ __proto__: v }` sets the
  // prototype, `{ ["__proto__"]: v }` an own property), never a class member (a computed "constructor" is no
  // constructor), never a name in keepNames (Apps Script's service members, left as Google's reference writes them).
  const renamable = (text) => identifierLike.test(text) && text !== '__proto__' && !keepNames.has(text);
  const inObjectLiteral = (node) => ts.isObjectLiteralExpression(node.parent);
  const visit = (node) => {
    const parent = node.parent;
    const start = node.getStart(source);
    if (start >= at) {
      if (ts.isStringLiteral(node)) {
        const skip =
          ts.isExpressionStatement(parent) || // a directive
          ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) ||
            ts.isGetAccessorDeclaration(parent) || ts.isSetAccessorDeclaration(parent)) && parent.name === node) ||
          (ts.isBindingElement(parent) && parent.propertyName === node) ||
          ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isLiteralTypeNode(parent);
        const len = JSON.stringify(node.text).length;
        if (ts.isElementAccessExpression(parent) && parent.argumentExpression === node && identifierLike.test(node.text)) {
          // `o["p"]`: terser writes `o.p`
          if (renamable(node.text)) use(node.text, start, node.end, node.text.length + 1 - 4, (n) => n);
        } else if (ts.isPropertyAssignment(parent) && parent.name === node && inObjectLiteral(parent)) {
          if (renamable(node.text)) use(node.text, start, node.end, node.text.length + 1 - 5, (n) => `[${n}]`);
        } else if (!skip) use(node.text, start, node.end, len - 2, (n) => n);
      } else if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name) && node.expression.kind !== ts.SyntaxKind.SuperKeyword) {
        const text = node.name.text;
        if (renamable(text)) use(text, node.expression.end, node.name.end, text.length + 1 - 4, (n) => (node.questionDotToken ? `?.[${n}]` : `[${n}]`));
      } else if (ts.isIdentifier(node) && renamable(node.text) && parent && inObjectLiteral(parent) && parent.name === node &&
        (ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isGetAccessorDeclaration(parent) || ts.isSetAccessorDeclaration(parent))) {
        use(node.text, start, node.end, node.text.length - 4, (n) => `[${n}]`);
      } else if (ts.isIdentifier(node) && renamable(node.text) && parent && ts.isShorthandPropertyAssignment(parent) && parent.name === node) {
        use(node.text, start, start, node.text.length - 4, (n) => `[${n}]: `);
      } else if (ts.isBindingElement(node) && ts.isObjectBindingPattern(parent) && !node.dotDotDotToken) {
        const key = node.propertyName ?? node.name;
        if ((ts.isIdentifier(key) || ts.isStringLiteral(key)) && renamable(key.text)) {
          const keyStart = key.getStart(source);
          if (node.propertyName) use(key.text, keyStart, key.end, key.text.length - 4, (n) => `[${n}]`);
          else use(key.text, keyStart, keyStart, key.text.length - 4, (n) => `[${n}]: `);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const edits = [];
  const decls = [];
  const words = [];
  for (const [text, list] of uses) {
    // A text without spaces is declared as one word of `let [a, b, …] = "w1 w2 …".split(" ")` (name, comma, word and
    // space: its length + 4 bytes); terser cannot fold such a name back into a literal or a `.p`. Others as `n = "…"`.
    const word = !/[\s]/.test(text) && text !== '';
    const cost = word ? text.length + 4 : JSON.stringify(text).length + 5;
    const saved = list.reduce((s, u) => s + u.saved, 0);
    if (list.length < 2 || saved <= cost) continue;
    const name = `__str${decls.length + words.length}`;
    if (word) words.push([name, text]);
    else decls.push(`${name} = ${JSON.stringify(text)}`);
    for (const u of list) edits.push({ start: u.start, end: u.end, text: u.write(name) });
  }
  edits.sort((a, b) => b.start - a.start);
  for (let i = 1; i < edits.length; i++) if (edits[i].end > edits[i - 1].start) throw new Error('hoist-strings: overlapping edits');
  let out = code;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  const lines = [];
  if (words.length) lines.push(`let [${words.map(([n]) => n).join(', ')}] = ${JSON.stringify(words.map(([, w]) => w).join(' '))}.split(" ");`);
  if (decls.length) lines.push(`let ${decls.join(',\n  ')};`);
  if (lines.length) out = `${out.slice(0, at)}\n${lines.join('\n')}\n${out.slice(at)}`;
  return { code: out, hoisted: decls.length + words.length, uses: edits.length };
}

// ECMAScript's own constructors and namespaces the bundle names often (`String(…)` 179 times, `Number` 143, `Date`…),
// each read once into a variable at the top of the strict scope, which terser then names in two bytes. Only names
// the bundle never declares itself (so every such identifier is the global), only ECMAScript's globals (never an Apps
// Script service: reading SpreadsheetApp is left where the code reads it), only as a value (not `x.String`, a property
// name or a key).
const STATIC_METHODS = {
  Object: ['keys', 'values', 'entries', 'fromEntries', 'assign', 'freeze'],
  Array: ['isArray', 'from'],
  JSON: ['stringify', 'parse'],
  Math: ['max', 'min', 'floor', 'round', 'abs', 'ceil', 'trunc'],
  Number: ['isInteger', 'isFinite', 'isNaN'],
  String: ['fromCharCode'],
  Date: ['now'],
};
const BUILTINS = ['String', 'Number', 'Object', 'Array', 'Math', 'JSON', 'Date', 'Map', 'Set', 'Boolean', 'Error', 'RegExp', 'Promise', 'Uint8Array', 'Uint16Array', 'Int16Array', 'Uint32Array'];

export function aliasGlobals(code) {
  const strict = code.indexOf('"use strict";', code.indexOf('// This entry needs to be wrapped in an IIFE'));
  if (strict < 0) throw new Error('alias-globals: the strict scope was not found');
  const at = strict + '"use strict";'.length;
  if (/\b__global_\w+\b/.test(code)) throw new Error('alias-globals: the name __global_… is already used in the bundle');
  const source = ts.createSourceFile('Code.js', code, ts.ScriptTarget.ES2020, true, ts.ScriptKind.JS);
  const declared = new Set();
  const uses = new Map(BUILTINS.map((n) => [n, []]));
  const isDeclarationName = (node, parent) =>
    (ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isFunctionDeclaration(parent) || ts.isFunctionExpression(parent) ||
      ts.isClassDeclaration(parent) || ts.isClassExpression(parent) || ts.isBindingElement(parent) || ts.isImportSpecifier(parent) ||
      ts.isImportClause(parent) || ts.isNamespaceImport(parent)) && parent.name === node;
  const visit = (node) => {
    const parent = node.parent;
    if (ts.isIdentifier(node) && uses.has(node.text)) {
      if (isDeclarationName(node, parent)) declared.add(node.text);
      else if (
        node.getStart(source) >= at &&
        !(ts.isPropertyAccessExpression(parent) && parent.name === node) &&
        !((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) ||
          ts.isGetAccessorDeclaration(parent) || ts.isSetAccessorDeclaration(parent)) && parent.name === node) &&
        !(ts.isBindingElement(parent) && parent.propertyName === node) &&
        !ts.isShorthandPropertyAssignment(parent) && !ts.isLabeledStatement(parent) &&
        !ts.isBreakOrContinueStatement(parent) && !ts.isTypeReferenceNode(parent)
      ) uses.get(node.text).push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const edits = [];
  const decls = [];
  // `Object.keys(…)`, `JSON.stringify(…)`, `Math.max(…)`: functions that read no `this` (Array.from with an undefined
  // `this` builds a plain array, as with Array: https://tc39.es/ecma262/#sec-array.from, "If IsConstructor(C)"), read
  // once too where that pays; never an assignment's target (−1,015 B).
  const methods = new Map();
  for (const [name, nodes] of uses) {
    if (declared.has(name) || !STATIC_METHODS[name]) continue;
    for (const n of nodes) {
      const p = n.parent;
      if (!ts.isPropertyAccessExpression(p) || p.expression !== n || !STATIC_METHODS[name].includes(p.name.text)) continue;
      const gp = p.parent;
      if ((ts.isBinaryExpression(gp) && gp.left === p && gp.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && gp.operatorToken.kind <= ts.SyntaxKind.LastAssignment) ||
        ts.isDeleteExpression(gp) || ts.isPrefixUnaryExpression(gp) || ts.isPostfixUnaryExpression(gp)) continue;
      const key = `${name}_${p.name.text}`;
      if (!methods.has(key)) methods.set(key, { name, method: p.name.text, nodes: [] });
      methods.get(key).nodes.push(p);
    }
  }
  const taken = new Set();
  for (const [key, { name, method, nodes }] of methods) {
    const length = name.length + 1 + method.length;
    if (nodes.length * length <= nodes.length * 2 + length + 4) continue;
    decls.push(`__global_${key} = ${name}.${method}`);
    for (const n of nodes) { edits.push({ start: n.getStart(source), end: n.end, text: `__global_${key}` }); taken.add(n.expression); }
  }
  for (const [name, list] of uses) {
    const nodes = list.filter((n) => !taken.has(n));
    if (declared.has(name) || nodes.length * name.length <= nodes.length * 2 + name.length + 4) continue;
    decls.push(`__global_${name} = ${name}`);
    for (const n of nodes) edits.push({ start: n.getStart(source), end: n.end, text: `__global_${name}` });
  }
  edits.sort((a, b) => b.start - a.start);
  let out = code;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  if (decls.length) out = `${out.slice(0, at)}\nlet ${decls.join(', ')};\n${out.slice(at)}`;
  return { code: out, aliased: decls.length, uses: edits.length };
}
