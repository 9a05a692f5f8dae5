// Repeated string literals of webpack's output, each written once: `let __str0 = "MULTIPLE_CHOICE", …` as the first
// statement of the bundle's strict scope, and the name (two bytes once terser mangles it) wherever the literal stood
// (−4,067 B: "MULTIPLE_CHOICE" 15 times, "registration" 14, "PARAGRAPH" 16, "NFKC" 31…). A string is a primitive, so a
// name holding it is the same value in every use; the declaration runs before any other statement of the bundle (the
// stubs above it are empty function declarations), so no use meets it uninitialised. terser leaves such a `let` as is
// (it inlines a constant only where that is shorter). A literal stays where it is not a value: a directive, a property
// name, a destructuring key, `o["name"]` (terser writes `o.name`). Only where it pays: n uses of a literal of length L
// (quotes included) cost n·L, and n·2 + L + 5 once hoisted.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const ts = require('typescript');

export function hoistStrings(code) {
  const strict = code.indexOf('"use strict";', code.indexOf('// This entry needs to be wrapped in an IIFE'));
  if (strict < 0) throw new Error('hoist-strings: the strict scope was not found');
  const at = strict + '"use strict";'.length;
  if (/\b__str\d+\b/.test(code)) throw new Error('hoist-strings: the name __str… is already used in the bundle');
  const source = ts.createSourceFile('Code.js', code, ts.ScriptTarget.ES2020, true, ts.ScriptKind.JS);
  const uses = new Map();
  const identifierLike = /^[A-Za-z_$][\w$]*$/;
  const visit = (node) => {
    const parent = node.parent;
    if (ts.isStringLiteral(node) && node.getStart(source) >= at) {
      const skip =
        ts.isExpressionStatement(parent) || // a directive
        ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) ||
          ts.isGetAccessorDeclaration(parent) || ts.isSetAccessorDeclaration(parent)) && parent.name === node) ||
        (ts.isBindingElement(parent) && parent.propertyName === node) ||
        (ts.isElementAccessExpression(parent) && parent.argumentExpression === node && identifierLike.test(node.text)) ||
        ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isLiteralTypeNode(parent);
      if (!skip) {
        const key = node.text;
        if (!uses.has(key)) uses.set(key, []);
        uses.get(key).push(node);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const edits = [];
  const decls = [];
  for (const [text, nodes] of uses) {
    const len = JSON.stringify(text).length;
    if (nodes.length < 2 || nodes.length * len <= nodes.length * 2 + len + 5) continue;
    const name = `__str${decls.length}`;
    decls.push(`${name} = ${JSON.stringify(text)}`);
    for (const n of nodes) edits.push({ start: n.getStart(source), end: n.end, text: name });
  }
  edits.sort((a, b) => b.start - a.start);
  let out = code;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  if (decls.length) out = `${out.slice(0, at)}\nlet ${decls.join(',\n  ')};\n${out.slice(at)}`;
  return { code: out, hoisted: decls.length, uses: edits.length };
}

// ECMAScript's own constructors and namespaces the bundle names often (`String(…)` 179 times, `Number` 143, `Date`…; −1,732 B),
// each read once into a variable at the top of the strict scope, which terser then names in two bytes. Only names
// the bundle never declares itself (so every such identifier is the global), only ECMAScript's globals (never an Apps
// Script service: reading SpreadsheetApp is left where the code reads it), only as a value (not `x.String`, a property
// name or a key).
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
  for (const [name, nodes] of uses) {
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
