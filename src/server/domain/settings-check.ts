/**
 * The 設定 sheet checked row by row: a 項目 the add-on does not know (a typo, 「カレンダーＩＤ」 in full width), the same
 * 項目 twice, a value without a 項目, and values that cannot work (a Drive URL where an id belongs, a limit that is
 * not a number, a calendar id that is not an address). Each problem names its row; the message says what to do.
 * Pure. The explanations of the keys are declared with the keys (domain/settings.ts); the value rules are here.
 */
import { isSettingKey, SETTING, SettingKey } from './settings';
import { FILE_SETTINGS } from './continuity';
// A calendar id is taken to be e-mail shaped (an account's address, or …@group.calendar.google.com), as before this
// used the one address check; no Google page read for it (assumption).
import { isEmail } from './email';

type Rule = 'fileId' | 'positiveInteger' | 'calendarId';

/** The value rules by key (a key not listed takes any text); every file setting holds a Drive id. */
export const SETTING_RULES: Partial<Record<SettingKey, Rule>> = {
  'カレンダーID': 'calendarId',
  'カレンダー予定の1日上限': 'positiveInteger',
  ...Object.fromEntries(FILE_SETTINGS.map((k) => [k, 'fileId' as const])),
};

export interface SettingRow { row: number; key: string; value: string }
export interface SettingProblem { row: number; key: string; code: 'unknown' | 'duplicate' | 'noKey' | 'driveUrl' | 'notAnId' | 'notAPositiveInteger' | 'notACalendarId'; params: Record<string, string | number> }

/** Drive ids are URL-safe base64-like strings; a pasted link holds one after /d/ or folders/ or id=. */
const DRIVE_ID = /^[A-Za-z0-9_-]{10,}$/;
const ID_IN_URL = /(?:\/d\/|\/folders\/|[?&]id=)([A-Za-z0-9_-]{10,})/;

export function checkSettingRows(rows: readonly SettingRow[]): SettingProblem[] {
  const out: SettingProblem[] = [];
  const firstRow = new Map<string, number>();
  for (const r of rows) {
    const key = r.key.trim();
    const value = r.value.trim();
    if (key === '') {
      if (value !== '') out.push({ row: r.row, key: '', code: 'noKey', params: { value } });
      continue;
    }
    const seen = firstRow.get(key);
    if (seen !== undefined) { out.push({ row: r.row, key, code: 'duplicate', params: { first: seen } }); continue; }
    firstRow.set(key, r.row);
    if (!isSettingKey(key)) {
      const near = nearestKnown(key);
      out.push({ row: r.row, key, code: 'unknown', params: { suggestion: near ?? '' } });
      continue;
    }
    if (value === '') continue;
    const rule = SETTING_RULES[key];
    if (rule === 'fileId' && !DRIVE_ID.test(value)) {
      const inUrl = ID_IN_URL.exec(value);
      out.push(inUrl ? { row: r.row, key, code: 'driveUrl', params: { value, id: inUrl[1]! } } : { row: r.row, key, code: 'notAnId', params: { value } });
    } else if (rule === 'positiveInteger') {
      const n = Number(value.normalize('NFKC').replace(/[,\s]/g, ''));
      if (!Number.isInteger(n) || n <= 0) out.push({ row: r.row, key, code: 'notAPositiveInteger', params: { value } });
    } else if (rule === 'calendarId' && !isEmail(value)) {
      out.push({ row: r.row, key, code: 'notACalendarId', params: { value } });
    }
  }
  return out;
}

/** A declared key the typed one probably meant: the same after width/space folding and ignoring ID/id case. */
function nearestKnown(key: string): SettingKey | null {
  const fold = (s: string) => s.normalize('NFKC').replace(/\s/g, '').toLowerCase();
  const target = fold(key);
  return (Object.values(SETTING) as SettingKey[]).find((k) => fold(k) === target) ?? null;
}
