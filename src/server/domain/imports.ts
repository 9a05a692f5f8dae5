/**
 * The record of responses already brought into 参加者台帳 (取り込み記録): response key → event and a fingerprint of the
 * person's fields as the add-on wrote them. It lets a sync tell apart
 * - a ledger row a person deleted (the key is recorded, the row is gone): reported, never brought back;
 * - a coordinator's correction in the response sheet (the answer changed since it was recorded): the ledger cell is
 *   updated, but only while it still holds what the add-on wrote; a cell edited by hand since is reported instead.
 * Only hashes are kept, so the record holds no personal data of its own. Pure.
 */
import { LedgerRow } from './ledger';

/** The person's own fields: what a correction may change. 状態, 出席, 受付時刻 and 備考 belong to the coordinators. */
export const PERSON_FIELDS = ['name', 'furigana', 'agency', 'agencyId', 'jobTitle', 'email', 'attendanceMode'] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

export const PERSON_FIELD_HEADERS: Record<PersonField, string> = {
  name: '氏名', furigana: 'ふりがな', agency: '所属団体', agencyId: '所属団体id', jobTitle: '職種', email: 'メール', attendanceMode: '参加形態',
};

function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Fingerprint of the person fields: one 8-hex hash per field, in PERSON_FIELDS order, space-separated. */
export function fingerprint(row: Pick<LedgerRow, PersonField>): string {
  return PERSON_FIELDS.map((f) => hash(String(row[f] ?? '').trim())).join(' ');
}

function parts(fp: string): string[] | null {
  const p = fp.trim().split(' ');
  return p.length === PERSON_FIELDS.length && p.every((x) => /^[0-9a-f]{8}$/.test(x)) ? p : null;
}

export interface FieldChange {
  field: PersonField;
  value: string;
}

export interface FieldConflict {
  field: PersonField;
  ledgerValue: string;
  answerValue: string;
}

/**
 * What a response whose answers may have been corrected does to its ledger row. `recorded` is the fingerprint of
 * what the add-on last wrote; `answer` the person fields as the response reads now; `ledger` the row as it is now.
 */
export function planCorrection(recorded: string, answer: Pick<LedgerRow, PersonField>, ledger: Pick<LedgerRow, PersonField>): {
  changes: FieldChange[]; conflicts: FieldConflict[]; fingerprint: string;
} {
  const was = parts(recorded);
  const changes: FieldChange[] = [];
  const conflicts: FieldConflict[] = [];
  if (!was) return { changes, conflicts, fingerprint: fingerprint(ledger) };
  const next = [...was];
  PERSON_FIELDS.forEach((field, i) => {
    const answerValue = String(answer[field] ?? '').trim();
    const ledgerValue = String(ledger[field] ?? '').trim();
    if (hash(answerValue) === was[i]) return; // the answer was not corrected
    if (ledgerValue === answerValue) { next[i] = hash(answerValue); return; } // already the same (fixed by hand too)
    if (hash(ledgerValue) === was[i]) {
      changes.push({ field, value: String(answer[field] ?? '') });
      next[i] = hash(answerValue);
    } else {
      conflicts.push({ field, ledgerValue, answerValue });
    }
  });
  return { changes, conflicts, fingerprint: next.join(' ') };
}
