/**
 * 掲載情報の確認 (issue 16) in Google: one confirmation form (forms.ts upsertForm, like an event's forms), each agency's
 * prefilled link built from one link Google makes (domain/agency-round.ts), each agency's latest request and its token
 * (Document Properties), and decisions written to 団体 through the registry check and the Table's
 * safe write (re-read under the lock, row found by its id, only changed cells).
 *
 * Calls: request — 団体, 設定 and the record read once each, the form (found by id; questions applied only when their
 * spec changed), the prefill template (2 calls once cached in Document Properties), one write of the new requests;
 * with mail, メール文面 and 行事 read (the mail engine's context), the quota, two record writes around the batch and
 * one sendEmail per agency;
 * review — four reads; a decision — 団体 (read, re-read, one write per block of change, read back), the record, the
 * answers. None grows with the number of agencies.
 */
import type { EventRecord } from '../../domain/events';
import type { Problem, RoundDecision, RoundDecisionResult, RoundLink, RoundRequestArg, RoundRequestResult, RoundReviewData } from '../../../protocol';
import {
  PrefillTemplate, ROUND_ANSWER_SHEET, ROUND_TOKEN, RoundAnswer, RoundRecord, headerOf,
  parsePrefillTemplate, planDecision, planRequests, prefillValues, prefilledUrl, roundQuestions,
} from '../../domain/agency-round';
import { PlannedMail, appendRecord, parseSendLog, stamp } from '../../domain/mail';
import { isEmail } from '../../domain/email';
import { fillLines } from '../../domain/template';
import { runTokens } from '../../domain/tokens';
import { readContext, sendPlanned } from '../mail';
import type { AgencyKey, AgencyRowInput } from '../../domain/agencies';
import { AGENCIES, CONSENT_FIELDS } from '../../domain/schema';
import { SETTING } from '../../domain/settings';
import { CivilDate, isoDate, parseCivilDate } from '../../domain/dates';
import { Lang, t } from '../../i18n/messages';
import { SCOPES } from '../../scopes';
import { UserFacingError, renderProblems } from '../errors';
import { readIssueRows } from '../issueRecord';
import { listFrom, readList, writeList } from '../bigProperty';
import { readResponseSheet } from '../records';
import { Settings, documentProperties } from '../settings';
import { Table, formatZoned, spreadsheetTimeZone } from '../tables';
import { describeError } from '../errors';
import { APPLIED_PREFIX, upsertForm, upsertedForm } from './forms';
import { problemMessage, readAgencies } from './registry';

export const ROUND_SCOPES = [SCOPES.sheets, SCOPES.forms, SCOPES.mail] as const;

/**
 * Each agency's latest request (its token, when and how it was sent, what became of its answer), in Document
 * Properties (bigProperty.ts: one read, one write, split past 9 KB — about 100 B an agency): only the add-on writes
 * it, and a token kept out of the sheets cannot be copied from them. The sidebar shows it; 団体 keeps the outcome
 * (最終確認日, 同意日, 同意者, 掲載しない項目).
 */
const RECORD_KEY = 'round.requests';
type Records = { records: RoundRecord[]; chunks: number };
function readRecords(props: GoogleAppsScript.Properties.Properties, all?: Record<string, string>): Records {
  const list = all ? listFrom(all, RECORD_KEY) : readList(props, RECORD_KEY);
  return { records: list.values.map((v) => JSON.parse(v) as RoundRecord), chunks: list.chunks };
}
function writeRecords(props: GoogleAppsScript.Properties.Properties, r: Records): void {
  r.chunks = writeList(props, RECORD_KEY, r.records.map((x) => JSON.stringify(x)), r.chunks);
}

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

// formatZoned writes yyyy-mm-dd, which parseCivilDate always reads.
const today = (ss: Spreadsheet) => parseCivilDate(formatZoned(new Date(), spreadsheetTimeZone(ss), false)) as CivilDate;
const cell = (r: AgencyRowInput, key: AgencyKey) => String(r.cells[key] ?? '').trim();
const tokenOf = (a: RoundAnswer) => (a.answers[ROUND_TOKEN] ?? '').trim();

/**
 * The round's form in Document Properties (not 設定: nobody edits it): its id, its answer sheet's id, and its
 * prefilled-link shape with the applied-state record it was read under (forms.ts).
 */
const FORM_KEY = 'round.form';
interface RoundForm { formId: string; sheetId: string; applied: string; template: PrefillTemplate | null }
function roundForm(props: Pick<GoogleAppsScript.Properties.Properties, 'getProperty'>): RoundForm {
  return { formId: '', sheetId: '', applied: '', template: null, ...(JSON.parse(props.getProperty(FORM_KEY) ?? '{}') as Partial<RoundForm>) };
}

/** The answer sheet's id as the form's record keeps it (回答を同期 does not ask that sheet for its form). */
export function roundSheetId(all: Record<string, string>): string {
  try {
    return String((JSON.parse(all[FORM_KEY] ?? '{}') as Partial<RoundForm>).sheetId ?? '');
  } catch {
    return '';
  }
}

/** Every answer in 掲載情報の回答 (its recorded id decides: a volunteer may rename it). One read. */
function readAnswers(ss: Spreadsheet, props: GoogleAppsScript.Properties.Properties): RoundAnswer[] {
  const { formId, sheetId } = roundForm(props);
  // By its name first (2 calls), by id among the sheets only when a volunteer renamed it.
  const named = ss.getSheetByName(ROUND_ANSWER_SHEET);
  const sheet = named && String(named.getSheetId()) === sheetId ? named : sheetId ? ss.getSheets().find((x) => String(x.getSheetId()) === sheetId) : undefined;
  if (!sheet) return [];
  const zone = spreadsheetTimeZone(ss);
  return readResponseSheet(sheet, sheetId, zone, formId).map((r) => ({
    key: r.submission.responseKey, row: r.rowNumber, on: formatZoned(r.submission.submittedAt, zone, false), answers: r.submission.answers,
  }));
}

// ------------------------------------------------------------------ the form and its links


/**
 * The form's prefilled-link shape: asked of Google once (one response answered with a marker per question, then
 * toPrefilledUrl) and kept with the form's record, so it is asked again only when the form's questions changed.
 */
function prefillTemplate(f: RoundForm, props: GoogleAppsScript.Properties.Properties, pending: Record<string, string>, all: Record<string, string>): PrefillTemplate {
  // The form upsertForm just brought in line: its record as written and the object itself (2 calls fewer).
  const made = upsertedForm(f.formId);
  const applied = made ? made.applied : pending[APPLIED_PREFIX + f.formId] ?? all[APPLIED_PREFIX + f.formId] ?? '';
  // upsertForm's applied-state record (`pending`) is written with this form's record in one setProperties (a call fewer):
  // a run cut before it has no record of what it applied, and the next run reads the items and applies again.
  if (f.template && f.applied === applied) {
    if (Object.keys(pending).length) props.setProperties(pending);
    return f.template;
  }
  const form = made?.form ?? FormApp.openById(f.formId);
  let response = form.createResponse();
  const markers: Record<string, string> = {};
  const questions = roundQuestions();
  const specs = new Map(questions.map((q) => [q.title, q.type]));
  // A form made in this run holds exactly these questions, in this order (nobody has its link yet): its items as
  // addXItem() returned them, already typed — not listed again, no title asked, no asXItem() (a call per question each).
  const typed = made?.created && made.items?.length === questions.length ? made.items as ReadonlyArray<{ createResponse(v: unknown): GoogleAppsScript.Forms.ItemResponse }> : null;
  const items = typed ?? form.getItems();
  items.forEach((item, i) => {
    const title = typed ? questions[i]!.title : (item as GoogleAppsScript.Forms.Item).getTitle();
    const type = specs.get(title);
    const marker = `q${i}x`;
    if (!type) return;
    const as = (x: 'asCheckboxItem' | 'asMultipleChoiceItem' | 'asParagraphTextItem' | 'asTextItem') => typed ? typed[i]! : (item as GoogleAppsScript.Forms.Item)[x]();
    response = response.withItemResponse(type === 'CHECKBOX' ? as('asCheckboxItem').createResponse([markers[title] = CONSENT_FIELDS[0]])
      : type === 'MULTIPLE_CHOICE' ? as('asMultipleChoiceItem').createResponse(markers[title] = '同意')
        : as(type === 'PARAGRAPH_TEXT' ? 'asParagraphTextItem' : 'asTextItem').createResponse(markers[title] = marker));
  });
  const template = parsePrefillTemplate(response.toPrefilledUrl(), markers);
  if (!template) throw new UserFacingError('round.formChanged');
  props.setProperties({ ...pending, [FORM_KEY]: JSON.stringify({ ...f, applied, template }) });
  return template;
}

/**
 * 「掲載情報の確認を依頼」: the form made or brought up to date, a request (a fresh token) for each target without an
 * open one (targets: the agencies named, chosen in the sidebar; none named: every agency with an id), every target's
 * link, and the link e-mailed to each target whose request goes by mail and has not been mailed yet — so a run cut short
 * by the daily quota is resumed by running it again. `remind`: the one reminder (kind round-reminder) to the named
 * agencies whose open request has no answer yet (the same text, its subject marked 【再送】); never twice.
 */
export function requestAgencyRound(ss: Spreadsheet, lang: Lang, arg: RoundRequestArg = {}): RoundRequestResult {
  // Both only read (the request is kept in Document Properties): views, no formulas asked.
  const settings = Settings.open(ss, true);
  const rows = readAgencies(Table.open(ss, AGENCIES, undefined, true));
  const targets = rows.filter((r) => cell(r, 'id') && cell(r, 'name') && (!arg.ids || arg.ids.includes(cell(r, 'id'))));
  if (!targets.length) throw new UserFacingError('round.noTargets');

  const props = documentProperties();
  // Every property once, under the lock (people10: 1–3 calls fewer): the round's form record, the forms' applied-state
  // records and the requests are written only by the add-on, under this lock — by this run itself from here on.
  const asRead = props.getProperties();
  const known = roundForm({ getProperty: (key) => asRead[key] ?? null });
  // A new form's id is kept at once, so a run that fails while filling it in finds it again next time.
  const save = (f: RoundForm) => props.setProperty(FORM_KEY, JSON.stringify(f));
  const event = { id: 'round', title: settings.get(SETTING.networkName) || '就労支援ネットワーク' } as EventRecord;
  const pending: Record<string, string> = {};
  const deferred = { getProperty: (key: string) => pending[key] ?? asRead[key] ?? null, setProperty: (key: string, value: string) => { pending[key] = value; } };
  // No edit link shown (the sidebar opens the form by its published link): not asked.
  const form = upsertForm(ss, event, 'round', roundQuestions(), known.formId, known.sheetId, (formId) => save({ ...known, formId, template: null }), deferred, undefined, false);
  const current: RoundForm = form.formId === known.formId && form.sheetId === known.sheetId ? known : { formId: form.formId, sheetId: form.sheetId, applied: '', template: null };
  // A new form or answer sheet has no template yet (`current.template` null): prefillTemplate asks for one and records it
  // with this form and sheet in one write (a run cut before it finds the sheet again by its form: forms.ts responseSheet).
  const template = prefillTemplate(current, props, pending, asRead);

  const stored = readRecords(props, asRead);
  const now = today(ss);
  // Opt-out: an agency that withdrew (撤回) is not e-mailed; its link is listed for the coordinator.
  const email = (r: AgencyRowInput) => (isEmail(cell(r, 'email')) && cell(r, 'consent') !== '撤回' ? cell(r, 'email') : '');
  const { fresh } = arg.remind ? { fresh: [] } : planRequests(targets, stored.records, runTokens(() => Utilities.getUuid(), isoDate(now)), isoDate(now), (r) => (email(r) ? 'メール' : '一覧'));
  const all = new Map(stored.records.map((r) => [r.agencyId, r]));
  for (const f of fresh) all.set(f.agencyId, f);
  stored.records = [...all.values()];
  const freshIds = new Set(fresh.map((f) => f.agencyId));
  const answered = new Set(arg.remind ? readAnswers(ss, props).map(tokenOf) : []);
  const due: { r: RoundRecord; to: string; name: string; url: string; before: string }[] = [];
  const links: RoundLink[] = [];
  for (const row of targets) {
    const id = cell(row, 'id');
    const r = all.get(id);
    // A reminder goes only with an open request nobody answered.
    if (!r || (arg.remind && (r.decidedOn || answered.has(r.token)))) continue;
    const url = prefilledUrl(template, prefillValues(row.cells, r.token));
    const name = cell(row, 'name');
    links.push({ id, name, email: email(row), url, fresh: freshIds.has(id), via: r.via });
    // 送信記録 lines of this request (要確認 included): none — the request is due; one — the reminder may go.
    if (r.via === 'メール' && email(row) && parseSendLog(r.mailLog ?? '').records.length === (arg.remind ? 1 : 0)) due.push({ r, to: email(row), name, url, before: r.mailLog ?? '' });
  }

  // The links by e-mail, through the participant-mail engine's send loop (workspace/mail.ts sendPlanned) with its
  // 送信記録 lines (domain/mail.ts) kept in each request's record. Never twice: each mail of the batch is recorded
  // 要確認 in the same write that records new tokens, before the first send, and made 送信 after the batch; a run
  // that dies in between leaves 要確認, which is never sent again (the sidebar shows it). The daily quota is read
  // before the batch; what it leaves is sent by the next run. The text is メール文面's 「掲載情報の確認」 row.
  // A round mail names no event (its values: 団体名, リンク, ネットワーク名, 問い合わせ先): 行事 is not read for it.
  // 設定 as read at the start (a view, this execution): not read again.
  const context = due.length ? readContext(ss, spreadsheetTimeZone(ss), [], undefined, settings.all()) : null;
  const batch = context ? due.slice(0, Math.max(0, MailApp.getRemainingDailyQuota())) : [];
  const at = context ? stamp(new Date(), context.settings.timeZone) : '';
  const mails = batch.map(({ r, to, name, url, before }): PlannedMail => {
    const { networkName, contact } = context!.settings;
    const values = { 団体名: name, リンク: url, ネットワーク名: networkName, 問い合わせ先: contact };
    const text = context!.templates.round;
    r.mailLog = appendRecord(before, { kind: 'round', state: 'inDoubt', at });
    return {
      id: r.agencyId, responseId: r.agencyId, eventId: '', kind: 'round', to, withIcs: false,
      subject: (arg.remind ? '【再送】' : '') + fillLines(text.subject, values).replace(/[\r\n]+/g, ' '), body: fillLines(text.body, values),
    };
  });
  // Written before any link is shown or sent: a token handed out is always on record.
  if (fresh.length || mails.length) writeRecords(props, stored);
  const parts = [t(lang, 'round.requested', { fresh: fresh.length, open: targets.length - fresh.length })];
  const outcome = sendPlanned(null, mails, context!, new Date());
  if (mails.length) {
    for (const [i, { r, before }] of batch.entries()) {
      const sent = i < outcome.sent.length;
      r.mailLog = sent ? appendRecord(before, { kind: 'round', state: 'sent', at }) : before;
      if (sent && arg.remind) r.remindedOn = isoDate(now);
    }
    try {
      writeRecords(props, stored);
    } catch (e) {
      // Once more, so that the mails that went are recorded 送信 rather than 要確認; the failure is reported either way.
      writeRecords(props, stored);
      throw e;
    }
    parts.push(t(lang, 'round.mailed', { sent: outcome.sent.length }));
  }
  const left = due.length - outcome.sent.length;
  if (left) parts.push(t(lang, 'round.mailLeft', { left }));
  if (outcome.error) parts.push(describeError(new Error(outcome.error), lang).message);
  return { formUrl: form.url, links, mailed: outcome.sent.length, message: parts.join('\n') };
}

// ------------------------------------------------------------------ review

/**
 * The review's plain data (団体 rows, the requests, the answers, 発行記録): the sidebar matches answers to requests by
 * token and computes each agency's state and diff (domain/agency-round-view.ts).
 */
export function reviewAgencyRound(ss: Spreadsheet): RoundReviewData {
  const settings = Settings.open(ss, true);
  const props = documentProperties();
  const { records } = readRecords(props);
  return {
    today: isoDate(today(ss)),
    months: Number(settings.get(SETTING.roundMonths)) || 12,
    noAnswerDays: Number(settings.get(SETTING.roundNoAnswerDays)) || 14,
    rows: readAgencies(Table.open(ss, AGENCIES, undefined, true)) as RoundReviewData['rows'],
    // The coordinator's sidebar matches answers to requests itself (it shows the links, tokens included, anyway).
    records,
    answers: readAnswers(ss, props),
    issues: readIssueRows(ss),
  };
}

// ------------------------------------------------------------------ decisions

/**
 * Accepts the named fields of an agency's latest answer; `reject` names the ones the coordinator turned down (kept in
 * the record; the answer itself stays in 掲載情報の回答). The answer must still be the latest (a newer one arrived
 * meanwhile: nothing is written, review again). Accepted values go through the registry check (normalised; a value it
 * refuses is not written and is said); the row is found by its id under the lock.
 */
export function decideAgencyRound(ss: Spreadsheet, lang: Lang, decision: RoundDecision): RoundDecisionResult {
  const registry = Table.open(ss, AGENCIES);
  const rows = readAgencies(registry);
  const props = documentProperties();
  const stored = readRecords(props);
  const request = stored.records.find((r) => r.agencyId === decision.agencyId);
  // The agency's latest answer: the last one carrying its request's token (domain/agency-round.ts matchAnswers).
  const answer = request && readAnswers(ss, props).filter((a) => tokenOf(a) === request.token).pop();
  // The same answer decided again (a re-run after a failure, a change of mind) writes only what still differs.
  if (!request || !answer || answer.key !== decision.answerKey) throw new UserFacingError('round.staleAnswer');
  const plan = planDecision(rows, decision.agencyId, answer, decision.accept as AgencyKey[]);
  if (!plan) throw new UserFacingError('round.unknownAgency', { id: decision.agencyId });
  for (const x of plan.set) registry.set(plan.rowNumber, x.key, x.value);
  const flushed = registry.flush();
  const accepted = decision.accept.filter((k) => !plan.refused.some((r) => r.key === k)).map((k) => headerOf(k as AgencyKey));
  const rejected = (decision.reject ?? []).map((k) => headerOf(k as AgencyKey));
  Object.assign(request, { answerKey: answer.key, decidedOn: isoDate(today(ss)), accepted: accepted.join(';'), rejected: rejected.join(';') });
  writeRecords(props, stored);
  const problems: Problem[] = [
    ...plan.refused.map((p) => ({ sheet: AGENCIES.name, row: plan.rowNumber, column: headerOf(p.key), message: problemMessage({ rowNumber: 0, key: p.key, code: p.code as never, params: p.params }, lang) })),
    ...renderProblems(lang, flushed.conflicts),
  ];
  return {
    written: plan.set.map((x) => headerOf(x.key)), refused: plan.refused.map((p) => headerOf(p.key)), rejected, problems,
    message: t(lang, 'round.decided', { accepted: accepted.length, rejected: rejected.length, refused: plan.refused.length }),
  };
}
