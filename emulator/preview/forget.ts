/**
 * The preview's journal holds what the user did — cells typed, forms answered — so that a restart replays it. When a
 * person's data is erased (「本人のデータを削除」), their data must not live on in that file either (issue 19): the
 * journal is rewritten with every mention of them replaced by a placeholder (a valid e-mail address, so the replayed
 * form answer is still accepted) and the erase is journaled against the placeholder, so a replay ends in the same
 * erased state. Uses the add-on's own rules for who a request is about (src/server/domain/privacy.ts).
 */
import { ERASED, PersonTraits, isPerson, parsePersonQuery, traitsOf } from '../../src/server/domain/privacy';
import { normaliseFurigana } from '../../src/server/domain/registration';
import type { Emulator } from '../index';
import type { Entry } from './journal';

export const ERASED_KANA = 'さくじょずみ';

export interface Forgotten { traits: PersonTraits; furigana: string[]; placeholderEmail: string; replayQuery: string }

/** Who the query names, from every sheet with 氏名/ふりがな/メール columns (read before the erase removes them). */
export function whoIsAsked(emu: Emulator, query: string, serial: number): Forgotten | null {
  const q = parsePersonQuery(query);
  if (!q) return null;
  const rows: { email: string; name: string; furigana: string }[] = [];
  for (const sheet of emu.active.sheets) {
    const [header, ...data] = sheet.getDataRange().getValues();
    const at = (h: string) => (header ?? []).map(String).indexOf(h);
    const [e, n, f] = [at('メール'), at('氏名'), at('ふりがな')];
    if (n < 0 && e < 0) continue;
    for (const r of data) {
      const fields = { email: e >= 0 ? String(r[e] ?? '') : '', name: n >= 0 ? String(r[n] ?? '') : '', furigana: f >= 0 ? String(r[f] ?? '') : '' };
      if (isPerson(q, fields)) rows.push(fields);
    }
  }
  const traits = traitsOf(q, rows);
  const furigana = [...new Set(rows.map((r) => normaliseFurigana(r.furigana).replace(/[\s\u3000]/g, '')).filter((k) => k.length >= 2))];
  const placeholderEmail = `erased-${serial}@erased.invalid`;
  return { traits, furigana, placeholderEmail, replayQuery: traits.emails.length ? placeholderEmail : `${ERASED}／${ERASED_KANA}` };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const spaced = (s: string) => new RegExp([...s].map(escape).join('[\\s\\u3000]*'), 'g');

function forgetText(text: string, who: Forgotten): string {
  let out = text;
  for (const e of who.traits.emails) out = out.replace(new RegExp(escape(e), 'gi'), who.placeholderEmail);
  for (const n of who.traits.names) out = out.replace(spaced(n), ERASED);
  for (const k of who.furigana) {
    out = out.replace(spaced(k), ERASED_KANA);
    // A ふりがな typed in katakana.
    out = out.replace(spaced(k.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))), ERASED_KANA);
  }
  return out;
}

/** The entry with every string that mentions the person rewritten (deep). */
export function forgetInEntry(entry: Entry, who: Forgotten): Entry {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return forgetText(v, who);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(entry) as Entry;
}
