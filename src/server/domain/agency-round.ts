/**
 * 掲載情報の確認 (issue 16), pure: which agencies to ask, the one confirmation form's questions, each agency's prefilled
 * link, whose answer an answer is (by its token), what it proposes (a diff, field by field, each value normalised and
 * checked by the registry check), and what accepting some of its fields writes to 団体.
 *
 * Identity: each request carries a random token (確認コード) prefilled in the agency's link and kept in the hidden
 * 掲載情報の確認記録 beside the agency's id. An answer belongs to the agency whose open request holds exactly that token
 * — never to the agency whose name it types. A link forwarded within an agency answers for that agency only; a token
 * edited, invented or from a closed request matches nothing: the answer is 不一致, stays in the answer sheet and
 * changes nothing. Nothing an answer says reaches 団体 before the coordinator accepts it field by field.
 */
import { AgencyKey, AgencyRowInput, CellInput, checkRegistry } from './agencies';
import { AGENCIES, CONSENT_FIELDS, CONSENT_STATES } from './schema';
import { CivilDate, compareDates, parseCivilDate } from './dates';
import { splitMulti } from './ja';
import type { QuestionSpec } from './registration';

// ------------------------------------------------------------------ the form (data: the agencies read it in Japanese)

export const ROUND_FORM_TITLE = '【掲載情報の確認】';
export const ROUND_ANSWER_SHEET = '掲載情報の回答';
export const ROUND_TOKEN = '確認コード';
// The other questions are titled as 団体's columns, so the answer sheet reads like the registry.
export const ROUND_WITHHELD = '掲載しない項目';
export const ROUND_CONSENT = '掲載同意';
export const ROUND_ROLE = '同意者（役職）';
export const ROUND_LEAD = '企業向けパンフレットに載せる貴団体の情報です。変更点を直し、掲載の可否をお選びください。事務局が確認して反映します。';
export const ROUND_CONFIRMATION = 'ありがとうございました。事務局が確認して反映します。';

export const headerOf = (key: AgencyKey): string => AGENCIES.columns.find((c) => c.key === key)!.header;
/** Fields the agency may correct (each question titled as its 団体 column, the answer sheet's header too). */
const TEXT_KEYS: readonly AgencyKey[] = ['name', 'postalCode', 'address', 'phone', 'fax', 'email', 'url', 'employerContact', 'features', 'openingHours'];
/** Every field an answer proposes, in the order the diff shows them. */
export const ROUND_KEYS: readonly AgencyKey[] = [...TEXT_KEYS, 'withheld', 'consent', 'consentBy'];

export function roundQuestions(): QuestionSpec[] {
  return [
    { title: ROUND_TOKEN, type: 'TEXT', required: true, helpText: '変更しないでください' },
    ...TEXT_KEYS.map((k): QuestionSpec => ({ title: headerOf(k), type: k === 'features' ? 'PARAGRAPH_TEXT' : 'TEXT', required: k === 'name' })),
    { title: ROUND_WITHHELD, type: 'CHECKBOX', required: false, choices: [...CONSENT_FIELDS], helpText: '印の項目は載せません（名称は必ず載ります）' },
    { title: ROUND_CONSENT, type: 'MULTIPLE_CHOICE', required: true, choices: [...CONSENT_STATES], helpText: '撤回: 次のパンフレットから外します' },
    { title: ROUND_ROLE, type: 'TEXT', required: false, helpText: '例: 施設長（お名前は不要）' },
  ];
}

// ------------------------------------------------------------------ prefilled links

/** A prefilled link's shape: the form's address and the `entry.N` of each question (read once from Google's own link). */
export interface PrefillTemplate { base: string; entries: Record<string, string> }

/**
 * Google's prefilled link (FormResponse.toPrefilledUrl, https://developers.google.com/apps-script/reference/forms/form-response#toPrefilledUrl())
 * is the form's address with `usp=pp_url` and one `entry.<id>=<value>` per answer, repeated for each ticked checkbox.
 * The `entry` ids are not the items' ids, so the workspace asks Google for one link answered with a marker per question
 * and reads the ids back here; every agency's link is then built without a call.
 */
export function parsePrefillTemplate(url: string, markers: Readonly<Record<string, string>>): PrefillTemplate | null {
  const q = url.indexOf('?');
  if (q < 0) return null;
  const byValue = new Map(Object.entries(markers).map(([title, marker]) => [marker, title]));
  const entries: Record<string, string> = {};
  for (const part of url.slice(q + 1).split('&')) {
    const m = /^(entry\.\d+)=(.*)$/.exec(part);
    const title = m ? byValue.get(decodeURIComponent(m[2]!.replace(/\+/g, ' '))) : undefined;
    if (m && title !== undefined) entries[title] = m[1]!;
  }
  return Object.keys(markers).every((t) => entries[t]) ? { base: url.slice(0, q), entries } : null;
}

export function prefilledUrl(t: PrefillTemplate, values: Readonly<Record<string, string | readonly string[]>>): string {
  const params = ['usp=pp_url'];
  for (const [title, value] of Object.entries(values)) {
    const entry = t.entries[title];
    if (!entry) continue;
    for (const v of typeof value === 'string' ? [value] : value) if (v !== '') params.push(`${entry}=${encodeURIComponent(v)}`);
  }
  return `${t.base}?${params.join('&')}`;
}

const text = (v: CellInput | undefined) => (v === undefined || v === null ? '' : String(v)).trim();

/** What an agency's link is prefilled with: its current data as 団体 holds it, and its token. */
export function prefillValues(cells: AgencyRowInput['cells'], token: string): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = { [ROUND_TOKEN]: token };
  for (const key of TEXT_KEYS) values[headerOf(key)] = text(cells[key]);
  values[ROUND_WITHHELD] = splitMulti(text(cells.withheld)).filter((f) => (CONSENT_FIELDS as readonly string[]).includes(f));
  const consent = text(cells.consent);
  if ((CONSENT_STATES as readonly string[]).includes(consent)) values[ROUND_CONSENT] = consent;
  values[ROUND_ROLE] = text(cells.consentBy);
  return values;
}

// ------------------------------------------------------------------ requests

/** One row of the hidden 掲載情報の確認記録: an agency's latest request and what became of it. */
export interface RoundRecord {
  agencyId: string;
  token: string;
  /** yyyy-mm-dd */
  requestedOn: string;
  /** メール or 一覧 (no valid address, or 掲載同意 撤回: handed over by the coordinator). */
  via: string;
  remindedOn: string;
  /** The mails sent for this request (依頼, 督促) as the mail engine's 送信記録 lines (domain/mail.ts appendRecord). */
  mailLog?: string;
  /** The answer decided on (its key), and when; empty while the request is open. */
  answerKey: string;
  decidedOn: string;
  /** 団体 headers accepted / rejected, 「;」-separated. */
  accepted: string;
  rejected: string;
}

export type RoundScope = { kind: 'all' } | { kind: 'group'; group: string } | { kind: 'stale'; months?: number };

function addMonths(d: CivilDate, months: number): CivilDate {
  const m = d.month - 1 + months;
  return { year: d.year + Math.floor(m / 12), month: ((m % 12) + 12) % 12 + 1, day: d.day };
}

/**
 * Agencies to ask: every agency with an id (a row without one is checked first, 団体名簿をチェック), a グループ, or those
 * whose 最終確認日 is empty or at least `months` old.
 */
export function selectTargets(rows: readonly AgencyRowInput[], scope: RoundScope, today: CivilDate, months: number): AgencyRowInput[] {
  return rows.filter((r) => {
    if (text(r.cells.id) === '' || text(r.cells.name) === '') return false;
    if (scope.kind === 'group') return text(r.cells.group).toUpperCase() === scope.group.trim().toUpperCase();
    if (scope.kind === 'stale') {
      const last = parseCivilDate(text(r.cells.lastConfirmedOn));
      return !last || 'invalid' in last || compareDates(addMonths(last, scope.months ?? months), today) <= 0;
    }
    return true;
  });
}

/**
 * New requests for targets without an open one (a fresh token each); a target whose request is still open keeps it —
 * its link is listed again but it is never sent twice.
 */
export function planRequests(targets: readonly AgencyRowInput[], records: readonly RoundRecord[], newToken: (agencyId: string) => string, today: string, via: (row: AgencyRowInput) => string): { fresh: RoundRecord[]; open: RoundRecord[] } {
  const byId = new Map(records.map((r) => [r.agencyId, r]));
  const fresh: RoundRecord[] = [];
  const open: RoundRecord[] = [];
  for (const row of targets) {
    const existing = byId.get(text(row.cells.id));
    if (existing && existing.decidedOn === '') open.push(existing);
    else fresh.push({ agencyId: text(row.cells.id), token: newToken(text(row.cells.id)), requestedOn: today, via: via(row), remindedOn: '', answerKey: '', decidedOn: '', accepted: '', rejected: '' });
  }
  return { fresh, open };
}

// ------------------------------------------------------------------ answers

/** One answer as the answer sheet holds it: its key, sheet row, date (yyyy-mm-dd) and answers by question title. */
export interface RoundAnswer { key: string; row: number; on: string; answers: Record<string, string> }

/**
 * Each answer to the agency whose request holds its token exactly (the latest answer per agency counts; earlier ones
 * stay in the sheet); an answer whose token matches no request is 不一致.
 */
export function matchAnswers(records: readonly RoundRecord[], answers: readonly RoundAnswer[]): { latest: Map<string, RoundAnswer>; count: Map<string, number>; mismatched: RoundAnswer[] } {
  const byToken = new Map(records.filter((r) => r.token !== '').map((r) => [r.token, r]));
  const latest = new Map<string, RoundAnswer>();
  const count = new Map<string, number>();
  const mismatched: RoundAnswer[] = [];
  for (const a of answers) {
    const record = byToken.get((a.answers[ROUND_TOKEN] ?? '').trim());
    if (!record || a.on < record.requestedOn) { mismatched.push(a); continue; }
    latest.set(record.agencyId, a);
    count.set(record.agencyId, (count.get(record.agencyId) ?? 0) + 1);
  }
  return { latest, count, mismatched };
}

/** A field the answer proposes to change: current → proposed, both as the registry check writes them (the sidebar's diff). */
export interface FieldChange {
  key: AgencyKey;
  field: string;
  current: string;
  proposed: string;
  /** Why the proposed value cannot be written as it is (a registry problem code and its parameters). */
  problem: { code: string; params: Record<string, string | number> } | null;
}

/** The row's cells with what the answer proposes (every field it holds; a blank answer clears the field). */
export function proposedCells(cells: AgencyRowInput['cells'], answer: RoundAnswer, keys: readonly AgencyKey[]): AgencyRowInput['cells'] {
  const out = { ...cells };
  for (const key of keys) {
    const title = headerOf(key);
    if (!(title in answer.answers)) continue;
    const v = answer.answers[title]!;
    // A checkbox answer arrives joined with ", " (the response sheet's form): the registry's multi-value column form.
    // A number typed into the form reaches the response sheet as a number (Sheets parses it): a phone loses its 0.
    out[key] = key === 'withheld' ? splitMulti(v).join(';') : (key === 'phone' || key === 'fax') && /^[1-9]\d{8,9}$/.test(v) ? `0${v}` : v;
  }
  return out;
}

/**
 * Accepting `accept` (団体 columns) of an answer: the cells to write, each as the registry check normalises it, checked
 * against the whole registry (a new name or phone another row already has is refused, as 団体名簿をチェック would
 * report it). 最終確認日 becomes the answer's date; 同意日 too when the answer's 同意 stands. Refused fields are
 * returned with their problem and are not written.
 */
export function planDecision(rows: readonly AgencyRowInput[], agencyId: string, answer: RoundAnswer, accept: readonly AgencyKey[]): {
  set: { key: AgencyKey; value: string }[]; refused: { key: AgencyKey; code: string; params: Record<string, string | number> }[]; rowNumber: number;
} | null {
  const row = rows.find((r) => text(r.cells.id) === agencyId);
  if (!row) return null;
  const keys = accept.filter((k) => ROUND_KEYS.includes(k) && headerOf(k) in answer.answers);
  // Problems the registry has anyway are not this decision's: only new ones on this row, or a duplicate of this row
  // reported on the other (the later) row, refuse a field, which is then not written.
  const id = (p: { rowNumber: number; key: string; code: string }) => `${p.rowNumber}|${p.key}|${p.code}`;
  const before = new Set(checkRegistry(rows).problems.map(id));
  const cells = proposedCells(row.cells, answer, keys);
  cells.lastConfirmedOn = answer.on;
  // 同意日: the day of the answer whose consent now stands in 掲載同意.
  if (text(cells.consent) !== '' && text(cells.consent) === (answer.answers[ROUND_CONSENT] ?? '').trim()) cells.consentDate = answer.on;
  const check = checkRegistry(rows.map((r) => (r === row ? { rowNumber: r.rowNumber, cells } : r)));
  const refused = new Map<AgencyKey, { key: AgencyKey; code: string; params: Record<string, string | number> }>();
  for (const p of check.problems) {
    if (!before.has(id(p)) && keys.includes(p.key) && p.code !== 'consentDateMissing' && (p.rowNumber === row.rowNumber || p.params.row === row.rowNumber) && !refused.has(p.key)) refused.set(p.key, p);
  }
  const fixes = new Map(check.fixes.filter((f) => f.rowNumber === row.rowNumber).map((f) => [f.key, f.value]));
  const set = [...keys.filter((k) => !refused.has(k)), 'lastConfirmedOn', 'consentDate']
    .map((key) => ({ key: key as AgencyKey, value: fixes.get(key as AgencyKey) ?? text(cells[key as AgencyKey]) }))
    .filter((x) => x.value !== text(row.cells[x.key]));
  return { set, refused: [...refused.values()].map(({ key, code, params }) => ({ key, code, params })), rowNumber: row.rowNumber };
}

