/**
 * The attendance ledger (参加者台帳): one row per registration. This module decides, from plain data, which
 * form responses become rows (de-duplicated by a persistent response key), which status they get (定員 →
 * キャンセル待ち), and what is wrong with rows typed by hand. The trigger handler and 「回答を同期」 use the same
 * plan, so a response handled by either is handled the same way and never twice.
 */
import { AgencyRef, Answers, FieldProblem, REGISTRATION_TITLES, looksLikeFormula, normaliseFurigana, normaliseName, normaliseRegistration } from './registration';
import { isEmail, normaliseEmail } from './email';
import { CELL_CHARACTER_LIMIT, fitsInCell, quoteText } from './text';
import type { Localized } from '../i18n/messages';
import { FieldChange, PERSON_FIELD_HEADERS, fingerprint, planCorrection } from './imports';

export const LEDGER_STATUS = { registered: '申込', waitlisted: 'キャンセル待ち', cancelled: '取消' } as const;
export const LEDGER_ROUTE = { form: 'フォーム', manual: '手入力' } as const;

export interface LedgerRow {
  responseId: string;
  eventId: string;
  name: string;
  furigana: string;
  /** The member agency's 名称, or the free text the participant typed (older rows may hold a member's id). */
  agency: string;
  /** The member agency's id ('' for a non-member); see memberIdOf for rows written before this column. */
  agencyId: string;
  jobTitle: string;
  email: string;
  attendanceMode: string;
  registeredAt: Date | null;
  status: string;
  attended: boolean;
  checkedInAt: Date | null;
  route: string;
  remarks: string;
  /** 配信停止 (participant mail): set from the form's 「配信を希望しない」 when a row is added. */
  optOut?: boolean;
}

/** One form response as read from a response sheet: when, and the answers by question title. */
export interface FormSubmission {
  responseKey: string;
  /** The key an earlier version gave the same response (sheet + timestamp + answers), so ledgers it wrote still match. */
  legacyKey?: string;
  submittedAt: Date;
  answers: Answers;
}

export interface PlanProblem {
  responseKey: string;
  field: keyof typeof REGISTRATION_TITLES | 'response';
  message: Localized;
  /** About a response handled by this plan (false: one recorded earlier, reported again so nothing is forgotten). */
  fresh: boolean;
}

// ---------- keys ----------

/** 32-bit FNV-1a of a string's UTF-16 code units, as 8 hex digits. */
function fnv1a(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * A response's identity: the form it came from, its timestamp, and (for responses stamped with the same time) its
 * place among them in sheet order — not its answers, so a coordinator correcting a typo in the response sheet changes
 * nothing about which response it is, and the copies Google makes into a new 「フォームの回答 N」 sheet when a form is
 * linked again keep their keys.
 */
export function submissionKey(formOrSheetId: string, submittedAt: Date, occurrence: number): string {
  const text = `${formOrSheetId}\u0001${submittedAt.getTime()}\u0001${occurrence}`;
  return `R-${fnv1a(text, 0x811c9dc5)}${fnv1a(text, 0x01234567)}`;
}

/**
 * The key earlier versions gave a response: its response sheet, its timestamp to the millisecond and its answers.
 * Google writes each response once to its sheet, so the key survives re-reads, duplicate firings, sorting
 * and row deletions of other rows; a blank firing never produces a key (see isBlankSubmission).
 */
export function responseKey(sheetId: string, submittedAt: Date, answerCells: readonly string[]): string {
  const text = `${sheetId}\u0001${submittedAt.getTime()}\u0001${answerCells.join('\u0001')}`;
  return `F-${fnv1a(text, 0x811c9dc5)}${fnv1a(text, 0x01234567)}`;
}

/** A person within an event: the normalised email, or else name + furigana without spaces. */
export function personKey(row: Pick<LedgerRow, 'eventId' | 'email' | 'name' | 'furigana'>): string {
  const email = normaliseEmail(row.email);
  if (email !== '' && isEmail(email)) return `${row.eventId}\u0001${email}`;
  const strip = (s: string) => s.replace(/[\s\u3000]/g, '');
  return `${row.eventId}\u0001${strip(normaliseName(row.name))}\u0001${strip(normaliseFurigana(row.furigana))}`;
}

/** A second firing that arrives without answers. */
export function isBlankSubmission(answers: Answers): boolean {
  return Object.values(answers).every((v) => String(v ?? '').trim() === '');
}

// ---------- planning ----------

export interface RegistrationPlan {
  appends: LedgerRow[];
  problems: PlanProblem[];
  /** Responses already in the ledger (duplicate firings, earlier syncs). */
  alreadyRecorded: number;
  /** Blank firings ignored. */
  blank: number;
  /** Second registrations by the same person, flagged and not added. */
  duplicatesFlagged: number;
  /** Responses that cannot be stored in the ledger (an answer longer than a cell holds): reported, left in their sheet. */
  unstorable: number;
  /** Responses whose ledger row a person deleted: reported, not brought back. */
  deletedRows: number;
  /** Corrections made in the response sheet, to carry into the ledger row with this response key. */
  corrections: { responseKey: string; changes: FieldChange[] }[];
  /** Ledger rows still keyed the old way (sheet + timestamp + answers): their 回答id becomes the response's key. */
  rekeys: { from: string; to: string }[];
  /** 取り込み記録 entries to add or update (key → fingerprint of what the ledger row now holds from the response). */
  importRecords: { responseKey: string; eventId: string; fingerprint: string }[];
}

/** The ledger fields filled from a response, with the question each comes from. */
const STORED_FIELDS: readonly [keyof LedgerRow, keyof typeof REGISTRATION_TITLES][] = [
  ['name', 'name'], ['furigana', 'furigana'], ['agency', 'agency'], ['jobTitle', 'jobTitle'], ['email', 'email'], ['attendanceMode', 'participation'],
];

/**
 * Plans ledger rows for registration responses of one event, in submission order. `ledger` is the whole
 * current ledger (all events): response keys are unique across it.
 */
export function planRegistrations(input: {
  ledger: readonly LedgerRow[];
  eventId: string;
  capacity: number | null;
  submissions: readonly FormSubmission[];
  agencies: readonly AgencyRef[];
  /**
   * 取り込み記録: response key → fingerprint of what was brought in. Without it (undefined) no correction is carried and
   * a missing row is added again, as before the record existed.
   */
  imported?: ReadonlyMap<string, string>;
}): RegistrationPlan {
  const plan: RegistrationPlan = { appends: [], problems: [], alreadyRecorded: 0, blank: 0, duplicatesFlagged: 0, unstorable: 0, deletedRows: 0, corrections: [], rekeys: [], importRecords: [] };
  const knownKeys = new Set(input.ledger.map((r) => r.responseId).filter((k) => k !== ''));
  const ledgerByKey = new Map(input.ledger.filter((r) => r.responseId !== '').map((r) => [r.responseId, r]));
  const imported = input.imported;
  const people = new Map<string, LedgerRow>();
  let registered = 0;
  for (const row of input.ledger) {
    if (row.eventId !== input.eventId) continue;
    if (!people.has(personKey(row))) people.set(personKey(row), row);
    if (row.status !== LEDGER_STATUS.waitlisted && row.status !== LEDGER_STATUS.cancelled) registered++;
  }
  const recordedHere = new Set<string>();
  const ordered = [...input.submissions].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
  for (const s of ordered) {
    const knownKey = knownKeys.has(s.responseKey) ? s.responseKey : s.legacyKey && knownKeys.has(s.legacyKey) ? s.legacyKey : null;
    if (knownKey !== null) {
      plan.alreadyRecorded++;
      if (recordedHere.has(knownKey)) continue;
      plan.problems.push(...answerProblems(s, input.agencies, false));
      const row = ledgerByKey.get(knownKey);
      // An old key depends on the answers, so a correction would orphan it: the row takes the answer-free key now.
      if (knownKey !== s.responseKey && row && row.eventId === input.eventId) plan.rekeys.push({ from: knownKey, to: s.responseKey });
      if (imported && row && row.eventId === input.eventId && !isBlankSubmission(s.answers)) carryCorrection(plan, imported, knownKey, s, row, input.agencies);
      continue;
    }
    if (isBlankSubmission(s.answers)) { plan.blank++; continue; }
    if (imported && (imported.has(s.responseKey) || (s.legacyKey !== undefined && imported.has(s.legacyKey)))) {
      // Brought in before, and its ledger row is gone: a person deleted it. Adding it again would undo their edit.
      plan.deletedRows++;
      const name = normaliseName(String(s.answers[REGISTRATION_TITLES.name] ?? ''));
      plan.problems.push({
        responseKey: s.responseKey, field: 'response', fresh: true,
        message: { key: 'ledger.deletedNotRestored', params: { name: name ? quoteText(name) : { key: 'ledger.noName' } } },
      });
      continue;
    }
    const { registration: r } = normaliseRegistration(s.answers, input.agencies);
    const candidate: LedgerRow = {
      responseId: s.responseKey, eventId: input.eventId, name: r.name, furigana: r.furigana, agency: r.agencyText, agencyId: r.agencyId,
      jobTitle: r.jobTitle, email: r.email, attendanceMode: r.participation, registeredAt: s.submittedAt, status: LEDGER_STATUS.registered,
      attended: false, checkedInAt: null, route: LEDGER_ROUTE.form, remarks: '', ...(r.optOut ? { optOut: true } : {}),
    };
    // One answer too long for a cell would fail the whole batch and block every later response: this response alone
    // stays in its response sheet, reported at its row, and the others go on. It is not marked known, so it is
    // reported again at every sync until someone deals with it.
    const tooLong = STORED_FIELDS.find(([field]) => !fitsInCell(String(candidate[field])));
    if (tooLong) {
      const [field, question] = tooLong;
      plan.unstorable++;
      plan.problems.push({
        responseKey: s.responseKey, field: question, fresh: true,
        message: { key: 'ledger.tooLong', params: { question: REGISTRATION_TITLES[question], length: String(candidate[field]).length.toLocaleString('en-US'), limit: CELL_CHARACTER_LIMIT.toLocaleString('en-US') } },
      });
      continue;
    }
    knownKeys.add(s.responseKey);
    recordedHere.add(s.responseKey);
    const existing = people.get(personKey(candidate));
    if (existing) {
      plan.duplicatesFlagged++;
      plan.problems.push({
        responseKey: s.responseKey, field: 'response', fresh: true,
        message: { key: 'ledger.alreadyRegistered', params: { name: candidate.name || { key: 'ledger.noName' }, responseId: existing.responseId || { key: 'ledger.handTyped' } } },
      });
      continue;
    }
    // The accommodation text itself stays in the response sheet (要配慮個人情報): the ledger only says it exists.
    if (r.hasAccommodation && r.consented) candidate.remarks = '配慮事項あり（申込回答シート参照）';
    if (input.capacity !== null && registered >= input.capacity) {
      candidate.status = LEDGER_STATUS.waitlisted;
      candidate.remarks = [candidate.remarks, `定員${input.capacity}名を超えたためキャンセル待ち`].filter((x) => x).join(' / ');
    } else {
      registered++;
    }
    plan.problems.push(...answerProblems(s, input.agencies, true));
    people.set(personKey(candidate), candidate);
    plan.appends.push(candidate);
    plan.importRecords.push({ responseKey: s.responseKey, eventId: input.eventId, fingerprint: fingerprint(candidate) });
  }
  return plan;
}

/** The person fields a response gives, normalised as a new ledger row gets them. */
function personFieldsOf(answers: Answers, agencies: readonly AgencyRef[]): Pick<LedgerRow, 'name' | 'furigana' | 'agency' | 'agencyId' | 'jobTitle' | 'email' | 'attendanceMode'> {
  const { registration: r } = normaliseRegistration(answers, agencies);
  // As a new row gets them (planRegistrations): the 名称 (or the text typed) and the member's id.
  return { name: r.name, furigana: r.furigana, agency: r.agencyText, agencyId: r.agencyId, jobTitle: r.jobTitle, email: r.email, attendanceMode: r.participation };
}

/** A recorded response: carries a correction made in the response sheet into its ledger row, or reports a clash. */
function carryCorrection(plan: RegistrationPlan, imported: ReadonlyMap<string, string>, key: string, s: FormSubmission, row: LedgerRow, agencies: readonly AgencyRef[]): void {
  const recorded = imported.get(s.responseKey) ?? imported.get(key);
  if (recorded === undefined) {
    // Brought in before the record existed (or the record's write failed): record what the row holds now.
    plan.importRecords.push({ responseKey: s.responseKey, eventId: row.eventId, fingerprint: fingerprint(row) });
    return;
  }
  const answer = personFieldsOf(s.answers, agencies);
  const fitting = Object.fromEntries(Object.entries(answer).map(([k, v]) => [k, fitsInCell(v) ? v : String(row[k as keyof typeof answer])])) as typeof answer;
  const c = planCorrection(recorded, fitting, row);
  if (c.changes.length) plan.corrections.push({ responseKey: key, changes: c.changes });
  for (const x of c.conflicts) {
    plan.problems.push({
      responseKey: s.responseKey, field: x.field === 'attendanceMode' ? 'participation' : x.field === 'agencyId' ? 'agency' : x.field, fresh: true,
      message: { key: 'ledger.correctionClash', params: { column: PERSON_FIELD_HEADERS[x.field], answer: quoteText(x.answerValue), ledger: quoteText(x.ledgerValue) } },
    });
  }
  if (c.fingerprint !== recorded || !imported.has(s.responseKey)) plan.importRecords.push({ responseKey: s.responseKey, eventId: row.eventId, fingerprint: c.fingerprint });
}

/** What is wrong with one response's answers (missing name, malformed email, formula-looking text, …). */
function answerProblems(s: FormSubmission, agencies: readonly AgencyRef[], fresh: boolean): PlanProblem[] {
  const out: PlanProblem[] = normaliseRegistration(s.answers, agencies).problems.map((p) => ({ responseKey: s.responseKey, field: p.field, message: p.message, fresh }));
  for (const [field, title] of Object.entries(REGISTRATION_TITLES)) {
    const typed = String(s.answers[title] ?? '').trim();
    if (looksLikeFormula(typed)) {
      out.push({
        responseKey: s.responseKey, field: field as FieldProblem['field'], fresh,
        message: { key: 'ledger.formulaAsText', params: { question: title, value: quoteText(typed) } },
      });
    }
  }
  return out;
}

// ---------- checking rows typed by hand ----------

export interface RowProblem {
  /** 0-based index into the rows given. */
  index: number;
  field: 'eventId' | 'name' | 'email' | 'status' | 'person';
  message: Localized;
}

/**
 * Checks every ledger row as a form row is checked: a row typed by hand (経路 = 手入力) gets the same
 * messages. Only the second and later rows of one person in one event are flagged as duplicates.
 */
export function checkLedgerRows(rows: readonly LedgerRow[], eventIds: ReadonlySet<string>): RowProblem[] {
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const blank = row.name === '' && row.email === '' && row.eventId === '' && row.furigana === '';
    if (blank) return;
    if (row.eventId === '') problems.push({ index, field: 'eventId', message: { key: 'ledger.eventIdEmpty' } });
    else if (!eventIds.has(row.eventId)) problems.push({ index, field: 'eventId', message: { key: 'ledger.eventIdUnknown', params: { value: quoteText(row.eventId) } } });
    if (normaliseName(row.name) === '') problems.push({ index, field: 'name', message: { key: 'ledger.nameEmpty' } });
    const email = normaliseEmail(row.email);
    if (email !== '' && !isEmail(email)) {
      problems.push({ index, field: 'email', message: { key: 'registration.emailInvalid', params: { value: quoteText(row.email) } } });
    }
    if (row.status !== '' && !(Object.values(LEDGER_STATUS) as string[]).includes(row.status)) {
      problems.push({ index, field: 'status', message: { key: 'ledger.statusInvalid', params: { value: quoteText(row.status) } } });
    }
    if (row.eventId !== '' && (row.name !== '' || row.email !== '')) {
      const key = personKey(row);
      const first = seen.get(key);
      if (first !== undefined) {
        problems.push({ index, field: 'person', message: { key: 'ledger.duplicatePerson', params: { row: first + 2 } } });
      } else {
        seen.set(key, index);
      }
    }
  });
  return problems;
}
