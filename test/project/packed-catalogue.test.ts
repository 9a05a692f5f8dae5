/**
 * The message catalogue and the longer non-ASCII literals travel packed in dist/Code.js (scripts/pack-catalogue.mjs,
 * scripts/pack-strings.mjs) and are unpacked in plain JavaScript (src/server/i18n/unpack.ts): the decoders are checked
 * against Node's own, and the bundle against the source — its sentences, and the sheets 初期設定 makes.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { bytesToText, digitChar, textToBytes, unpack, utf8ToString } from '../../src/server/i18n/unpack';
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

test('UTF-8 decodes as Node decodes it (kana, kanji, 𠮷 outside the BMP, over the decoder\'s 4,096-unit chunks)', () => {
  for (const text of ['', 'a', '初期設定が終わりました。', 'ｶﾀｶﾅ・𠮷野家・①・"quotes"\n', '\u0000\u007f\u0080\u07ff\u0800\uffff', '参加者台帳𠮷'.repeat(2000)]) {
    expect(utf8ToString(new Uint8Array(Buffer.from(text, 'utf8')))).toBe(text);
  }
});

test('unpack inflates raw DEFLATE back to the JSON it came from', () => {
  const value = { ja: { k: '団体名簿のチェック' }, en: { k: 'Registry check' }, s: ['参加者台帳'] };
  const bytes = Buffer.from(JSON.stringify(value), 'utf8');
  const deflated = deflateRawSync(bytes, { level: 9 });
  expect(unpack(bytesToText(new Uint8Array(deflated)), deflated.length, bytes.length)).toEqual(value);
});

test('dist/Code.js carries the catalogue packed, not as sentences, and renders as the source does (初期設定 in Japanese and English)', () => {
  const ja = catalogue('ja');
  // Long sentences only: short ones ("OK") may legitimately appear as data elsewhere in the bundle.
  const longJa = Object.values(ja).filter((s) => s.length > 30);
  expect(longJa.length).toBeGreaterThan(50);
  for (const sentence of longJa) expect(code.includes(sentence)).toBe(false);
  for (const [locale, lang] of [['ja', 'ja'], ['en_US', 'en']] as const) {
    const emu = loadAddOn();
    emu.runtime.user.locale = locale;
    emu.run('setUpWorkbook');
    const expected = catalogue(lang)['setup.done'].split('{created}')[0]!;
    expect(expected.length).toBeGreaterThan(5);
    expect(emu.uiState.alerts.at(-1)!.prompt.startsWith(expected)).toBe(true);
  }
});

test('dist/Code.js carries its longer Japanese literals packed too (scripts/pack-strings.mjs), and 初期設定 writes the headers and 設定 texts of the source', () => {
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
  // 設定's rows: each setting's name and description, texts that moved into the packed block.
  const settings = emu.active.sheets.find((s) => s.name === SETTINGS.name)!.getDataRange().getValues();
  expect(settings.length).toBeGreaterThan(5);
  expect(settings.slice(1).every((row) => String(row[0]).length > 0)).toBe(true);
  expect(settings.flat().some((v) => /[\u3040-\u30ff\u4e00-\u9fff]{12,}/.test(String(v)))).toBe(true);
});
