/**
 * 企業相談窓口 (issue 17): the company inquiry form and the agencies' status form (made and updated like the event
 * forms, forms.ts upsertForm), the 企業相談 ledger, the form-submit filing, routing and assignment.
 *
 * - The two forms' ids live in Document Properties (ids and a link template, no personal data), as the check-in forms'
 *   do, so the form-submit hook (responses.ts) pays one property read only for a sheet 行事 does not route.
 * - Each inquiry is filed once: a row keyed by its 回答id and a 取り込み記録 entry 「consult:<受付番号>」 written after
 *   the ledger (a duplicate or blank firing, a re-run, or a row a person deleted since, files nothing new).
 * - A status answer is applied once (取り込み記録 「status:…」), only to the inquiry whose 確認コード it carries
 *   (domain/consultations.ts planStatusUpdates).
 * - The status link is the status form's prefilled link made once with placeholders (FormResponse.toPrefilledUrl,
 *   https://developers.google.com/apps-script/reference/forms/form-response#toPrefilledUrl()) and filled in per
 *   inquiry, so an assignment costs no Forms call. That the placeholders come back verbatim in the link's query is
 *   assumed (Google documents the method, not the link's shape).
 */
import type { LocalizedProblem } from '../errors';
import type { MailRunReport } from '../../../protocol';
import { MailKind, RecordState, appendRecord, parseSendLog, stamp } from '../../domain/mail';
import { runTokens } from '../../domain/tokens';
import { SENT, readContext, runMessage, sendPlanned, writeInFlight } from '../mail';
import { listFrom, readList } from '../bigProperty';
import { AGENCIES, CONSULTATIONS } from '../../domain/schema';
import {
  CLOSED_STATUSES, Candidate, Figures, Inquiry, autoAssign, consultationFigures, overdue, autoAssignOn, parseNeighbours, LINK_NUMBER, LINK_TOKEN, RoutingAgency, SHARE_YES, header, coveredTopics, fileAnswers, intakeQuestions, nextNumber,
  planStatusUpdates, statusFromAnswers, statusLink, statusQuestions, MailAgency, consultationMails,
} from '../../domain/consultations';
import { EventRecord } from '../../domain/events';
import type { CivilDate } from '../../domain/dates';
import { clampToCell } from '../../domain/text';
import { DEFAULT_SETTINGS, SETTING } from '../../domain/settings';
import { Lang, t } from '../../i18n/messages';
import { missingGrants } from '../auth';
import { UserFacingError } from '../errors';
import { tryWithDocumentLock } from '../lock';
import { readResponseSheet } from '../records';
import { SheetSurvey } from '../renames';
import { Settings, documentProperties } from '../settings';
import { Table, TableRow, TableView, spreadsheetTimeZone } from '../tables';
import { SCOPES } from '../../scopes';
import { FORMS_SCOPES, OwnTexts, PropsLike, ensureFormSubmitTrigger, upsertForm } from './forms';
import { ImportRecord, openImportRecord, recordImports } from './importRecord';
import { markResponsesPending } from './pending';
import { completeSettings, setUpWorkbook } from './setup';

type SS = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Key = (typeof CONSULTATIONS)['columns'][number]['key'];
type Ledger = Table<Key>;

/** The forms' Forms calls, the trigger, and the e-mail of who protects the ledger (Session.getEffectiveUser). */
export const consultationScopes = (): readonly string[] => [...FORMS_SCOPES, SCOPES.email];
export const CONSULT_FORMS_KEY = 'consult.forms';
const FORMS_KEY = CONSULT_FORMS_KEY;
const PROTECTION = 'jsn-consultations';
const FILED = 'consult:';
const STATUS = 'status:';

interface StoredForm { formId: string; sheetId: string; url: string; link?: string }
interface Stored { intake?: StoredForm; status?: StoredForm }

const props = documentProperties; // asked once per execution (settings.ts)
function readStored(all?: Record<string, string>): Stored {
  // Only a mangled value reads as none; a failed Properties call is Google's failure and stops the run.
  const raw = (all ? all[FORMS_KEY] : props().getProperty(FORMS_KEY)) ?? '{}';
  try {
    return JSON.parse(raw) as Stored;
  } catch {
    return {};
  }
}
/** The two forms' answer sheets' ids as kept (回答を同期 does not ask those sheets for their form). */
export const consultationSheetIds = (all: Record<string, string>): string[] => {
  const stored = readStored(all);
  return [stored.intake?.sheetId ?? '', stored.status?.sheetId ?? ''];
};
/** The company form's link for the pamphlet's {{企業相談フォーム}} ('' before the form exists). */
export const consultationFormUrl = (): string => readStored().intake?.url ?? '';

/**
 * Document Properties read once (getProperties: "Gets a copy of all key/value pairs in the current Properties store",
 * https://developers.google.com/apps-script/reference/properties/properties#getProperties()) and kept current as this
 * run writes: under the document lock, the keys read here (the forms' record, what each form was given, the
 * coordinator) are written only by runs that hold the lock too.
 */
function propertiesOnce(): PropsLike & { all: Record<string, string> } {
  const p = props();
  const all = p.getProperties();
  return { all, getProperty: (k) => all[k] ?? null, setProperty: (k, v) => { all[k] = v; p.setProperty(k, v); } };
}

export interface ConsultationFormsResult { intakeUrl: string; statusUrl: string; message: string }

/** 「企業相談フォームの作成」: the 企業相談 sheet (protected), the two forms (made once, updated after), the trigger. */
export function createConsultationForms(ss: SS, lang: Lang): ConsultationFormsResult {
  // The grants (consultationScopes) are checked by the entry before the lock (operations.ts `scopes`), not asked again.
  const found = new Map<string, Sheet>();
  const made = setUpWorkbook(ss, lang, [CONSULTATIONS], found);
  const sheet = found.get(CONSULTATIONS.name);
  if (!sheet) {
    // Left aside as renamed (nothing made beside it): named, found again by its mark (calls on this path only).
    const renamed = made.renamed.length ? new SheetSurvey(ss, undefined, undefined, true).renamed(CONSULTATIONS) : null;
    throw renamed ? new UserFacingError('sheet.renamed', { expected: CONSULTATIONS.name, actual: renamed.name }) : new UserFacingError('setup.needed', { sheet: CONSULTATIONS.name });
  }
  const protections = made.createdSheets.length ? [] : sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET);
  if (!protections.some((p) => p.getDescription() === PROTECTION)) {
    // The description is set last, so one without it is what a run that stopped half-way left: made again whole.
    for (const p of protections) if (p.getDescription() === '') p.remove();
    // Google's pattern for "only me": add the current user, then remove every other editor
    // (https://developers.google.com/apps-script/reference/spreadsheet/protection). It stops edits, not reading: who
    // can open the spreadsheet can read the sheet (docs/privacy.md), so it holds contacts, never a person's disability.
    const p = sheet.protect();
    p.addEditor(Session.getEffectiveUser());
    p.removeEditors(p.getEditors());
    if (p.canDomainEdit()) p.setDomainEdit(false);
    p.setDescription(PROTECTION);
  }
  // 設定 read once, as a view; declared rows it lacks (the 企業相談 ones after an upgrade) are added as 初期設定 adds
  // them, on a writer's re-read under the lock.
  let settings = Settings.open(ss, true);
  if (DEFAULT_SETTINGS.some((d) => !settings.has(d.key))) {
    completeSettings(ss);
    settings = Settings.open(ss, true);
  }
  const network = settings.get(SETTING.networkName);
  const p = propertiesOnce();
  const stored = readStored(p.all);
  const store = (part: keyof Stored, form: StoredForm) => { stored[part] = form; p.setProperty(FORMS_KEY, JSON.stringify(stored)); };
  // Form texts are data (what companies and agencies read), in the network's language.
  const form = (part: keyof Stored, texts: OwnTexts, questions: ReturnType<typeof intakeQuestions>) => {
    const f = upsertForm(ss, { id: part } as EventRecord, 'registration', questions, stored[part]?.formId ?? '', stored[part]?.sheetId ?? '',
      (formId) => store(part, { formId, sheetId: '', url: '' }), p, texts);
    const known = stored[part];
    // The status form's prefilled link with placeholders, made once per form (Forms calls) and filled per inquiry.
    const link = part === 'intake' ? undefined : known?.formId === f.formId && known.link ? known.link : prefilledTemplate(f.formId);
    const next = { formId: f.formId, sheetId: f.sheetId, url: f.url, ...(link ? { link } : {}) };
    // Written only when it changes (a re-run that finds both forms as recorded writes nothing).
    if (JSON.stringify(next) !== JSON.stringify(known)) store(part, next);
    return f.url;
  };
  const intakeUrl = form('intake', {
    title: `【企業相談】${network}`, description: `障害のある方の雇用について、${network}の会員団体がご相談に応じます。`,
    confirmation: 'ご相談を受け付けました。担当の団体からご連絡します。', sheet: '企業相談回答',
  }, intakeQuestions());
  const statusUrl = form('status', { title: `【企業相談 対応状況】${network}`, description: '', confirmation: '受け付けました。', sheet: '企業相談状況回答' }, statusQuestions());
  // The e-mail grant is among consultationScopes, checked by the entry.
  ensureFormSubmitTrigger(ss, { props: p, emailGranted: true });
  return { intakeUrl, statusUrl, message: t(lang, 'consult.formsDone', { intake: intakeUrl }) };
}

function prefilledTemplate(formId: string): string {
  const form = FormApp.openById(formId);
  const items = form.getItems();
  const item = (title: string) => items.find((i) => i.getTitle() === title)!.asTextItem();
  return form.createResponse()
    .withItemResponse(item(header('number')).createResponse(LINK_NUMBER))
    .withItemResponse(item(header('token')).createResponse(LINK_TOKEN))
    .toPrefilledUrl();
}

// ---------- reading ----------

/** A row by its schema: dates as Date (null when not one), the rest as trimmed text. */
type Row = Inquiry & Record<'email' | 'mailLog', string> & Record<Key, unknown>;
function rowOf(r: TableRow<Key>): Row {
  return Object.fromEntries(CONSULTATIONS.columns.map((c) => {
    const v = r.get(c.key);
    return [c.key, 'dateFormat' in c ? (v instanceof Date ? v : null) : r.text(c.key).trim()];
  })) as never;
}

function readInquiries(ledger: Pick<Ledger, 'rows'>): { inquiries: Row[]; rowNumber: Map<string, number> } {
  const rowNumber = new Map<string, number>();
  const inquiries = ledger.rows().map(rowOf).filter((i, n) => i.number !== '' && !!rowNumber.set(i.number, n + 2));
  return { inquiries, rowNumber };
}

function readAgencies(ss: SS, timeZone: string): (RoutingAgency & MailAgency)[] {
  return Table.open(ss, AGENCIES, timeZone, true).rows().map((r) => ({
    id: r.text('id').trim(), name: r.text('name').trim(), address: r.text('address'), services: r.text('employerServices'), disabilities: r.text('disabilityTypes'),
    referrals: r.text('referrals'), email: r.text('email').trim(), contact: r.text('employerContact').trim() || r.text('phone').trim(),
  })).filter((a) => a.id !== '');
}

/** Sets a row to 担当決定 for an agency with a fresh 確認コード (the previous agency's link stops working). */
function assignRow(ledger: Ledger, row: number, number: string, agency: { agencyId: string; agency: string }, now: Date, link: string | undefined): string {
  const token = Utilities.getUuid();
  const url = link ? statusLink(link, number, token) : '';
  const values = { status: '担当決定', agencyId: agency.agencyId, agency: agency.agency, assignedAt: now, changedAt: now, token, statusLink: url };
  for (const [k, v] of Object.entries(values)) ledger.set(row, k as Key, v);
  return url;
}

// ---------- the form-submit hook, 回答を同期 and the hourly catch-up ----------

/** True when the sheet is one of the two company forms' (handled here under the lock, or left for the catch-up). */
export function recordConsultationSubmission(ss: SS, sheet: Sheet, sheetId: string, timeZone: string, log: (details: string) => void): boolean {
  const stored = readStored();
  const intake = stored.intake?.sheetId === sheetId;
  if (!intake && stored.status?.sheetId !== sheetId) return false;
  const outcome = tryWithDocumentLock(() => fileSheet(ss, sheet, stored, timeZone, intake), 10_000);
  if (!outcome.ran) markResponsesPending();
  else if (outcome.value.count) log([t('ja', intake ? 'consult.filed' : 'consult.updated', { count: outcome.value.count, other: outcome.value.other }), outcome.value.mail?.message].join(' ').trim());
  // A failed send fails the firing with Google's wording, as participant mail's does; the hourly run sends the rest.
  if (outcome.ran && outcome.value.mail?.error) throw new Error(outcome.value.mail.error);
  return true;
}

interface Filing { count: number; other: number; problems: LocalizedProblem[]; assigned?: number; mail?: MailRunReport }
type Entry = { responseKey: string; eventId: string; fingerprint: string };

/**
 * Files what one of the two forms' sheets holds that was not filed before, under the lock: the 企業相談 rows first,
 * the 取り込み記録 entries after (a failure in between files the answer again next time, which finds its row by 回答id
 * or its status answer already applied to the note).
 */
function fileSheet(ss: SS, sheet: Sheet, stored: Stored, timeZone: string, intake: boolean, shared?: { record: ImportRecord; ledger?: Ledger }): Filing {
  const form = (intake ? stored.intake : stored.status)!;
  const read = readResponseSheet(sheet, form.sheetId, timeZone, form.formId).map((r) => r.submission);
  const record = shared?.record ?? openImportRecord(ss, timeZone);
  const result: Filing = { count: 0, other: 0, problems: [] };
  // Every answer filed already (or blank): nothing to file or write, 企業相談 is not read (4 calls on most syncs).
  const done = (s: Read): boolean => {
    if (intake) return record.byKey.has(s.responseKey) || !Object.values(s.answers).some((v) => v.trim());
    const status = statusFromAnswers(s.responseKey, s.submittedAt, s.answers);
    return !!record.byKey.get(s.responseKey)?.startsWith(STATUS) || (status.number === '' && status.token === '');
  };
  if (shared && read.every(done)) return result;
  // 回答を同期 files both sheets into one 企業相談 read (its flush re-reads the sheet live before writing).
  const ledger = shared ? (shared.ledger ??= Table.open(ss, CONSULTATIONS, timeZone)) : Table.open(ss, CONSULTATIONS, timeZone);
  const entries = intake ? fileInquiries(read, ledger, record.byKey, result, ss, stored) : applyStatuses(read, ledger, record.byKey, result);
  if (entries.length) {
    // The cue first: a run that dies after the ledger is written leaves its automatic assignments to the hourly run.
    if (result.assigned) props().setProperty(MAIL_DUE, '1');
    ledger.flush();
    recordImports(record, entries);
    record.table.flush();
    result.problems.push(...ledger.conflicts);
  }
  if (result.assigned) result.mail = mailIfGranted(ss, timeZone, ledger);
  return result;
}

/**
 * The assignment mails when this user granted mail; otherwise they wait (cued) for a run that may send. An installable
 * trigger runs as, and with the grant of, the user who created it (Google's table "Installable trigger — user who
 * created the trigger": https://developers.google.com/apps-script/guides/services/authorization).
 */
function mailIfGranted(ss: SS, timeZone: string, ledger?: Ledger): MailRunReport | undefined {
  return missingGrants([SCOPES.mail]).length ? undefined : sendConsultationMail(ss, timeZone, 'ja', ledger);
}

type Read = ReturnType<typeof readResponseSheet>[number]['submission'];

/**
 * Each company answer not filed before becomes a 受付 row with the next 受付番号 — or, when 設定「企業相談_自動割当」
 * says する, a 担当決定 row for its first candidate (domain autoAssign), in the same write.
 */
function fileInquiries(read: Read[], ledger: Ledger, filed: ReadonlyMap<string, string>, result: Filing, ss: SS, stored: Stored): Entry[] {
  const { inquiries } = readInquiries(ledger);
  const known = new Map(inquiries.map((i) => [String(i.responseId), i.number]));
  // A row filed by a run that stopped before its 取り込み記録 entry gets the entry now.
  const entries = read.flatMap((s) => (!filed.has(s.responseKey) && known.has(s.responseKey) ? [{ responseKey: s.responseKey, eventId: '', fingerprint: FILED + known.get(s.responseKey) }] : []));
  // Numbers of rows a person deleted stay used: 取り込み記録 remembers them.
  const used = [...inquiries.map((i) => i.number), ...[...filed.values()].filter((v) => v.startsWith(FILED)).map((v) => v.slice(FILED.length))];
  const rows: Row[] = [];
  for (const s of read.filter((r) => !filed.has(r.responseKey) && !known.has(r.responseKey) && Object.values(r.answers).some((v) => v.trim()))) {
    const number = nextNumber(used);
    used.push(number);
    rows.push({ ...Object.fromEntries(Object.entries(fileAnswers(s.answers)).map(([k, v]) => [k, clampToCell(v)])), number, status: '受付', receivedAt: s.submittedAt, changedAt: s.submittedAt, responseId: s.responseKey } as never);
    entries.push({ responseKey: s.responseKey, eventId: '', fingerprint: FILED + number });
  }
  const settings = rows.length ? Settings.open(ss, true) : null;
  const auto = settings && autoAssignOn(settings.get(SETTING.consultAutoAssign))
    ? autoAssign(rows, [...inquiries, ...rows], readAgencies(ss, ledger.timeZone), parseNeighbours(settings.get(SETTING.consultNeighbours)).map) : new Map<string, Candidate>();
  const link = stored.status?.link ?? '';
  // One draw of randomness for the run, whatever the number of rows (domain/tokens.ts).
  const tokens = runTokens(() => Utilities.getUuid(), 'consult');
  for (const row of rows) {
    const c = auto.get(row.number);
    // As 担当に決める writes it (assignRow): a fresh 確認コード and the link that carries it.
    const token = c ? tokens(row.number) : '';
    ledger.append((c ? { ...row, status: '担当決定', agencyId: c.agencyId, agency: c.agency, assignedAt: row.receivedAt, token, statusLink: link && statusLink(link, row.number, token) } : row) as never);
  }
  result.count = rows.length;
  result.assigned = auto.size;
  return entries;
}

/** Each status answer not applied before, applied to the inquiry its 確認コード belongs to (or refused). */
function applyStatuses(read: Read[], ledger: Ledger, filed: ReadonlyMap<string, string>, result: Filing): Entry[] {
  const handled = new Set([...filed].filter(([, v]) => v.startsWith(STATUS)).map(([k]) => k));
  const { inquiries, rowNumber } = readInquiries(ledger);
  const plan = planStatusUpdates(inquiries, read.map((s) => statusFromAnswers(s.responseKey, s.submittedAt, s.answers)), handled);
  for (const o of plan) {
    if (o.kind === 'refused') { result.other++; continue; }
    const row = rowNumber.get(o.number)!;
    ledger.set(row, 'status', o.status);
    ledger.set(row, 'changedAt', o.at);
    if (o.firstContact) ledger.set(row, 'firstContactAt', o.at);
    // Re-applied after a run that wrote the ledger but not 取り込み記録: the same line is not added twice.
    const line = `${Utilities.formatDate(o.at, ledger.timeZone, 'yyyy-MM-dd')} ${o.status}: ${o.note}`;
    const notes = ledger.row(row).text('note');
    if (o.note && !notes.split('\n').includes(line)) ledger.set(row, 'note', clampToCell(notes ? `${notes}\n${line}` : line));
    result.count++;
  }
  return plan.map((o) => ({ responseKey: o.responseKey, eventId: '', fingerprint: STATUS + o.number + (o.kind === 'refused' ? `:${o.why}` : '') }));
}

/** 「回答を同期」 and the hourly catch-up: both company sheets. One property read when the forms were never made. */
export function syncConsultations(ss: SS, timeZone: string, sheets: Pick<ReadonlyMap<string, GoogleAppsScript.Spreadsheet.Sheet>, 'get'>, all: Record<string, string>, record: ImportRecord): LocalizedProblem[] {
  const stored = readStored(all);
  const shared: { record: ImportRecord; ledger?: Ledger } = { record };
  let mailed = false;
  const problems = [true, false].flatMap((intake) => {
    const sheet = sheets.get((intake ? stored.intake : stored.status)?.sheetId ?? '');
    const filing = sheet ? fileSheet(ss, sheet, stored, timeZone, intake, shared) : null;
    if (filing?.mail) mailed = true;
    return filing?.problems ?? [];
  });
  // Assignment mails a run left due (an automatic assignment whose run died, a batch the quota cut): the cue as read
  // under this lock (`all`); an assignment filed just now was mailed by its filing.
  if (stored.intake && !mailed && all[MAIL_DUE]) mailIfGranted(ss, timeZone);
  return problems;
}

// ---------- the sidebar ----------

/**
 * What the sidebar needs, as read: the inquiries (every 企業相談 column but the 確認コード; dates as ISO text), the
 * agencies' routing fields, 設定. The sidebar ranks candidates with their reasons, lists follow-up and computes the
 * figures itself (domain/consultations.ts), so none of that is in dist/Code.js; 「担当に決める」 checks again here.
 */
export interface ConsultationList {
  intakeUrl: string; statusUrl: string; neighbours: string; followUpDays: string; now: string; agencies: RoutingAgency[]; consultations: Record<string, string>[];
}

export function listConsultations(ss: SS): ConsultationList {
  const timeZone = spreadsheetTimeZone(ss);
  const stored = readStored();
  // Read only: every sheet as a view (2 calls each), 企業相談 looked up once (none before the forms are made).
  const settings = Settings.open(ss, true);
  const ledger = openView(ss, timeZone);
  const inquiries = ledger ? readInquiries(ledger).inquiries : [];
  return {
    intakeUrl: stored.intake?.url ?? '', statusUrl: stored.status?.url ?? '', neighbours: settings.get(SETTING.consultNeighbours),
    followUpDays: settings.get(SETTING.consultFollowUpDays), now: new Date().toISOString(), agencies: ledger ? readAgencies(ss, timeZone) : [],
    consultations: inquiries.map(({ token: _token, ...i }) => Object.fromEntries(Object.entries(i).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : String(v ?? '')]))),
  };
}

export interface AssignResult { number: string; agency: string; statusLink: string; message: string }

/**
 * 「担当に決める」 (also re-assigning): only a ranked candidate (never an agency that does not take referrals or offers
 * none of the support asked for), only for a company that agreed to share, found again by 受付番号 under the lock.
 */
export function assignConsultation(ss: SS, lang: Lang, number: string, agencyId: string): AssignResult {
  const timeZone = spreadsheetTimeZone(ss);
  const ledger = Table.open(ss, CONSULTATIONS, timeZone);
  const { inquiries, rowNumber } = readInquiries(ledger);
  const inquiry = inquiries.find((i) => i.number === String(number).trim());
  const agencies = readAgencies(ss, timeZone);
  const agency = agencies.find((a) => a.id === String(agencyId).trim());
  // A company that agreed to share, not closed, and an agency that takes referrals and offers some of what was asked.
  if (!inquiry || inquiry.shareConsent !== SHARE_YES || CLOSED_STATUSES.includes(inquiry.status) || !agency || !coveredTopics(inquiry, agency)) {
    throw new UserFacingError('consult.cannotAssign', { number: String(number), agency: String(agencyId) });
  }
  // The agency already assigned: nothing changes (its link stays), so a re-run after a failure only sends what is left.
  const same = inquiry.agencyId === agency.id && inquiry.token !== '';
  // Document Properties read once under the lock: the status form's link and, for the mails, the in-flight list.
  const all = props().getProperties();
  const url = same ? String(inquiry.statusLink) : assignRow(ledger, rowNumber.get(inquiry.number)!, inquiry.number, { agencyId: agency.id, agency: agency.name }, new Date(), readStored(all).status?.link);
  if (!same) ledger.flush();
  // The assignment mails, after the assignment is saved (a failed send never undoes it; a re-run sends the rest).
  // 団体 as read above (a view, in this execution): the mails are composed from it, nothing is written from it.
  const mail = sendConsultationMail(ss, timeZone, lang, ledger, undefined, agencies, all);
  return { number: inquiry.number, agency: agency.name, statusLink: url, message: `${t(lang, 'consult.assigned', { number: inquiry.number, agency: agency.name })}\n${mail.message}` };
}

// ---------- mail ----------

/** 企業相談's in-flight list (its own, so that participant mail's recovery never meets these ids). */
export const MAIL_IN_FLIGHT = 'consult.mailInFlight';
/** Set while assignment mails are due (a batch the quota or a failure cut; an automatic assignment not mailed yet). */
export const MAIL_DUE = 'consult.mailDue';

/**
 * The assignment mails not sent yet (domain/consultations.ts consultationMails), through the participant mail engine:
 * within today's quota, the batch in flight before the first send, one sendEmail each, stopped at the first failure
 * (workspace/mail.ts sendPlanned); 送信記録 on the 企業相談 row after. What a dead run left in flight and 送信記録 does
 * not show becomes 要確認 there, never sent again. What the quota or a failure left is sent by the hourly run, which
 * this run schedules. The caller holds the document lock.
 */
export function sendConsultationMail(
  ss: SS, timeZone: string, lang: Lang = 'ja', ledger: Ledger = Table.open(ss, CONSULTATIONS, timeZone), remind?: { number: string; period: number },
  agencies?: (RoutingAgency & MailAgency)[],
  /** Document Properties as the caller read them under this lock (nothing written to them since). */
  all?: Record<string, string>,
): MailRunReport {
  const p = props();
  const inFlight = all ? listFrom(all, MAIL_IN_FLIGHT) : readList(p, MAIL_IN_FLIGHT);
  const { inquiries, rowNumber } = readInquiries(ledger);
  const now = new Date();
  const report = { sent: {}, due: 0, left: 0, error: null, inDoubtRows: [], problems: [] } as unknown as MailRunReport;
  const mark = (id: string, state: RecordState) => {
    const [number, tag = '', kind] = id.split(/[:|]/) as [string, string, MailKind];
    const i = inquiries.find((x) => x.number === number);
    if (!i || parseSendLog(i.mailLog).records.some((r) => r.kind === kind && r.at.endsWith(tag))) return;
    ledger.set(rowNumber.get(number)!, 'mailLog', i.mailLog = appendRecord(i.mailLog, { kind, state, at: `${stamp(now, timeZone)} ${tag}` }));
    if (state === 'inDoubt') report.inDoubtRows.push(rowNumber.get(number)!);
    else report.sent[kind] = (report.sent[kind] ?? 0) + 1;
  };
  // Marked sent (S|): the 送信記録 write failed after the sends — recorded now as sent; unmarked: 要確認.
  inFlight.values.forEach((id) => (id.startsWith(SENT) ? mark(id.slice(SENT.length), 'sent') : mark(id, 'inDoubt')));
  // No 行事 read: these mails carry no event (no .ics).
  const context = readContext(ss, timeZone, []);
  const due = consultationMails(inquiries, agencies ?? readAgencies(ss, timeZone), context.templates, context.settings, remind);
  const batch = due.length ? due.slice(0, Math.max(0, MailApp.getRemainingDailyQuota())) : [];
  // The in-flight list is replaced by this batch's (or emptied) only after 要確認 is saved: none is ever lost.
  ledger.flush();
  const outcome = sendPlanned(p, batch, context, now, undefined, MAIL_IN_FLIGHT);
  outcome.sent.forEach((m) => mark(m.id, 'sent'));
  try {
    ledger.flush();
  } catch (e) {
    // As the participant engine does: what certainly went out is marked sent in the list, so the next run records it.
    writeInFlight(p, outcome.sent.map((m) => SENT + m.id), outcome.chunks, undefined, MAIL_IN_FLIGHT);
    throw e;
  }
  Object.assign(report, { due: due.length, left: due.length - outcome.sent.length, quotaStopped: batch.length < due.length, error: outcome.error, timeStopped: outcome.timeStopped });
  // The list emptied and, with it, the cue for the hourly run: set while something is left (quota, a failure).
  writeInFlight(p, [], Math.max(inFlight.chunks, outcome.chunks), undefined, MAIL_IN_FLIGHT, { [MAIL_DUE]: report.left ? '1' : '' });
  report.message = runMessage(report, lang, CONSULTATIONS.name);
  return report;
}

/** The hourly run's part (under its lock): what the quota or a failure left, and what a dead run left in flight. */
export function consultationsHourly(ss: SS): MailRunReport {
  return sendConsultationMail(ss, spreadsheetTimeZone(ss));
}

/**
 * 「督促を送る」 (follow-up): the assigned agency's request again, marked 【再送】, for an inquiry whose status has not
 * changed for 設定「企業相談_督促日数」 days — once per such period (the Nth period since the last change is its tag).
 */
export function remindConsultation(ss: SS, lang: Lang, number: string): MailRunReport {
  const timeZone = spreadsheetTimeZone(ss);
  const ledger = Table.open(ss, CONSULTATIONS, timeZone);
  const days = Math.max(1, Number(Settings.open(ss, true).get(SETTING.consultFollowUpDays).normalize('NFKC')) || 7);
  const i = readInquiries(ledger).inquiries.find((x) => x.number === String(number).trim());
  const now = new Date();
  const period = i && i.token !== '' && overdue([i], now, days).length ? Math.floor((now.getTime() - (i.changedAt ?? i.receivedAt)!.getTime()) / (days * 86_400_000)) : 0;
  if (period < 1) throw new UserFacingError('consult.cannotRemind', { number: String(number), days });
  return sendConsultationMail(ss, timeZone, lang, ledger, { number: i!.number, period });
}

/**
 * The activity report's 企業相談 figures for a period (received within it): counts, never a name but those of
 * companies that agreed to be named (domain consultationFigures). Read as a view; none before the sheet exists.
 */
/** 企業相談 as a view, or none before the sheet exists (one look-up: the view's own). */
function openView(ss: SS, timeZone: string): TableView<Key> | undefined {
  try {
    return Table.open(ss, CONSULTATIONS, timeZone, true);
  } catch (e) {
    if (e instanceof UserFacingError && e.key === 'setup.needed') return undefined;
    throw e;
  }
}

export function reportConsultations(ss: SS, timeZone: string, period: { start: CivilDate; end: CivilDate }): Figures | undefined {
  // A renamed header is still reported (only a missing sheet reads as none).
  const view = openView(ss, timeZone);
  if (!view) return undefined;
  const at = (d: CivilDate, end: number) => new Date(d.year, d.month - 1, d.day + end, 0, 0, 0, -end);
  return consultationFigures(readInquiries(view).inquiries, at(period.start, 0), at(period.end, 1));
}
