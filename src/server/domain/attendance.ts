/**
 * Check-in and the attendance tally (出欠を集計). Pure.
 *
 * Check-in: a volunteer ticks 出席 on the ledger row; the 受付時刻 is stamped by the next 「出欠を集計」 (or
 * 「受付時刻を記録」) pass, for every row whose 出席 is TRUE and 受付時刻 is empty. An installable onEdit
 * trigger would stamp at the moment of the tick, but an editor add-on gets one trigger per type per document
 * and a simple onEdit cannot take the script lock for long; a stamping pass is idempotent and batch-written.
 */
import { AgencyRef, matchAgency, normaliseFurigana, normaliseName } from './registration';
import { isEmail, normaliseEmail } from './email';
import { LEDGER_STATUS, LedgerRow } from './ledger';

/**
 * The member agency a ledger row names: by its id (所属団体id, or an id typed into 所属団体 as older rows hold it), by
 * 名称 ignoring width and spaces, or by 名称カナ typed in hiragana or katakana — so a walk-in typed by hand is
 * counted under its agency, as a form row is.
 */
export function memberOf(row: Pick<LedgerRow, 'agency' | 'agencyId'>, agencies: readonly AgencyRef[]): AgencyRef | null {
  const byId = (id: string) => (id ? agencies.find((a) => a.id === id.trim()) ?? null : null);
  const typed = row.agency.trim();
  const found = byId(row.agencyId) ?? byId(typed) ?? matchAgency(agencies, typed);
  if (found) return found;
  const kana = (s: string) => normaliseFurigana(s.normalize('NFKC')).replace(/[\s\u3000・]/g, '');
  const k = kana(typed);
  return k ? agencies.find((a) => a.kana && kana(a.kana) === k) ?? null : null;
}

export type LedgerFixKey = 'name' | 'furigana' | 'email' | 'agency' | 'agencyId';

/**
 * A hand-typed row tidied as a form row is: name and ふりがな spacing, the e-mail in NFKC lower case when that makes
 * it valid (tobiiri＠example.jp → tobiiri@example.jp; an invalid one is left as typed and reported), and 所属団体 in
 * one form for every row: the member's 名称, with its id in 所属団体id. Cells that would not change are not listed.
 */
export function tidyLedgerRow(row: LedgerRow, agencies: readonly AgencyRef[]): { key: LedgerFixKey; value: string }[] {
  const blank = row.name === '' && row.email === '' && row.eventId === '' && row.furigana === '';
  if (blank) return [];
  const out: { key: LedgerFixKey; value: string }[] = [];
  const set = (key: LedgerFixKey, value: string) => { if (value !== row[key]) out.push({ key, value }); };
  set('name', normaliseName(row.name));
  set('furigana', normaliseFurigana(row.furigana));
  const email = normaliseEmail(row.email);
  if (email !== '' && isEmail(email)) set('email', email);
  const member = memberOf(row, agencies);
  if (member) {
    set('agency', member.name);
    set('agencyId', member.id);
  } else if (row.agencyId !== '' && !agencies.some((a) => a.id === row.agencyId)) {
    // An id that is no longer in 団体 (the agency was removed): the typed text stays, the stale link goes.
    set('agencyId', '');
  }
  return out;
}

export const NON_MEMBER_KIND = '非加盟・その他';

/** Indices of rows to stamp now: 出席 TRUE, 受付時刻 empty. */
export function rowsToStamp(rows: readonly Pick<LedgerRow, 'attended' | 'checkedInAt'>[]): number[] {
  const out: number[] = [];
  rows.forEach((r, i) => { if (r.attended && r.checkedInAt === null) out.push(i); });
  return out;
}

export interface Counts { registered: number; attended: number; noShows: number; waitlisted: number }

export interface EventTally extends Counts {
  eventId: string;
  title: string;
  byAgency: (Counts & { agency: string })[];
  byKind: (Counts & { kind: string })[];
}

const zero = (): Counts => ({ registered: 0, attended: 0, noShows: 0, waitlisted: 0 });

function add(c: Counts, row: LedgerRow): void {
  if (row.status === LEDGER_STATUS.cancelled && !row.attended) return;
  const waitlisted = row.status === LEDGER_STATUS.waitlisted;
  if (waitlisted && !row.attended) { c.waitlisted++; return; }
  // A waitlisted person who came was let in: they count as registered and attended.
  c.registered++;
  if (row.attended) c.attended++; else c.noShows++;
}

/**
 * Per event: registered (申込, including waitlisted people who attended), attended, no-shows, still waitlisted;
 * the same by agency (名称, or the free text typed) and by agency 種別.
 */
export function tallyAttendance(rows: readonly LedgerRow[], events: readonly { id: string; title: string }[], agencies: readonly AgencyRef[]): EventTally[] {
  return events.map((event) => {
    const total = zero();
    const agencyCounts = new Map<string, Counts>();
    const kindCounts = new Map<string, Counts>();
    for (const row of rows) {
      if (row.eventId !== event.id || (row.status === LEDGER_STATUS.cancelled && !row.attended)) continue;
      const agency = memberOf(row, agencies);
      const agencyLabel = agency?.name ?? (row.agency.trim() || '（所属未記入）');
      const kind = agency?.kind || NON_MEMBER_KIND;
      add(total, row);
      if (!agencyCounts.has(agencyLabel)) agencyCounts.set(agencyLabel, zero());
      add(agencyCounts.get(agencyLabel)!, row);
      if (!kindCounts.has(kind)) kindCounts.set(kind, zero());
      add(kindCounts.get(kind)!, row);
    }
    const collator = new Intl.Collator('ja');
    return {
      eventId: event.id,
      title: event.title,
      ...total,
      byAgency: [...agencyCounts].map(([agency, c]) => ({ agency, ...c })).sort((a, b) => collator.compare(a.agency, b.agency)),
      byKind: [...kindCounts].map(([kind, c]) => ({ kind, ...c })).sort((a, b) => collator.compare(a.kind, b.kind)),
    };
  });
}

/** The tally as the rows of the 出欠集計 sheet (header first). */
export function tallyTable(tallies: readonly EventTally[]): (string | number)[][] {
  const out: (string | number)[][] = [['行事id', '名称', '区分', '項目', '申込', '出席', '欠席', 'キャンセル待ち']];
  for (const t of tallies) {
    const line = (section: string, item: string, c: Counts) => out.push([t.eventId, t.title, section, item, c.registered, c.attended, c.noShows, c.waitlisted]);
    line('合計', '合計', t);
    for (const a of t.byAgency) line('団体別', a.agency, a);
    for (const k of t.byKind) line('種別別', k.kind, k);
  }
  return out;
}
