/**
 * 五十音順 for people's ふりがな, computed here rather than left to Intl.Collator('ja'): the order printed on a 受付名簿
 * must not depend on which ICU data a runtime ships. Dictionary order (as in JIS X 4061's kana rules):
 * - katakana, half-width and hiragana are the same letter (ヤマダ = ﾔﾏﾀﾞ = やまだ);
 * - first by the letters with 濁点・半濁点 and small kana set aside (か = が = ぱ's row letter, ゃ = や), and ー read as
 *   the vowel it lengthens (らーめん reads らあめん);
 * - then, for equal letters, 清音 < 濁音 < 半濁音 (かき < かぎ < がき), compared left to right;
 * - then small before large and a written vowel before ー (しょう < しよう, らあめん < らーめん);
 * - an empty ふりがな sorts after every reading, by 氏名.
 */

const SMALL = 'ぁぃぅぇぉっゃゅょゎゕゖ';
const LARGE = 'あいうえおつやゆよわかけ';
const VOWEL_ROWS = ['あかさたなはまやらわ', 'いきしちにひみりゐ', 'うくすつぬふむゆるゔ', 'えけせてねへめれゑ', 'おこそとのほもよろを'];
const VOWELS = 'あいうえお';

interface Letter { base: string; voice: number; minor: number }

function letters(reading: string): Letter[] {
  const kana = reading.normalize('NFKC').replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60)).replace(/[\s\u3000・･]/g, '');
  const out: Letter[] = [];
  for (const ch of kana.normalize('NFD')) {
    if (ch === '\u3099' || ch === '\u309a') {
      const last = out[out.length - 1];
      if (last) last.voice = ch === '\u3099' ? 1 : 2;
      continue;
    }
    const small = SMALL.indexOf(ch);
    if (small >= 0) { out.push({ base: LARGE[small]!, voice: 0, minor: 0 }); continue; }
    if (ch === 'ー' || ch === '-' || ch === '〜') {
      const prev = out[out.length - 1];
      const row = prev ? VOWEL_ROWS.findIndex((r) => r.includes(prev.base)) : -1;
      if (row >= 0) { out.push({ base: VOWELS[row]!, voice: 0, minor: 2 }); continue; }
    }
    out.push({ base: ch, voice: 0, minor: 1 });
  }
  // ゔ decomposes to う + 濁点 under NFD, so it sorts as う's 濁音 like every other voiced letter.
  return out;
}

function compareLevels(a: Letter[], b: Letter[]): number {
  const pa = a.map((l) => l.base).join('');
  const pb = b.map((l) => l.base).join('');
  if (pa !== pb) return pa < pb ? -1 : 1;
  for (const level of ['voice', 'minor'] as const) {
    for (let i = 0; i < a.length; i++) if (a[i]![level] !== b[i]![level]) return a[i]![level] - b[i]![level];
  }
  return 0;
}

/** Orders people 五十音順 by ふりがな (then 氏名, then their place in the input). Returns a new array. */
export function sortByReading<T>(items: readonly T[], reading: (item: T) => string, name: (item: T) => string): T[] {
  const keyed = items.map((item, index) => ({ item, index, letters: letters(reading(item)), name: name(item) }));
  keyed.sort((x, y) => {
    const ex = x.letters.length === 0;
    const ey = y.letters.length === 0;
    if (ex !== ey) return ex ? 1 : -1;
    return compareLevels(x.letters, y.letters) || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0) || x.index - y.index;
  });
  return keyed.map((k) => k.item);
}
