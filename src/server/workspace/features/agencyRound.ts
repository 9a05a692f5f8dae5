/**
 * 掲載情報の確認 (issue 16) in Google: one confirmation form (forms.ts upsertForm, like an event's forms), each agency's
 * prefilled link built from one link Google makes (domain/agency-round.ts), the hidden 掲載情報の確認記録 (each
 * agency's latest request and its token), and decisions written to 団体 through the registry check and the Table's
 * safe write (re-read under the lock, row found by its id, only changed cells).
 *
 * Calls: request — 団体, 設定 and the record read once each, the form (found by id; questions applied only when their
 * spec changed), the prefill template (2 calls once cached in Document Properties), one append of the new requests;
 * review — four reads; a decision — 団体 (read, re-read, one write per block of change, read back), the record, the
 * answers. None grows with the number of agencies.
 */
import type { Problem, RoundAgency, RoundDecision, RoundDecisionResult, RoundLink, RoundRequestResult, RoundReview, RoundScopeArg } from '../../../protocol';
import {
  FieldChange, PrefillTemplate, ROUND_ANSWER_SHEET, RoundAnswer, RoundRecord, answerChanges, headerOf, matchAnswers,
  parsePrefillTemplate, planDecision, planRequests, prefillValues, prefilledUrl, roundQuestions, roundState, selectTargets,
} from '../../domain/agency-round';
import { AgencyKey, AgencyRowInput } from '../../domain/agencies';
import { AGENCIES, CONSENT_FIELDS, SheetDef } from '../../domain/schema';
import { SETTING } from '../../domain/settings';
import { CivilDate, isoDate, parseCivilDate } from '../../domain/dates';
import { Lang, t } from '../../i18n/messages';
import { SCOPES } from '../../scopes';
import { UserFacingError } from '../errors';
import { readListings } from '../issueRecord';
import { claimSheets } from '../ownership';
import { readResponseSheet } from '../records';
import { Settings } from '../settings';
import { Table, formatZoned, headerKey, spreadsheetTimeZone } from '../tables';
import { APPLIED_PREFIX, upsertForm } from './forms';
import { problemMessage, readAgencies } from './registry';

export const ROUND_SCOPES = [SCOPES.sheets, SCOPES.forms] as const;

/** The hidden, add-on-owned record: one row per agency, its latest request (a new request replaces a closed one). */
export const ROUND_RECORD = {
  key: 'agencyRound',
  name: '掲載情報の確認記録',
  rowKey: 'agencyId',
  editedByPeople: false,
  columns: [
    { key: 'agencyId', header: '団体id', text: true },
    { key: 'token', header: '確認コード', text: true },
    { key: 'requestedOn', header: '依頼日', text: true },
    { key: 'via', header: '送付', text: true },
    { key: 'remindedOn', header: '督促日', text: true },
    { key: 'answerKey', header: '処理した回答', text: true },
    { key: 'decidedOn', header: '処理日', text: true },
    { key: 'accepted', header: '反映した項目', text: true },
    { key: 'rejected', header: '見送った項目', text: true },
  ],
} as const satisfies SheetDef;
type RecordKey = (typeof ROUND_RECORD)['columns'][number]['key'];
const RECORD_HEADERS = ROUND_RECORD.columns.map((c) => c.header as string);

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function today(ss: Spreadsheet): CivilDate {
  const d = parseCivilDate(formatZoned(new Date(), spreadsheetTimeZone(ss), false));
  return d && !('invalid' in d) ? d : { year: 1970, month: 1, day: 1 };
}

/** The record, made on first use when `create` (claimed, hidden, plain text, its header); null when absent. */
function openRecord(ss: Spreadsheet, create: boolean): Table<RecordKey> | null {
  if (!create && !ss.getSheetByName(ROUND_RECORD.name)) return null;
  if (create) {
    const [sheet] = claimSheets(ss, [{ name: ROUND_RECORD.name, isOurs: (first) => RECORD_HEADERS.every((h, i) => headerKey(first[i]) === h) }]) as [GoogleAppsScript.Spreadsheet.Sheet];
    if (sheet.getLastRow() === 0) {
      sheet.hideSheet();
      // Plain text, so a date or a token is kept as written.
      sheet.getRange(1, 1, sheet.getMaxRows(), RECORD_HEADERS.length).setNumberFormat('@');
      sheet.getRange(1, 1, 1, RECORD_HEADERS.length).setValues([RECORD_HEADERS]);
    }
  }
  return Table.open(ss, ROUND_RECORD);
}

function recordsOf(table: Table<RecordKey> | null): RoundRecord[] {
  return (table?.rows() ?? []).map((r) => Object.fromEntries(ROUND_RECORD.columns.map((c) => [c.key, r.text(c.key).trim()])) as unknown as RoundRecord).filter((r) => r.agencyId !== '');
}

/** The answer sheet: the one recorded in 設定 (by id), else by its name; null before the form exists. */
function answerSheet(ss: Spreadsheet, settings: Settings): GoogleAppsScript.Spreadsheet.Sheet | null {
  const id = settings.get(SETTING.roundSheetId);
  const byName = ss.getSheetByName(ROUND_ANSWER_SHEET);
  if (byName && (id === '' || String(byName.getSheetId()) === id)) return byName;
  return id === '' ? null : ss.getSheets().find((s) => String(s.getSheetId()) === id) ?? null;
}

function readAnswers(ss: Spreadsheet, settings: Settings): RoundAnswer[] {
  const sheet = answerSheet(ss, settings);
  if (!sheet) return [];
  const zone = spreadsheetTimeZone(ss);
  return readResponseSheet(sheet, String(sheet.getSheetId()), zone, settings.get(SETTING.roundFormId)).map((r) => ({
    key: r.submission.responseKey, row: r.rowNumber, on: formatZoned(r.submission.submittedAt, zone, false), answers: r.submission.answers,
  }));
}

// ------------------------------------------------------------------ the form and its links

const roundEvent = (networkName: string) => ({
  id: 'round', kind: '', title: networkName, start: null, end: null, venue: '', capacity: null,
  registrationFormId: '', registrationFormUrl: '', surveyFormId: '', surveyFormUrl: '', registrationSheetId: '', surveySheetId: '',
});

const PREFILL_KEY = 'round.prefill';

/**
 * The form's prefilled-link shape: asked of Google once (one response answered with a marker per question, then
 * toPrefilledUrl) and kept in Document Properties beside the form's applied-state record, so it is asked again only
 * when the form's questions changed.
 */
function prefillTemplate(formId: string, props: GoogleAppsScript.Properties.Properties): PrefillTemplate {
  const applied = props.getProperty(APPLIED_PREFIX + formId) ?? '';
  const cached = props.getProperty(PREFILL_KEY);
  if (cached) {
    const c = JSON.parse(cached) as { formId: string; applied: string; template: PrefillTemplate };
    if (c.formId === formId && c.applied === applied) return c.template;
  }
  const form = FormApp.openById(formId);
  let response = form.createResponse();
  const markers: Record<string, string> = {};
  const specs = new Map(roundQuestions().map((q) => [q.title, q]));
  form.getItems().forEach((item, i) => {
    const spec = specs.get(item.getTitle());
    if (!spec) return;
    let answer: GoogleAppsScript.Forms.ItemResponse;
    if (spec.type === 'CHECKBOX') answer = item.asCheckboxItem().createResponse([markers[spec.title] = CONSENT_FIELDS[0]]);
    else if (spec.type === 'MULTIPLE_CHOICE') answer = item.asMultipleChoiceItem().createResponse(markers[spec.title] = '同意');
    else if (spec.type === 'PARAGRAPH_TEXT') answer = item.asParagraphTextItem().createResponse(markers[spec.title] = `q${i}x`);
    else answer = item.asTextItem().createResponse(markers[spec.title] = `q${i}x`);
    response = response.withItemResponse(answer);
  });
  const template = parsePrefillTemplate(response.toPrefilledUrl(), markers);
  if (!template) throw new UserFacingError('round.formChanged');
  props.setProperty(PREFILL_KEY, JSON.stringify({ formId, applied, template }));
  return template;
}

/**
 * 「掲載情報の確認を依頼」: the form made or brought up to date, a request (a fresh token) for each target without an
 * open one, and every target's link. An open request is listed again, never renewed or sent twice.
 */
export function requestAgencyRound(ss: Spreadsheet, lang: Lang, scope: RoundScopeArg = { kind: 'stale' }): RoundRequestResult {
  const settings = Settings.open(ss);
  const registry = Table.open(ss, AGENCIES);
  const rows = readAgencies(registry);
  const now = today(ss);
  const months = Number(settings.get(SETTING.roundMonths)) || 12;
  const targets = selectTargets(rows, scope, now, months);
  const skipped = rows.filter((r) => String(r.cells.id ?? '').trim() === '' && String(r.cells.name ?? '').trim() !== '').length;
  if (!targets.length) throw new UserFacingError('round.noTargets', { skipped });

  const props = PropertiesService.getDocumentProperties();
  const remember = (id: string) => { settings.set(SETTING.roundFormId, id); settings.flush(); };
  const form = upsertForm(ss, roundEvent(settings.get(SETTING.networkName) || '就労支援ネットワーク'), 'round', roundQuestions(),
    settings.get(SETTING.roundFormId), settings.get(SETTING.roundSheetId), remember, props);
  settings.set(SETTING.roundFormId, form.formId);
  settings.set(SETTING.roundSheetId, form.sheetId);
  settings.flush();
  const template = prefillTemplate(form.formId, props);

  const record = openRecord(ss, true)!;
  const email = (r: AgencyRowInput) => String(r.cells.email ?? '').trim();
  const { fresh } = planRequests(targets, recordsOf(record), () => Utilities.getUuid(), isoDate(now), (r) => (email(r) ? 'メール' : '一覧'));
  for (const f of fresh) record.append({ ...f });
  record.flush();
  const all = new Map(recordsOf(record).map((r) => [r.agencyId, r]));
  const freshIds = new Set(fresh.map((f) => f.agencyId));
  const links: RoundLink[] = targets.map((row) => {
    const id = String(row.cells.id).trim();
    const r = all.get(id)!;
    return { id, name: String(row.cells.name ?? '').trim(), email: email(row), url: prefilledUrl(template, prefillValues(row.cells, r.token)), fresh: freshIds.has(id), via: r.via };
  });
  return {
    formUrl: form.url, links, skipped, mailed: 0,
    message: t(lang, 'round.requested', { fresh: fresh.length, open: targets.length - fresh.length, skipped: skipped ? t(lang, 'round.skipped', { count: skipped }) : '' }),
  };
}

// ------------------------------------------------------------------ review

/** The sidebar's review: each requested agency's state and its latest answer's diff; answers that match no request. */
export function reviewAgencyRound(ss: Spreadsheet, lang: Lang): RoundReview {
  const settings = Settings.open(ss);
  const rows = readAgencies(Table.open(ss, AGENCIES));
  const records = recordsOf(openRecord(ss, false));
  const answers = readAnswers(ss, settings);
  const { latest, count, mismatched } = matchAnswers(records, answers);
  const now = today(ss);
  const noAnswerDays = Number(settings.get(SETTING.roundNoAnswerDays)) || 14;
  const byId = new Map(records.map((r) => [r.agencyId, r]));
  const listings = readListings(ss);
  const agencies: RoundAgency[] = [];
  for (const row of rows) {
    const id = String(row.cells.id ?? '').trim();
    const record = byId.get(id);
    if (!record) continue;
    const answer = latest.get(id);
    const state = roundState(record, answer, now, noAnswerDays);
    const changes = answer && state === 'answered' ? answerChanges(row, answer) : [];
    const consent = String(row.cells.consent ?? '').trim();
    const withdrawing = consent === '撤回' || changes.some((c) => c.key === 'consent' && c.proposed === '撤回');
    agencies.push({
      id, name: String(row.cells.name ?? '').trim(), row: row.rowNumber, state, requestedOn: record.requestedOn, remindedOn: record.remindedOn,
      answeredOn: answer?.on ?? '', answerKey: answer?.key ?? '', answerRow: answer?.row ?? 0, answers: count.get(id) ?? 0,
      changes: changes.map((c) => ({ key: c.key, field: c.field, current: c.current, proposed: c.proposed, problem: c.problem ? problemText(c, lang) : '' })),
      accepted: record.accepted, rejected: record.rejected, withheld: String(row.cells.withheld ?? '').split(/[;；,、]/).map((s) => s.trim()).filter(Boolean), consent,
      stillListedIn: withdrawing ? listings.filter((l) => l.listed?.includes(id)).map((l) => ({ name: l.name, on: l.on, url: l.url })) : [],
    });
  }
  return {
    agencies, mismatched: mismatched.map((a) => ({ row: a.row, on: a.on })), noAnswerDays, formUrl: '', answerSheet: ROUND_ANSWER_SHEET,
  };
}

function problemText(c: FieldChange, lang: Lang): string {
  return problemMessage({ rowNumber: 0, key: c.key, code: c.problem!.code as never, params: c.problem!.params }, lang);
}

// ------------------------------------------------------------------ decisions

/**
 * Accepts the named fields of an agency's latest answer and rejects the others. The answer must still be the latest
 * (a newer one arrived meanwhile: nothing is written, review again). Accepted values go through the registry check
 * (normalised; a value the check refuses is not written and is said); the row is found by its id under the lock.
 */
export function decideAgencyRound(ss: Spreadsheet, lang: Lang, decision: RoundDecision): RoundDecisionResult {
  const settings = Settings.open(ss);
  const registry = Table.open(ss, AGENCIES);
  const rows = readAgencies(registry);
  const record = openRecord(ss, false);
  const records = recordsOf(record);
  const answer = matchAnswers(records, readAnswers(ss, settings)).latest.get(decision.agencyId);
  if (!record || !answer || answer.key !== decision.answerKey) throw new UserFacingError('round.staleAnswer');
  const accept = decision.accept.filter((k): k is AgencyKey => AGENCIES.columns.some((c) => c.key === k));
  const plan = planDecision(rows, decision.agencyId, answer, accept);
  if (!plan) throw new UserFacingError('round.unknownAgency', { id: decision.agencyId });
  for (const s of plan.set) registry.set(plan.rowNumber, s.key, s.value);
  const flushed = registry.flush();
  const recordRow = record.rows().find((r) => r.text('agencyId').trim() === decision.agencyId)!;
  const names = (cs: readonly FieldChange[]) => cs.map((c) => c.field).join(';');
  record.set(recordRow.rowNumber, 'answerKey', answer.key);
  record.set(recordRow.rowNumber, 'decidedOn', isoDate(today(ss)));
  record.set(recordRow.rowNumber, 'accepted', names(plan.accepted));
  record.set(recordRow.rowNumber, 'rejected', names(plan.rejected));
  record.flush();
  const problems: Problem[] = [
    ...plan.refused.map((c) => ({ sheet: AGENCIES.name, row: plan.rowNumber, column: c.field, message: problemText(c, lang) })),
    ...flushed.conflicts.map((c) => ({ ...c, message: t(lang, c.message.key, c.message.params) })),
  ];
  return {
    written: plan.set.map((s) => headerOf(s.key)), refused: plan.refused.map((c) => c.field), rejected: plan.rejected.map((c) => c.field), problems,
    message: t(lang, 'round.decided', { accepted: plan.accepted.length, rejected: plan.rejected.length, refused: plan.refused.length }),
  };
}

