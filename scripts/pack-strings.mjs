// Takes the longer non-ASCII string literals (sheet headers, default template texts, form help, data tables) out of
// webpack's output and packs them with the message catalogue in one raw-DEFLATE block (src/server/i18n/unpack.ts says
// why): each becomes `__packedText(i)`, a function this adds to the bundle's strict scope, which reads the unpacked
// block's `s[i]`. Only text moves: code stays code (no eval); a regular expression, a tagged template and a variable's
// name stay as written. Runs on webpack's readable output, before terser, so build/Code.unminified.js (what
// `npm run stack` reads) shows the calls.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { deflateRawSync } from 'node:zlib';
import { PLACEHOLDER } from './pack-catalogue.mjs';

const require = createRequire(import.meta.url);
const ts = require('typescript');
// A worktree whose node_modules predates @gfx/zopfli still builds (zlib's stream, ~2 KB larger) and says so.
let zopfli = null;
try {
  zopfli = require('@gfx/zopfli');
} catch {
  console.warn('pack-strings: @gfx/zopfli is not installed (run `npm install`); the packed block is deflated by zlib, ~2 KB larger');
}

const NON_ASCII = /[^\x00-\x7f]/;

/** src/server/i18n/unpack.ts's encoders (each pair lives and is tested there), evaluated here at build time. */
async function encoders(root) {
  const bundled = await build({ entryPoints: [path.join(root, 'src/server/i18n/unpack.ts')], bundle: true, write: false, format: 'cjs', platform: 'neutral', target: 'es2020', logLevel: 'silent' });
  const module = { exports: {} };
  vm.runInNewContext(bundled.outputFiles[0].text, { module, exports: module.exports });
  return module.exports;
}

/**
 * `code`: webpack's output; `catalogue`: { ja, en }. A literal moves when its value is at least `minBytes` long
 * in UTF-8 (a call `Xe(123)` costs ~7 bytes once minified). Returns the new code and what moved.
 */
export async function packStrings(root, code, catalogue, { minBytes = 10, minDataBytes = 24, minInnerDataBytes = 32 } = {}) {
  const strict = code.indexOf('"use strict";', code.indexOf('// This entry needs to be wrapped in an IIFE'));
  if (strict < 0) throw new Error('pack-strings: the entry module\'s strict scope was not found in webpack\'s output');
  const at = strict + '"use strict";'.length;
  const source = ts.createSourceFile('Code.js', code, ts.ScriptTarget.ES2020, true, ts.ScriptKind.JS);
  const texts = [];
  const indexOf = new Map();
  const call = (text) => {
    let i = indexOf.get(text);
    if (i === undefined) {
      i = texts.length;
      texts.push(text);
      indexOf.set(text, i);
    }
    return `__packedText(${i})`;
  };
  // esbuild writes non-ASCII characters as \u escapes and terser writes them back as UTF-8: judge by the value.
  const worth = (value) => NON_ASCII.test(value) && Buffer.byteLength(value) + 2 >= minBytes;
  const edits = [];
  const replace = (start, end, text) => edits.push({ start, end, text });
  const isNameOf = (node, parent) =>
    (ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isGetAccessorDeclaration(parent) ||
      ts.isSetAccessorDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node;
  const templatePart = (part, open, close) => {
    // A template's head, middle or tail: `open` text `close`, where text is rewritten as ${__packedText(i)}.
    if (worth(part.text)) replace(part.getStart(source), part.end, `${open}\${${call(part.text)}}${close}`);
  };

  // Constant data evaluated once, when the bundle loads: an object or array literal at a module's top level (no
  // function or class between it and the bundle's strict scope) made only of strings, numbers, booleans, null and such
  // literals — the sheet definitions' columns, option lists, tables — becomes `__packedData(i)`, which parses its JSON
  // from the packed block, a new value at the same place as the literal was (so identity and mutation are as before).
  // Inside a function, such a literal is a new value each time it is evaluated, and so is JSON.parse's: the default
  // templates' paragraphs and tables, a result's zeroed counters. There only from `minInnerDataBytes` of JSON (−1,305 B
  // at 40, then −130 more at 32; −160 at 24), so that a small literal a loop may evaluate per row stays a literal
  // (JSON.parse of a 32-byte text is well under a microsecond).
  const packedData = new Set();
  const dataValue = (node) => {
    if (ts.isParenthesizedExpression(node)) return dataValue(node.expression);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return { value: node.text };
    if (ts.isNumericLiteral(node)) return { value: Number(node.text) };
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand) && Number(node.operand.text) !== 0) {
      return { value: -Number(node.operand.text) };
    }
    if (node.kind === ts.SyntaxKind.TrueKeyword) return { value: true };
    if (node.kind === ts.SyntaxKind.FalseKeyword) return { value: false };
    if (node.kind === ts.SyntaxKind.NullKeyword) return { value: null };
    if (ts.isArrayLiteralExpression(node)) {
      const out = [];
      for (const e of node.elements) {
        const v = ts.isOmittedExpression(e) || ts.isSpreadElement(e) ? null : dataValue(e);
        if (!v) return null;
        out.push(v.value);
      }
      return { value: out };
    }
    if (ts.isObjectLiteralExpression(node)) {
      const out = {};
      for (const p of node.properties) {
        if (!ts.isPropertyAssignment(p) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name))) return null;
        const name = ts.isNumericLiteral(p.name) ? String(Number(p.name.text)) : p.name.text;
        if (name === '__proto__') return null;
        const v = dataValue(p.initializer);
        if (!v) return null;
        out[name] = v.value;
      }
      return { value: out };
    }
    return null;
  };
  const strictScope = (() => {
    let found = null;
    const find = (node) => {
      if (!found && ts.isArrowFunction(node) && node.getStart(source) < at && node.end > at) found = node;
      else if (!found) ts.forEachChild(node, find);
    };
    find(source);
    if (!found) throw new Error('pack-strings: the strict scope\'s arrow function was not found');
    return found;
  })();
  // webpack writes an unused export's value as `null && (…)`, which terser drops: nothing in it goes into the block.
  const dropped = (node) => ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken &&
    node.left.kind === ts.SyntaxKind.NullKeyword;
  const atTopLevel = (node) => {
    for (let p = node.parent; p; p = p.parent) {
      if (p === strictScope) return true;
      if (ts.isFunctionLike(p) || ts.isClassLike(p)) return false;
    }
    return false;
  };
  // The unpacking itself (unpack.ts's inflate and decoders, build/catalogue.packed.ts) reads no packed data: it would
  // call itself.
  const unpacking = ['./src/server/i18n/unpack.ts', './build/catalogue.packed.ts'].map((name) => {
    const start = code.indexOf(`\n;// ${name}\n`);
    if (start < 0) throw new Error(`pack-strings: ${name} not found in the bundle`);
    const end = code.indexOf('\n;// ', start + 1);
    return [start, end < 0 ? code.length : end];
  });
  const inUnpacking = (node) => unpacking.some(([start, end]) => node.getStart(source) >= start && node.end <= end);
  const findData = (node) => {
    if (dropped(node)) return;
    if (node.getStart(source) >= at && (ts.isObjectLiteralExpression(node) || ts.isArrayLiteralExpression(node)) && !inUnpacking(node)) {
      const v = dataValue(node);
      const json = v && JSON.stringify(v.value);
      // A call costs ~6 bytes minified; below ~24 bytes of JSON the literal is as short.
      if (json && json.length >= (atTopLevel(node) ? minDataBytes : minInnerDataBytes)) {
        packedData.add(node);
        replace(node.getStart(source), node.end, `__packedData(${indexOf.has(json) ? indexOf.get(json) : (call(json), indexOf.get(json))})`);
        return;
      }
    }
    ts.forEachChild(node, findData);
  };
  findData(source);

  const visit = (node) => {
    const parent = node.parent;
    if (packedData.has(node) || dropped(node)) return;
    if (node.getStart(source) >= at) {
      if (ts.isStringLiteral(node) && worth(node.text)) {
        if (ts.isExpressionStatement(parent)) { /* a directive */ }
        else if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) { /* none in webpack's output */ }
        else if (isNameOf(node, parent) || (ts.isBindingElement(parent) && parent.propertyName === node)) replace(node.getStart(source), node.end, `[${call(node.text)}]`);
        else replace(node.getStart(source), node.end, call(node.text));
      } else if (ts.isIdentifier(node) && worth(node.text)) {
        if (isNameOf(node, parent) || (ts.isBindingElement(parent) && parent.propertyName === node)) replace(node.getStart(source), node.end, `[${call(node.text)}]`);
        else if (ts.isPropertyAccessExpression(parent) && parent.name === node) {
          replace(parent.expression.end, node.end, `${parent.questionDotToken ? '?.' : ''}[${call(node.text)}]`);
        }
        // Otherwise a variable's own name: left as written.
      } else if (ts.isNoSubstitutionTemplateLiteral(node) && !ts.isTaggedTemplateExpression(parent) && worth(node.text)) {
        replace(node.getStart(source), node.end, call(node.text));
      } else if (ts.isTemplateExpression(node) && !ts.isTaggedTemplateExpression(parent)) {
        templatePart(node.head, '`', '${');
        node.templateSpans.forEach((span, i) => templatePart(span.literal, '}', i === node.templateSpans.length - 1 ? '`' : '${'));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);

  // Message keys → their index in the block's key list (`t(lang, 12, …)` for `t(lang, 'setup.done', …)`): the catalogue
  // carries every sentence under its key and under its index (unpack.ts), and `t` only looks the key up (messages.ts),
  // so the sentence is the same. Always, where a key is only looked up: the key argument of a `t` call (either branch
  // of a `?:` there too) and the operation table's `caption` and `title` (src/server/operations.ts), which
  // workspace/entry.ts only passes to t. Where a key is carried and may be compared — the first argument of
  // `new UserFacingError(…)`, a `key:` property (a Localized), an operand of ===/!== against a `.key` — only a key whose
  // every occurrence in the bundle is in one of these places, and that no template or concatenation can build (a
  // `template.${code}` makes every key starting `template.` a string the code may compare): then it is a number
  // everywhere, and equal to itself. Anywhere else (a Set of keys, a property name, a value sent to the sidebar) a key
  // stays as written, and so do its carried occurrences.
  const keys = Object.keys(catalogue.ja);
  const keyIndex = new Map(keys.map((k, i) => [k, i]));
  const tNames = [...code.matchAll(/^function ((?:[\w$]+_)?t)\(lang, key, params = \{\}\) \{$/gm)].map((m) => m[1]);
  if (tNames.length !== 1) throw new Error(`pack-strings: messages.ts's t(lang, key, params) not found once in the bundle (${tNames.length})`);
  const errorNames = [...code.matchAll(/^class ((?:[\w$]+_)?UserFacingError) extends Error \{$/gm)].map((m) => m[1]);
  if (errorNames.length !== 1) throw new Error(`pack-strings: class UserFacingError not found once in the bundle (${errorNames.length})`);
  const table = code.indexOf('\n;// ./src/server/operations.ts\n');
  const tableEnd = code.indexOf('\n;// ', table + 1);
  if (table < 0 || tableEnd < 0) throw new Error('pack-strings: src/server/operations.ts not found in the bundle');
  const lookups = new Set(); // literal nodes
  const carried = new Set();
  const dynamicPrefixes = [];
  const branches = (node, into) => {
    if (ts.isParenthesizedExpression(node)) branches(node.expression, into);
    else if (ts.isConditionalExpression(node)) [node.whenTrue, node.whenFalse].forEach((n) => branches(n, into));
    else if (ts.isStringLiteral(node)) into.add(node);
  };
  const isKeyRead = (node) => ts.isPropertyAccessExpression(node) && node.name.text === 'key';
  const classify = (node) => {
    if (packedData.has(node)) return;
    if (node.getStart(source) >= at) {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === tNames[0] && node.arguments.length >= 2) {
        branches(node.arguments[1], lookups);
      } else if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && ['caption', 'title'].includes(node.name.text) &&
        node.getStart(source) > table && node.end < tableEnd) {
        branches(node.initializer, lookups);
      } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === errorNames[0] && node.arguments?.length) {
        branches(node.arguments[0], carried);
      } else if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === 'key') {
        branches(node.initializer, carried);
      } else if (ts.isBinaryExpression(node) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(node.operatorToken.kind)) {
        if (isKeyRead(node.left)) branches(node.right, carried);
        if (isKeyRead(node.right)) branches(node.left, carried);
      } else if (ts.isTemplateExpression(node)) {
        dynamicPrefixes.push(node.head.text);
      } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken && ts.isStringLiteral(node.left)) {
        dynamicPrefixes.push(node.left.text);
      }
    }
    ts.forEachChild(node, classify);
  };
  classify(source);
  const elsewhere = new Set(); // keys with an occurrence in no place above
  const collect = (node) => {
    if (node.getStart(source) >= at && ts.isStringLiteral(node) && keyIndex.has(node.text) && !lookups.has(node) && !carried.has(node)) elsewhere.add(node.text);
    ts.forEachChild(node, collect);
  };
  collect(source);
  const built = (key) => dynamicPrefixes.some((prefix) => prefix !== '' && key.startsWith(prefix));
  let keysIndexed = 0;
  for (const node of [...lookups, ...carried]) {
    if (!keyIndex.has(node.text)) continue;
    if (carried.has(node) && !lookups.has(node) && (elsewhere.has(node.text) || built(node.text))) continue;
    replace(node.getStart(source), node.end, String(keyIndex.get(node.text)));
    keysIndexed++;
  }

  edits.sort((a, b) => b.start - a.start);
  let out = code;
  for (let i = 0; i < edits.length; i++) {
    if (i > 0 && edits[i].end > edits[i - 1].start) throw new Error('pack-strings: overlapping edits');
    out = out.slice(0, edits[i].start) + edits[i].text + out.slice(edits[i].end);
  }

  const functions = [...out.matchAll(/function ([\w$]*packedCatalogueAndTexts)\(/g)];
  if (functions.length !== 1) throw new Error('pack-strings: packedCatalogueAndTexts (build/catalogue.packed.ts) not found once in the bundle');
  if (/\b__packed(Text|Data)\b/.test(code)) throw new Error('pack-strings: the name __packedText or __packedData is already used in the bundle');
  const { blockText, textToCodeBytes, bytesToText } = await encoders(root);
  const bytes = Buffer.from(textToCodeBytes(blockText(catalogue, texts)));
  // zopfli (build time only; its output is plain DEFLATE, which src/server/i18n/unpack.ts's inflate reads) packs ~7% tighter than zlib's
  // level 9; zlib's stream is kept when it is not larger.
  const zlibBytes = deflateRawSync(bytes, { level: 9 });
  const zopfliBytes = zopfli ? Buffer.from(await zopfli.deflateAsync(bytes, { numiterations: 15 })) : zlibBytes;
  const deflated = zopfliBytes.length < zlibBytes.length ? zopfliBytes : zlibBytes;
  const packed = bytesToText(new Uint8Array(deflated));
  const placeholderAt = out.indexOf(PLACEHOLDER);
  if (placeholderAt < 0 || out.indexOf(PLACEHOLDER, placeholderAt + 1) >= 0) throw new Error('pack-strings: the packed block\'s placeholder was not found once');
  out = out.slice(0, placeholderAt) + `(${JSON.stringify(packed)}, ${deflated.length}, ${bytes.length})` + out.slice(placeholderAt + PLACEHOLDER.length);
  // A function declaration: hoisted to the top of the scope, so a module's load-time code may call it wherever it is.
  const helper = `\n/** scripts/pack-strings.mjs: the text moved out of this place into the packed block. */\nfunction __packedText(i) {\n  return ${functions[0][1]}().s[i];\n}\n` +
    `/** scripts/pack-strings.mjs: the constant data moved out of this place into the packed block, as JSON. */\nfunction __packedData(i) {\n  return JSON.parse(__packedText(i));\n}\n`;
  out = out.slice(0, at) + helper + out.slice(at);
  return { code: out, texts, data: packedData.size, keysIndexed, bytes: bytes.length, packed: packed.length };
}
