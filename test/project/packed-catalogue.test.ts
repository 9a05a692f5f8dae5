/**
 * The message catalogue and the longer non-ASCII literals travel packed in dist/Code.js (scripts/pack-catalogue.mjs,
 * scripts/pack-strings.mjs) and are unpacked in plain JavaScript (src/server/i18n/unpack.ts): the decoders are checked
 * against Node's own, and the bundle against the source — its sentences, and the sheets 初期設定 makes.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { blockText, bytesToText, codeBytesToText, digitChar, inflate, textToBytes, textToCodeBytes, unpack } from '../../src/server/i18n/unpack';
import { catalogue } from '../../src/server/i18n/catalogue';
import { AGENCIES, EVENTS, LEDGER, MEETINGS, OPERATION_LOG, SETTINGS } from '../../src/server/domain/schema';
import { loadAddOn } from '../support/bundle';

const code = readFileSync(path.join(__dirname, '../../dist/Code.js'), 'utf8');

test('the packed text alphabet is the 91 printable characters other than space, quotes and backslash', () => {
  const alphabet = Array.from({ length: 91 }, (_, d) => digitChar(d)).join('');
  expect(new Set(alphabet).size).toBe(91);
  expect(alphabet).toMatch(/^[!-~]+$/);
  expect(alphabet).not.toMatch(/["'\\]/);
});

test('bytes → packed text → the same bytes, for every length up to 40 and a long random run; a foreign character fails', () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
  for (const length of [...Array.from({ length: 41 }, (_, i) => i), 10_000]) {
    const bytes = Uint8Array.from({ length }, random);
    if (length > 2) bytes[0] = 0xff;
    const text = bytesToText(bytes);
    expect(text.length).toBeLessThanOrEqual(Math.ceil((length * 8) / 13) * 2);
    expect(Buffer.from(textToBytes(text, length))).toEqual(Buffer.from(bytes));
  }
  expect(() => textToBytes('ab"d', 3)).toThrow(/not in the alphabet/);
  expect(() => textToBytes('ab', 3)).toThrow(/not in the alphabet/);
});

test('inflate reads what zlib deflates: stored, fixed and dynamic Huffman blocks, text and random bytes, long runs, several blocks', () => {
  let seed = 11;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 8;
  const inputs = [
    Buffer.alloc(0), Buffer.from('a'), Buffer.from('参加者台帳の受付時刻を記録しました。'.repeat(50)),
    Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i % 97 < 50 ? 97 + (random() % 4) : random() & 0xff))),
    Buffer.alloc(4_000, 7), Buffer.from(readFileSync(path.join(__dirname, '../../src/server/i18n/catalogue.ts')).subarray(0, 20_000)),
  ];
  for (const input of inputs) {
    for (const options of [{ level: 0 }, { level: 1, strategy: 4 /* Z_FIXED */ }, { level: 1 }, { level: 9 }, { level: 9, strategy: 2 /* Z_HUFFMAN_ONLY */ }]) {
      const deflated = deflateRawSync(input, options);
      expect(Buffer.from(inflate(new Uint8Array(deflated), new Uint8Array(input.length)))).toEqual(input);
    }
  }
  // Incompressible bytes over 65,535: zlib writes stored blocks, at most 65,535 B each.
  const incompressible = Buffer.from(Array.from({ length: 70_000 }, () => random() & 0xff));
  const stored = deflateRawSync(incompressible, { level: 9 });
  expect(Buffer.from(inflate(new Uint8Array(stored), new Uint8Array(incompressible.length)))).toEqual(incompressible);
  expect(() => inflate(new Uint8Array([0x07]), new Uint8Array(1))).toThrow(/bad block type/);
});

test('the block\'s text encoding round-trips (kana, kanji, 𠮷 outside the BMP, over the decoder\'s 4,096-unit chunks) and is shorter than UTF-8 for Japanese', () => {
  for (const text of ['', 'a', '初期設定が終わりました。', 'ｶﾀｶﾅ・𠮷野家・①・"quotes"\n', '\u0000\u007f\u0080\u07ff\u0800\uffff', '参加者台帳𠮷'.repeat(2000)]) {
    expect(codeBytesToText(textToCodeBytes(text))).toBe(text);
  }
  expect(textToCodeBytes('参加者台帳の受付時刻').length).toBeLessThan(Buffer.byteLength('参加者台帳の受付時刻'));
  // 129 distinct high bytes cannot be indexed by the 7 bits the encoding has.
  expect(() => textToCodeBytes(Array.from({ length: 129 }, (_, i) => String.fromCharCode(0x100 * (i + 1))).join(''))).toThrow(/128/);
});

test('unpack inflates raw DEFLATE back to the catalogue (each sentence under its key and its index) and texts it came from; a text holding the separator is refused', () => {
  const value = { ja: { k: '団体名簿のチェック', l: '' }, en: { k: 'Registry check', l: 'x' }, s: ['参加者台帳', ''] };
  const bytes = Buffer.from(textToCodeBytes(blockText(value, value.s)));
  const deflated = deflateRawSync(bytes, { level: 9 });
  // Each sentence under its key and its index (scripts/pack-strings.mjs writes `t(lang, 'k')` as `t(lang, 0)`).
  expect(unpack(bytesToText(new Uint8Array(deflated)), deflated.length, bytes.length)).toEqual({
    ja: { ...value.ja, 0: value.ja.k, 1: value.ja.l }, en: { ...value.en, 0: value.en.k, 1: value.en.l }, s: value.s,
  });
  expect(() => blockText(value, ['a\u0001b'])).toThrow(/U\+0001/);
});

test('dist/Code.js carries the catalogue packed, not as sentences, and renders as the source does (初期設定 in Japanese and English)', () => {
  const ja = catalogue('ja');
  // Long sentences only: short ones ("OK") may legitimately appear as data elsewhere in the bundle.
  const longJa = Object.values(ja).filter((s) => s.length > 30);
  expect(longJa.length).toBeGreaterThan(50);
  for (const sentence of longJa) expect(code.includes(sentence)).toBe(false);
  // 'setup.done' is written only in a t(lang, key) call, which the bundle carries as the key's index.
  expect(code).not.toContain('setup.done');
  for (const [locale, lang] of [['ja', 'ja'], ['en_US', 'en']] as const) {
    const emu = loadAddOn();
    emu.runtime.user.locale = locale;
    emu.run('setUpWorkbook');
    const expected = catalogue(lang)['setup.done'].split('{created}')[0]!;
    expect(expected.length).toBeGreaterThan(5);
    expect(emu.uiState.alerts.at(-1)!.prompt.startsWith(expected)).toBe(true);
  }
});

test('dist/Code.js carries its longer Japanese literals and its constant data packed too (scripts/pack-strings.mjs), and 初期設定 writes the headers, formats and 設定 texts of the source', () => {
  // What is left is short (two or three characters: 「名称」, 「、」) or in a regular expression.
  const nonAscii = code.match(/[^\x00-\x7f]/g) ?? [];
  expect(nonAscii.length).toBeLessThan(1_200);
  for (const text of ['参加者台帳', '企業向け窓口', '利用者向け支援']) expect(code.includes(text)).toBe(false);
  const emu = loadAddOn();
  emu.run('setUpWorkbook');
  for (const def of [AGENCIES, EVENTS, LEDGER, MEETINGS, SETTINGS, OPERATION_LOG]) {
    const sheet = emu.active.sheets.find((s) => s.name === def.name);
    expect(sheet).toBeDefined();
    expect(sheet!.getRange(1, 1, 1, def.columns.length).getValues()[0]).toEqual(def.columns.map((c) => c.header));
  }
  // Constant data (the sheet definitions' columns) travels as JSON in the block too: 操作ログ's 日時 format is in no
  // other place of the source, and 初期設定 still formats the column with it.
  expect(code.includes('yyyy-mm-dd hh:mm:ss')).toBe(false);
  const log = emu.active.sheets.find((s) => s.name === OPERATION_LOG.name)!;
  expect(log.getRange(2, 1).getNumberFormat()).toBe(OPERATION_LOG.columns[0].dateFormat);
  // 設定's rows: each setting's name and description, texts that moved into the packed block.
  const settings = emu.active.sheets.find((s) => s.name === SETTINGS.name)!.getDataRange().getValues();
  expect(settings.length).toBeGreaterThan(5);
  expect(settings.slice(1).every((row) => String(row[0]).length > 0)).toBe(true);
  expect(settings.flat().some((v) => /[\u3040-\u30ff\u4e00-\u9fff]{12,}/.test(String(v)))).toBe(true);
});
