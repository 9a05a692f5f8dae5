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
export async function packStrings(root, code, catalogue, { minBytes = 10 } = {}) {
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

  const visit = (node) => {
    const parent = node.parent;
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

  edits.sort((a, b) => b.start - a.start);
  let out = code;
  for (let i = 0; i < edits.length; i++) {
    if (i > 0 && edits[i].end > edits[i - 1].start) throw new Error('pack-strings: overlapping edits');
    out = out.slice(0, edits[i].start) + edits[i].text + out.slice(edits[i].end);
  }

  const functions = [...out.matchAll(/function ([\w$]*packedCatalogueAndTexts)\(/g)];
  if (functions.length !== 1) throw new Error('pack-strings: packedCatalogueAndTexts (build/catalogue.packed.ts) not found once in the bundle');
  if (/\b__packedText\b/.test(code)) throw new Error('pack-strings: the name __packedText is already used in the bundle');
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
  const helper = `\n/** scripts/pack-strings.mjs: the text moved out of this place into the packed block. */\nfunction __packedText(i) {\n  return ${functions[0][1]}().s[i];\n}\n`;
  out = out.slice(0, at) + helper + out.slice(at);
  return { code: out, texts, bytes: bytes.length, packed: packed.length };
}
