/**
 * The message catalogue is packed into dist/Code.js (scripts/pack-catalogue.mjs) and unpacked in plain JavaScript
 * (src/server/i18n/unpack.ts): the decoders are checked against Node's own, and the bundle against the source.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { base64ToBytes, unpack, utf8ToString } from '../../src/server/i18n/unpack';
import { catalogue } from '../../src/server/i18n/catalogue';
import { loadAddOn } from '../support/bundle';

test('base64 and UTF-8 decode as Node decodes them (kana, kanji, 𠮷 outside the BMP, every padding length)', () => {
  for (const text of ['', 'a', 'ab', 'abc', '初期設定が終わりました。', 'ｶﾀｶﾅ・𠮷野家・①・"quotes"\n', '\u0000\u007f\u0080\u07ff\u0800\uffff']) {
    const bytes = Buffer.from(text, 'utf8');
    expect(Buffer.from(base64ToBytes(bytes.toString('base64')))).toEqual(bytes);
    expect(utf8ToString(new Uint8Array(bytes))).toBe(text);
  }
  expect(() => base64ToBytes('ab$d')).toThrow(/not base64/);
});

test('unpack inflates raw DEFLATE back to the JSON it came from', () => {
  const value = { ja: { k: '団体名簿のチェック' }, en: { k: 'Registry check' } };
  const bytes = Buffer.from(JSON.stringify(value), 'utf8');
  expect(unpack(deflateRawSync(bytes, { level: 9 }).toString('base64'), bytes.length)).toEqual(value);
});

test('dist/Code.js carries the catalogue packed, not as sentences, and renders as the source does (初期設定 in Japanese and English)', () => {
  const code = readFileSync(path.join(__dirname, '../../dist/Code.js'), 'utf8');
  const ja = catalogue('ja');
  // Long sentences only: short ones ("OK") may legitimately appear as data elsewhere in the bundle.
  const longJa = Object.values(ja).filter((s) => s.length > 30);
  expect(longJa.length).toBeGreaterThan(50);
  for (const sentence of longJa) expect(code.includes(sentence)).toBe(false);
  // The bundle renders from the packed catalogue what the source renders: 初期設定's sentence in both languages.
  for (const [locale, lang] of [['ja', 'ja'], ['en_US', 'en']] as const) {
    const emu = loadAddOn();
    emu.runtime.user.locale = locale;
    emu.run('setUpWorkbook');
    const expected = catalogue(lang)['setup.done'].split('{created}')[0]!;
    expect(expected.length).toBeGreaterThan(5);
    expect(emu.uiState.alerts.at(-1)!.prompt.startsWith(expected)).toBe(true);
  }
});
