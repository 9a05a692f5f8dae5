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
import {
  CONSULTATIONS, AGENCIES,
} from '../../domain/schema';
import {
  Inquiry, LINK_NUMBER, LINK_TOKEN, RoutingAgency, SHARE_YES, NAME_YES, STATUS_TITLES, intakeQuestions, inquiryFields, loadByAgency, nextNumber,
  parseNeighbours, planStatusUpdates, rankCandidates, statusFromAnswers, statusLink, statusQuestions, splitMulti,
} from '../../domain/consultations';
import { EventRecord } from '../../domain/events';
import { clampToCell } from '../../domain/text';
import { SETTING } from '../../domain/settings';
import { Lang, t } from '../../i18n/messages';
import { requireGrants } from '../auth';
import { UserFacingError } from '../errors';
import { tryWithDocumentLock } from '../lock';
import { readResponseSheet } from '../records';
import { Settings } from '../settings';
import { Table, spreadsheetTimeZone } from '../tables';
import { SCOPES } from '../../scopes';
import { FORMS_SCOPES, OwnTexts, ensureFormSubmitTrigger, upsertForm } from './forms';
import { openImportRecord, recordImports } from './importRecord';
import { markResponsesPending } from './pending';
import { setUpWorkbook } from './setup';

type SS = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Ledger = Table<(typeof CONSULTATIONS)['columns'][number]['key']>;

/** The forms' Forms calls, the trigger, and the e-mail of who protects the ledger (Session.getEffectiveUser). */
export const consultationScopes = (): readonly string[] => [...FORMS_SCOPES, SCOPES.email];
const FORMS_KEY = 'consult.forms';
const PROTECTION = 'jsn-consultations';
const FIRING_LOCK_MS = 10_000;
const FILED = 'consult:';
const STATUS = 'status:';

interface StoredForm { formId: string; sheetId: string; url: string }
interface Stored { intake?: StoredForm; status?: StoredForm & { link: string } }

function readStored(): Stored {
  try {
    return JSON.parse(PropertiesService.getDocumentProperties().getProperty(FORMS_KEY) ?? '{}') as Stored;
  } catch {
    return {};
  }
}
const saveStored = (s: Stored) => PropertiesService.getDocumentProperties().setProperty(FORMS_KEY, JSON.stringify(s));

/** upsertForm takes an event; these forms belong to none (the id names only the form's fingerprint). */
const NO_EVENT: EventRecord = {
  id: 'KIGYO', kind: '', title: '', start: null, end: null, venue: '', capacity: null, registrationFormId: '', registrationFormUrl: '',
  surveyFormId: '', surveyFormUrl: '', registrationSheetId: '', surveySheetId: '',
};

// Form texts are data (what companies and agencies read), in the network's language.
const INTAKE_TEXTS = (network: string): OwnTexts => ({
  title: `【企業相談】${network}`,
  description: `障害のある方の雇用について、${network}の会員団体がご相談に応じます。ご記入いただいた内容は、担当する1団体とネットワークの事務局だけが見ます。`,
  confirmation: 'ご相談を受け付けました。担当する団体から、ご記入の連絡先へご連絡します。',
  sheet: '企業相談回答',
});
const STATUS_TEXTS = (network: string): OwnTexts => ({
  title: `【企業相談 対応状況】${network}`,
  description: '担当する企業相談の対応状況をお知らせください（受付番号と確認コードは、お送りしたリンクに入っています）。',
  confirmation: '対応状況を受け付けました。',
  sheet: '企業相談状況回答',
});

export interface ConsultationFormsResult { intakeUrl: string; statusUrl: string; message: string }

/** 「企業相談フォームを作成」: the 企業相談 sheet (protected), the two forms (made once, updated after), the trigger. */
export function createConsultationForms(ss: SS, lang: Lang): ConsultationFormsResult {
  requireGrants(consultationScopes());
  const made = setUpWorkbook(ss, lang, [CONSULTATIONS]);
  const sheet = ss.getSheetByName(CONSULTATIONS.name);
  if (!sheet) throw new UserFacingError('setup.needed', { sheet: CONSULTATIONS.name });
  if (made.createdSheets.length || !sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).some((p) => p.getDescription() === PROTECTION)) {
    // Google's pattern for "only me": add the current user, then remove every other editor
    // (https://developers.google.com/apps-script/reference/spreadsheet/protection). It stops edits, not reading: who
    // can open the spreadsheet can read the sheet (docs/privacy.md), which is why it holds no 対象障害 of a person.
    const p = sheet.protect().setDescription(PROTECTION);
    p.addEditor(Session.getEffectiveUser());
    p.removeEditors(p.getEditors());
    if (p.canDomainEdit()) p.setDomainEdit(false);
  }
  const network = Settings.open(ss).get(SETTING.networkName) || '就労支援ネットワーク';
  const props = PropertiesService.getDocumentProperties();
  const stored = readStored();
  const intake = upsertForm(ss, NO_EVENT, 'registration', intakeQuestions(), stored.intake?.formId ?? '', stored.intake?.sheetId ?? '',
    (formId) => saveStored({ ...readStored(), intake: { formId, sheetId: '', url: '' } }), props, INTAKE_TEXTS(network));
  saveStored({ ...readStored(), intake: { formId: intake.formId, sheetId: intake.sheetId, url: intake.url } });
  const status = upsertForm(ss, { ...NO_EVENT, id: 'KIGYO-STATUS' }, 'registration', statusQuestions(), stored.status?.formId ?? '', stored.status?.sheetId ?? '',
    (formId) => saveStored({ ...readStored(), status: { formId, sheetId: '', url: '', link: '' } }), props, STATUS_TEXTS(network));
  const known = readStored().status;
  const link = known?.formId === status.formId && known.link ? known.link : prefilledTemplate(status.formId);
  saveStored({ ...readStored(), status: { formId: status.formId, sheetId: status.sheetId, url: status.url, link } });
  ensureFormSubmitTrigger(ss);
  return { intakeUrl: intake.url, statusUrl: status.url, message: t(lang, 'consult.formsDone', { intake: intake.url }) };
}

function prefilledTemplate(formId: string): string {
  const form = FormApp.openById(formId);
  const items = form.getItems();
  const item = (title: string) => items.find((i) => i.getTitle() === title)!.asTextItem();
  return form.createResponse()
    .withItemResponse(item(STATUS_TITLES.number).createResponse(LINK_NUMBER))
    .withItemResponse(item(STATUS_TITLES.token).createResponse(LINK_TOKEN))
    .toPrefilledUrl();
}

// ---------- reading ----------

const date = (v: unknown): Date | null => (v instanceof Date ? v : null);

function readInquiries(ledger: Ledger): { inquiries: Inquiry[]; rowOf: Map<string, number> } {
  const inquiries: Inquiry[] = [];
  const rowOf = new Map<string, number>();
  for (const r of ledger.rows()) {
    const number = r.text('number').trim();
    if (number === '') continue;
    rowOf.set(number, r.rowNumber);
    inquiries.push({
      number, status: r.text('status').trim(), agencyId: r.text('agencyId').trim(), receivedAt: date(r.get('receivedAt')), assignedAt: date(r.get('assignedAt')),
      firstContactAt: date(r.get('firstContactAt')), changedAt: date(r.get('changedAt')), company: r.text('company'), industry: r.text('industry').trim(),
      municipality: r.text('municipality'), topics: splitMulti(r.text('topics')), disabilities: splitMulti(r.text('disabilities')),
      shareConsent: r.text('shareConsent').trim() === SHARE_YES, nameConsent: r.text('nameConsent').trim() === NAME_YES, token: r.text('token').trim(),
    });
  }
  return { inquiries, rowOf };
}

function readRoutingAgencies(ss: SS, timeZone: string): RoutingAgency[] {
  const table = Table.open(ss, AGENCIES, timeZone);
  return table.rows().filter((r) => r.text('id').trim() !== '').map((r) => ({
    id: r.text('id').trim(), name: r.text('name').trim(), address: r.text('address'), services: splitMulti(r.text('employerServices')),
    disabilities: splitMulti(r.text('disabilityTypes')), referrals: r.text('referrals'),
  }));
}

const autoAssign = (s: Settings) => /^(はい|yes|true|on)$/i.test(s.get(SETTING.consultAutoAssign).trim());
const followUpDays = (s: Settings) => Math.max(1, Number(s.get(SETTING.consultFollowUpDays).normalize('NFKC').trim()) || 7);

function routingContext(ss: SS, timeZone: string, inquiries: readonly Inquiry[]) {
  const settings = Settings.open(ss);
  return {
    agencies: readRoutingAgencies(ss, timeZone),
    neighbours: parseNeighbours(settings.get(SETTING.consultNeighbours)).map,
    load: loadByAgency(inquiries),
    autoAssign: autoAssign(settings),
  };
}

/** Sets a row to 担当決定 for an agency with a fresh 確認コード (the previous agency's link stops working). */
function assignRow(ledger: Ledger, row: number, number: string, agency: { id: string; name: string }, link: string, now: Date): string {
  const token = Utilities.getUuid();
  ledger.set(row, 'status', '担当決定');
  ledger.set(row, 'agencyId', agency.id);
  ledger.set(row, 'agency', agency.name);
  ledger.set(row, 'assignedAt', now);
  ledger.set(row, 'changedAt', now);
  ledger.set(row, 'token', token);
  const url = link ? statusLink(link, number, token) : '';
  ledger.set(row, 'statusLink', url);
  return url;
}

// ---------- the form-submit hook ----------

/** True when the sheet is one of the two company forms' (then handled here under the lock, or left for the catch-up). */
export function recordConsultationSubmission(ss: SS, sheet: GoogleAppsScript.Spreadsheet.Sheet, sheetId: string, timeZone: string, log: (details: string) => void): boolean {
  const stored = readStored();
  const purpose = stored.intake?.sheetId === sheetId ? 'intake' : stored.status?.sheetId === sheetId ? 'status' : null;
  if (!purpose) return false;
  const outcome = tryWithDocumentLock(() => (purpose === 'intake' ? fileInquiries(ss, sheet, stored, timeZone) : applyStatuses(ss, sheet, stored, timeZone)), FIRING_LOCK_MS);
  if (!outcome.ran) { markResponsesPending(); return true; }
  const r = outcome.value;
  if (r.filed || r.applied || r.refused) log(t('ja', 'consult.logged', { filed: r.filed, assigned: r.assigned, applied: r.applied, refused: r.refused }));
  return true;
}

interface Filing { filed: number; assigned: number; applied: number; refused: number; problems: LocalizedProblem[] }

/** Files each intake answer not filed before as a 受付 row (auto-assigned when 設定 says so). Under the caller's lock. */
function fileInquiries(ss: SS, sheet: GoogleAppsScript.Spreadsheet.Sheet, stored: Stored, timeZone: string): Filing {
  const read = readResponseSheet(sheet, stored.intake!.sheetId, timeZone, stored.intake!.formId);
  const ledger = Table.open(ss, CONSULTATIONS, timeZone);
  const record = openImportRecord(ss, timeZone);
  const known = new Set(ledger.rows().map((r) => r.text('responseId').trim()));
  const fresh = read.filter((r) => !record.byKey.has(r.submission.responseKey) && !known.has(r.submission.responseKey) && Object.values(r.submission.answers).some((v) => v.trim() !== ''));
  const result: Filing = { filed: 0, assigned: 0, applied: 0, refused: 0, problems: [] };
  if (fresh.length === 0) return result;
  const used = [...ledger.rows().map((r) => r.text('number')), ...[...record.byKey.values()].filter((v) => v.startsWith(FILED)).map((v) => v.slice(FILED.length))];
  const { inquiries } = readInquiries(ledger);
  const ctx = routingContext(ss, timeZone, inquiries);
  const entries: { responseKey: string; eventId: string; fingerprint: string }[] = [];
  for (const { submission } of fresh) {
    const number = nextNumber(used);
    used.push(number);
    const fields = inquiryFields(submission.answers);
    const row = ledger.append({
      ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, clampToCell(v)])),
      number, status: '受付', receivedAt: submission.submittedAt, changedAt: submission.submittedAt, responseId: submission.responseKey,
    });
    entries.push({ responseKey: submission.responseKey, eventId: '', fingerprint: FILED + number });
    result.filed++;
    if (ctx.autoAssign && fields.shareConsent === SHARE_YES) {
      const ranked = rankCandidates({ topics: splitMulti(fields.topics!), disabilities: splitMulti(fields.disabilities!), municipality: fields.municipality! }, ctx.agencies, ctx.neighbours, ctx.load);
      const first = ranked.candidates[0];
      if (first) {
        assignRow(ledger, row, number, { id: first.agencyId, name: first.agency }, stored.status?.link ?? '', submission.submittedAt);
        ctx.load.set(first.agencyId, (ctx.load.get(first.agencyId) ?? 0) + 1);
        result.assigned++;
      }
    }
  }
  ledger.flush();
  // After the ledger: a failure in between files the answer again next time, which finds its row by 回答id.
  recordImports(record, entries);
  record.table.flush();
  result.problems.push(...ledger.conflicts);
  return result;
}

/** Applies each status answer not applied before, to the inquiry its 確認コード belongs to. Under the caller's lock. */
function applyStatuses(ss: SS, sheet: GoogleAppsScript.Spreadsheet.Sheet, stored: Stored, timeZone: string): Filing {
  const read = readResponseSheet(sheet, stored.status!.sheetId, timeZone, stored.status!.formId);
  const ledger = Table.open(ss, CONSULTATIONS, timeZone);
  const record = openImportRecord(ss, timeZone);
  const handled = new Set([...record.byKey].filter(([, v]) => v.startsWith(STATUS)).map(([k]) => k));
  const { inquiries, rowOf } = readInquiries(ledger);
  const plan = planStatusUpdates(inquiries, read.map((r) => statusFromAnswers(r.submission.responseKey, r.submission.submittedAt, r.submission.answers)), handled);
  const result: Filing = { filed: 0, assigned: 0, applied: 0, refused: 0, problems: [] };
  for (const o of plan) {
    if (o.kind === 'refused') { result.refused++; continue; }
    const row = rowOf.get(o.number)!;
    ledger.set(row, 'status', o.status);
    ledger.set(row, 'changedAt', o.at);
    if (o.firstContact) ledger.set(row, 'firstContactAt', o.at);
    if (o.note) {
      const before = ledger.row(row).text('note');
      ledger.set(row, 'note', clampToCell([before, `${Utilities.formatDate(o.at, timeZone, 'yyyy-MM-dd')} ${o.status}: ${o.note}`].filter((s) => s).join('\n')));
    }
    result.applied++;
  }
  ledger.flush();
  recordImports(record, plan.map((o) => ({ responseKey: o.responseKey, eventId: '', fingerprint: `${STATUS}${o.number}${o.kind === 'refused' ? `:${o.why}` : ''}` })));
  record.table.flush();
  result.problems.push(...ledger.conflicts);
  return result;
}

/** 「回答を同期」 and the hourly catch-up: both company sheets. One property read when the forms were never made. */
export function syncConsultations(ss: SS, timeZone: string): LocalizedProblem[] {
  const stored = readStored();
  if (!stored.intake && !stored.status) return [];
  const sheets = new Map(ss.getSheets().map((s) => [String(s.getSheetId()), s]));
  const problems: LocalizedProblem[] = [];
  const intake = stored.intake ? sheets.get(stored.intake.sheetId) : undefined;
  if (intake) problems.push(...fileInquiries(ss, intake, stored, timeZone).problems);
  const status = stored.status ? sheets.get(stored.status.sheetId) : undefined;
  if (status) problems.push(...applyStatuses(ss, status, stored, timeZone).problems);
  return problems;
}

// ---------- the sidebar ----------

/**
 * What the sidebar needs, as read: the inquiries, the agencies' routing fields, 設定. The sidebar ranks the candidates
 * with their reasons, lists follow-up and computes the figures itself (domain/consultations.ts), so none of that
 * travels in dist/Code.js; 「担当に決める」 checks the choice again here.
 */
export interface ConsultationList {
  intakeUrl: string; statusUrl: string; neighbours: string; followUpDays: number; autoAssign: boolean; now: string;
  agencies: RoutingAgency[];
  consultations: (Omit<Inquiry, 'receivedAt' | 'assignedAt' | 'firstContactAt' | 'changedAt' | 'token'> & {
    receivedAt: string; assignedAt: string; firstContactAt: string; changedAt: string; agency: string; urgency: string; statusLink: string;
  })[];
}

export function listConsultations(ss: SS): ConsultationList {
  const timeZone = spreadsheetTimeZone(ss);
  const stored = readStored();
  const settings = Settings.open(ss);
  const base = {
    intakeUrl: stored.intake?.url ?? '', statusUrl: stored.status?.url ?? '', neighbours: settings.get(SETTING.consultNeighbours),
    followUpDays: followUpDays(settings), autoAssign: autoAssign(settings), now: new Date().toISOString(),
  };
  if (!ss.getSheetByName(CONSULTATIONS.name)) return { ...base, agencies: [], consultations: [] };
  const ledger = Table.open(ss, CONSULTATIONS, timeZone);
  const { inquiries, rowOf } = readInquiries(ledger);
  const iso = (d: Date | null) => (d ? d.toISOString() : '');
  return {
    ...base, agencies: readRoutingAgencies(ss, timeZone),
    consultations: inquiries.map(({ token: _token, ...i }) => {
      const r = ledger.row(rowOf.get(i.number)!);
      return {
        ...i, receivedAt: iso(i.receivedAt), assignedAt: iso(i.assignedAt), firstContactAt: iso(i.firstContactAt), changedAt: iso(i.changedAt),
        agency: r.text('agency'), urgency: r.text('urgency'), statusLink: r.text('statusLink'),
      };
    }),
  };
}

export interface AssignResult { number: string; agency: string; statusLink: string; message: string }

/**
 * 「担当に決める」 (also re-assigning): only a ranked candidate may be chosen (an agency that does not take referrals
 * or offers none of the support asked for never is), and only for a company that agreed to share its inquiry. Found
 * again by 受付番号 under the lock, just before writing.
 */
export function assignConsultation(ss: SS, lang: Lang, number: string, agencyId: string): AssignResult {
  const timeZone = spreadsheetTimeZone(ss);
  const ledger = Table.open(ss, CONSULTATIONS, timeZone);
  const { inquiries, rowOf } = readInquiries(ledger);
  const inquiry = inquiries.find((i) => i.number === String(number).trim());
  if (!inquiry) throw new UserFacingError('consult.unknown', { number: String(number) });
  if (!inquiry.shareConsent) throw new UserFacingError('consult.noConsent', { number: inquiry.number });
  if (['完了', '対応不可'].includes(inquiry.status)) throw new UserFacingError('consult.closed', { number: inquiry.number, status: inquiry.status });
  const ctx = routingContext(ss, timeZone, inquiries.filter((i) => i.number !== inquiry.number));
  const chosen = rankCandidates(inquiry, ctx.agencies, ctx.neighbours, ctx.load).candidates.find((c) => c.agencyId === String(agencyId).trim());
  if (!chosen) throw new UserFacingError('consult.notCandidate', { number: inquiry.number, agency: String(agencyId) });
  const url = assignRow(ledger, rowOf.get(inquiry.number)!, inquiry.number, { id: chosen.agencyId, name: chosen.agency }, readStored().status?.link ?? '', new Date());
  ledger.flush();
  return { number: inquiry.number, agency: chosen.agency, statusLink: url, message: t(lang, 'consult.assigned', { number: inquiry.number, agency: chosen.agency }) };
}
