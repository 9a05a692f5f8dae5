/**
 * The attendance ledger (参加者台帳): one row per registration. This module decides, from plain data, which
 * form responses become rows (de-duplicated by a persistent response key), which status they get (定員 →
 * キャンセル待ち), and what is wrong with rows typed by hand. The trigger handler and 「回答を同期」 use the same
 * plan, so a response handled by either is handled the same way and never twice.
 */
import { AgencyRef, Answers, FieldProblem, REGISTRATION_TITLES, isValidEmail, looksLikeFormula, normaliseEmail, normaliseFurigana, normaliseName, normaliseRegistration } from './registration';

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
}

/** One form response as read from a response sheet: when, and the answers by question title. */
export interface FormSubmission {
  responseKey: string;
  submittedAt: Date;
  answers: Answers;
}

export interface PlanProblem {
  responseKey: string;
  field: keyof typeof REGISTRATION_TITLES | 'response';
  message: string;
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
 * A response's persistent identity: its response sheet, its timestamp to the millisecond and its answers.
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
  if (email !== '' && isValidEmail(email)) return `${row.eventId}\u0001${email}`;
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
}

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
}): RegistrationPlan {
  const plan: RegistrationPlan = { appends: [], problems: [], alreadyRecorded: 0, blank: 0, duplicatesFlagged: 0 };
  const knownKeys = new Set(input.ledger.map((r) => r.responseId).filter((k) => k !== ''));
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
    if (knownKeys.has(s.responseKey)) {
      plan.alreadyRecorded++;
      if (!recordedHere.has(s.responseKey)) plan.problems.push(...answerProblems(s, input.agencies, false));
      continue;
    }
    if (isBlankSubmission(s.answers)) { plan.blank++; continue; }
    knownKeys.add(s.responseKey);
    recordedHere.add(s.responseKey);
    const { registration: r } = normaliseRegistration(s.answers, input.agencies);
    const candidate: LedgerRow = {
      responseId: s.responseKey, eventId: input.eventId, name: r.name, furigana: r.furigana, agency: r.agencyText, agencyId: r.agencyId,
      jobTitle: r.jobTitle, email: r.email, attendanceMode: r.participation, registeredAt: s.submittedAt, status: LEDGER_STATUS.registered,
      attended: false, checkedInAt: null, route: LEDGER_ROUTE.form, remarks: '',
    };
    const existing = people.get(personKey(candidate));
    if (existing) {
      plan.duplicatesFlagged++;
      plan.problems.push({
        responseKey: s.responseKey, field: 'response', fresh: true,
        message: `${candidate.name || '（氏名なし）'}さんは同じ行事に申込済みです（回答ID ${existing.responseId || '手入力'}）。2回目の申込は台帳に追加していません。内容が違う場合は台帳の行を直してください`,
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
  }
  return plan;
}

/** What is wrong with one response's answers (missing name, malformed email, formula-looking text, …). */
function answerProblems(s: FormSubmission, agencies: readonly AgencyRef[], fresh: boolean): PlanProblem[] {
  const out: PlanProblem[] = normaliseRegistration(s.answers, agencies).problems.map((p) => ({ responseKey: s.responseKey, field: p.field, message: p.message, fresh }));
  for (const [field, title] of Object.entries(REGISTRATION_TITLES)) {
    const typed = String(s.answers[title] ?? '').trim();
    if (looksLikeFormula(typed)) {
      out.push({
        responseKey: s.responseKey, field: field as FieldProblem['field'], fresh,
        message: `「${title}」の回答「${typed}」は数式のように見えるため、文字列として保存しました。内容を確認してください`,
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
  message: string;
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
    if (row.eventId === '') problems.push({ index, field: 'eventId', message: '行事IDが空です。行事シートのIDを入力してください' });
    else if (!eventIds.has(row.eventId)) problems.push({ index, field: 'eventId', message: `行事ID「${row.eventId}」は行事シートにありません。IDを確認してください` });
    if (normaliseName(row.name) === '') problems.push({ index, field: 'name', message: '氏名が空です。参加者の氏名を入力してください' });
    const email = normaliseEmail(row.email);
    if (email !== '' && !isValidEmail(email)) {
      problems.push({ index, field: 'email', message: `メール「${row.email}」の形式が正しくありません（例: name@example.jp）。確認して直してください` });
    }
    if (row.status !== '' && !(Object.values(LEDGER_STATUS) as string[]).includes(row.status)) {
      problems.push({ index, field: 'status', message: `状態は「申込」「キャンセル待ち」「取消」のいずれかにしてください（入力: ${row.status}）` });
    }
    if (row.eventId !== '' && (row.name !== '' || row.email !== '')) {
      const key = personKey(row);
      const first = seen.get(key);
      if (first !== undefined) {
        problems.push({ index, field: 'person', message: `同じ方の申込が${first + 2}行目にもあります（同じ行事に2回）。どちらかを削除するか、別人なら氏名・メールを確認してください` });
      } else {
        seen.set(key, index);
      }
    }
  });
  return problems;
}
