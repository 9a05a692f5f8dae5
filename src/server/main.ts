/**
 * The add-on's public Apps Script API and nothing else: menu handlers, triggers and sidebar RPC. Wiring only —
 * each function delegates to workspace/. gas-webpack-plugin exposes every `export function` here as a top-level
 * Apps Script function (it skips `export const`).
 */
import type {
  CsvImportResult, CsvPreview, MeetingPlanView, MeetingSyncReport, PamphletPreview, PamphletResult, RegistryReport, RpcResult, SettingsMap, SidebarInit,
} from '../protocol';
import { setUpWorkbook as setUp } from './workspace/setup';
import { checkRegistryInSheet } from './workspace/registry';
import { importCsv, previewCsv } from './workspace/csvImport';
import { Settings } from './workspace/settings';
import { alertReport, buildMenu, registrySummary, rpc, runFromMenu } from './workspace/entry';
import { list, t } from './i18n/messages';
import { rpcFunctionsPresent } from './workspace/features';
import { lastResults } from './workspace/log';
import type { LastResult } from '../protocol';
import type { AttendanceReport, EventFormsResult, EventSummary, SyncReport } from '../protocol';
import { createEventForms as createForms, FORMS_SCOPES } from './workspace/forms';
import { checkEventsInSheet, eventsReportText } from './workspace/eventCheck';
import { handleFormSubmit } from './workspace/responses';
import { catchUpResponses as catchUp, syncResponsesClearingPending } from './workspace/catchUp';
import { stampCheckIns as stampCheckInTimes, tallyAttendanceInSheet } from './workspace/attendance';
import { formsDoneMessage, selectedEventId, stampDoneMessage, syncDoneMessage, tallyDoneMessage, listEvents } from './workspace/formsEntry';
import { MEETING_SCOPES, outcomeText, previewMeetings, reportText, syncMeetings } from './workspace/meetings';
import { createPamphletTemplate as createTemplate, generatePamphlet as generate, PAMPHLET_SCOPES, previewPamphlet } from './workspace/pamphlet';
import type { ActivityReportResult, ReportPeriod, SurveyResultsReport } from '../protocol';
import { summariseSurveysInSheet } from './workspace/surveyResults';
import { REPORT_SCOPES, createActivityReport as createReport } from './workspace/activityReport';
import { reportDoneMessage, surveyDoneMessage } from './workspace/reportEntry';
import type { MailPreview, MailRunReport } from '../protocol';
import { MAIL_SCOPES, previewMail, sendDueMail } from './workspace/mail';

// ---- menu and lifecycle ----

/** Builds the add-on menu when the spreadsheet opens; in AuthMode.NONE it touches nothing else. */
export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu(e?.authMode);
}

/** Runs once when the add-on is installed (AuthMode.FULL): builds the menu as onOpen does. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  buildMenu((e as { authMode?: GoogleAppsScript.Script.AuthMode } | undefined)?.authMode);
}

/** Menu 「初期設定」: creates or migrates the sheets. */
export function setUpWorkbook(): void {
  runFromMenu('初期設定', (ss, lang) => {
    const report = setUp(ss, lang);
    const message = [
      report.changed ? t(lang, 'setup.done', { created: list(lang, report.createdSheets) || '—', added: report.addedColumns.length }) : t(lang, 'setup.nothing'),
      ...(report.recoveredSettings.length ? [t(lang, 'setup.recovered', { keys: list(lang, report.recoveredSettings) })] : []),
      ...report.renamed,
    ].join('\n\n');
    SpreadsheetApp.getUi().alert(t(lang, 'setup.title'), message, SpreadsheetApp.getUi().ButtonSet.OK);
    return message;
  });
}

/** Menu 「団体名簿をチェック」: normalises and checks the agency registry, marking problem cells. */
export function checkRegistry(): void {
  runFromMenu('団体名簿をチェック', (ss, lang) => {
    const report = checkRegistryInSheet(ss, lang);
    return alertReport(t(lang, 'registry.title'), report, lang);
  });
}

/** Menu 「サイドバーを開く」: shows the coordinator's sidebar. */
export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('就労支援ネットワーク');
  SpreadsheetApp.getUi().showSidebar(html);
}

// ---- sidebar RPC (types in src/protocol.ts) ----

/** Sidebar start-up: language, whether set-up has run, features present. */
export function rpcInit(): RpcResult<SidebarInit> {
  return rpc('sidebar', (ss, lang) => ({
    lang,
    setUp: ss.getSheetByName('団体') !== null,
    spreadsheetName: ss.getName(),
    features: ['registry', 'csv', 'settings', 'forms', 'pamphlet', 'meetings', 'surveys', 'report', ...rpcFunctionsPresent()],
  }), { log: false, lock: false });
}

/** Sidebar start-up: the last result of each operation in 操作ログ (one read), shown when the sidebar opens. */
export function rpcLastResults(): RpcResult<LastResult[]> {
  return rpc('前回の結果', (ss) => lastResults(ss, new Date()), { log: false, lock: false });
}

/** Sidebar 「初期設定」. */
export function rpcSetUp(): RpcResult<{ createdSheets: string[]; addedColumns: string[]; renamed: string[]; recoveredSettings: string[] }> {
  return rpc('初期設定', (ss, lang) => {
    const r = setUp(ss, lang);
    return { createdSheets: r.createdSheets, addedColumns: r.addedColumns, renamed: r.renamed, recoveredSettings: r.recoveredSettings };
  }, {
    describe: (r, lang) => (r.createdSheets.length || r.addedColumns.length ? t(lang, 'setup.done', { created: list(lang, r.createdSheets) || '—', added: r.addedColumns.length }) : t(lang, 'setup.nothing')),
  });
}

/** Sidebar 「名簿チェック」: the registry report as data. */
export function rpcCheckRegistry(): RpcResult<RegistryReport> {
  return rpc('団体名簿をチェック', (ss, lang) => checkRegistryInSheet(ss, lang), { describe: registrySummary });
}

/** Sidebar CSV import, step 1: decode and show what would be imported, writing nothing. */
export function rpcPreviewCsv(base64: string): RpcResult<CsvPreview> {
  return rpc('CSVプレビュー', (ss, lang) => previewCsv(ss, base64, lang), { log: false, lock: false });
}

/** Sidebar CSV import, step 2: append the agencies and check the registry. */
export function rpcImportCsv(base64: string): RpcResult<CsvImportResult> {
  return rpc('CSVから団体を取り込む', (ss, lang) => importCsv(ss, base64, lang), { describe: (r) => r.messages.join('\n') });
}

/** Sidebar 設定: current settings. */
export function rpcGetSettings(): RpcResult<SettingsMap> {
  return rpc('設定の表示', (ss) => Settings.open(ss).all(), { log: false, lock: false });
}

/** Sidebar 設定: saves the given keys (others untouched). */
export function rpcSaveSettings(settings: SettingsMap): RpcResult<SettingsMap> {
  return rpc('設定の保存', (ss) => {
    const s = Settings.open(ss);
    for (const [k, v] of Object.entries(settings)) s.set(k, String(v));
    s.flush();
    return Settings.open(ss).all();
  }, { describe: (_, lang) => t(lang, 'settings.saved', { keys: list(lang, Object.keys(settings)) }) });
}

// ---- forms and the attendance ledger ----

/** Menu 「行事をチェック」: reads 開始/終了 (和暦 too) and 定員 as the registry check reads dates, reports the rest. */
export function checkEvents(): void {
  runFromMenu('行事をチェック', (ss, lang) => {
    const { summary, body } = eventsReportText(checkEventsInSheet(ss, lang), lang);
    SpreadsheetApp.getUi().alert(t(lang, 'events.title'), body, SpreadsheetApp.getUi().ButtonSet.OK);
    return summary;
  });
}

/** Menu 「フォームを作成」: the selected 行事 row's registration and survey forms (created once, then updated). */
export function createEventForms(): void {
  runFromMenu('フォームを作成', (ss, lang) => {
    const message = formsDoneMessage(createForms(ss, selectedEventId(ss)), lang);
    SpreadsheetApp.getUi().alert(t(lang, 'forms.title'), message, SpreadsheetApp.getUi().ButtonSet.OK);
    return message;
  }, { scopes: FORMS_SCOPES });
}

/** Menu 「回答を同期」: reconciles every form's responses with the ledger (idempotent). */
export function syncFormResponses(): void {
  runFromMenu('回答を同期', (ss, lang) => {
    const message = syncDoneMessage(syncResponsesClearingPending(ss), lang);
    SpreadsheetApp.getUi().alert(t(lang, 'sync.title'), message, SpreadsheetApp.getUi().ButtonSet.OK);
    return message;
  });
}

/** Menu 「受付時刻を記録」: stamps 受付時刻 on every row whose 出席 is ticked and has none. */
export function stampCheckIns(): void {
  runFromMenu('受付時刻を記録', (ss, lang) => {
    const report = stampCheckInTimes(ss);
    const message = stampDoneMessage(report, lang);
    // A toast is short; what needs checking (a row deleted or stamped by hand meanwhile) gets an alert.
    if (report.problems.length) SpreadsheetApp.getUi().alert(t(lang, 'tally.title'), message, SpreadsheetApp.getUi().ButtonSet.OK);
    else ss.toast(message, t(lang, 'tally.title'));
    return message;
  });
}

/** Menu 「出欠を集計」: stamps check-ins, checks the ledger and writes 出欠集計. */
export function tallyAttendance(): void {
  runFromMenu('出欠を集計', (ss, lang) => {
    const message = tallyDoneMessage(tallyAttendanceInSheet(ss), lang);
    SpreadsheetApp.getUi().alert(t(lang, 'tally.title'), message, SpreadsheetApp.getUi().ButtonSet.OK);
    return message;
  });
}

/** Installable spreadsheet form-submit trigger: one response row into the ledger or the survey store. */
export function onFormSubmitHandler(e: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  handleFormSubmit(e);
}

/**
 * Hourly time-driven trigger (installed with the form-submit trigger by 「フォームを作成」): records the responses a
 * busy burst left for later, and a heartbeat in Document Properties. Costs 3 calls when nothing is pending.
 */
export function catchUpResponses(): void {
  catchUp();
}

/** Sidebar: the events, with their form links. */
export function rpcListEvents(): RpcResult<EventSummary[]> {
  return rpc('行事一覧', (ss) => listEvents(ss), { log: false, lock: false });
}

/** Sidebar 「フォームを作成」 for one event. */
export function rpcCreateEventForms(eventId: string): RpcResult<EventFormsResult> {
  return rpc('フォームを作成', (ss) => createForms(ss, eventId), { scopes: FORMS_SCOPES, describe: formsDoneMessage });
}

/** Sidebar 「回答を同期」. */
export function rpcSyncResponses(): RpcResult<SyncReport> {
  return rpc('回答を同期', (ss) => syncResponsesClearingPending(ss), { describe: syncDoneMessage });
}

/** Sidebar 「出欠を集計」. */
export function rpcTallyAttendance(): RpcResult<AttendanceReport> {
  return rpc('出欠を集計', (ss) => tallyAttendanceInSheet(ss), { describe: tallyDoneMessage });
}

// ---- meetings (Calendar) ----

/** Menu 「会議の招待を送信」: syncs the 会議 sheet to Google Calendar (invites, update and cancellation notices). */
export function sendMeetingInvites(): void {
  runFromMenu('会議の招待を送信', (ss, lang) => {
    const report = syncMeetings(ss, lang);
    SpreadsheetApp.getUi().alert(t(lang, 'meetings.title'), reportText(report, lang), SpreadsheetApp.getUi().ButtonSet.OK);
    return outcomeText(report, lang);
  }, { scopes: MEETING_SCOPES });
}

/** Sidebar 会議: what sending would create, update and cancel (no Calendar call, nothing written). */
export function rpcPlanMeetings(): RpcResult<MeetingPlanView> {
  return rpc('会議の送信内容の確認', (ss, lang) => previewMeetings(ss, lang), { log: false, lock: false });
}

/** Sidebar 会議: sends the invitations and notices (same as the menu item). */
export function rpcSendMeetingInvites(): RpcResult<MeetingSyncReport> {
  return rpc('会議の招待を送信', (ss, lang) => syncMeetings(ss, lang), { scopes: MEETING_SCOPES, describe: outcomeText });
}

// ---- pamphlet ----

/** Menu 「パンフレットのひな形を作成」: creates the Docs template (once) and stores its id in 設定. */
export function createPamphletTemplate(): void {
  runFromMenu('パンフレットのひな形を作成', (ss, lang) => {
    const r = createTemplate(ss, lang);
    SpreadsheetApp.getUi().alert(t(lang, 'pamphlet.templateTitle'), r.message, SpreadsheetApp.getUi().ButtonSet.OK);
    return r.message;
  }, { scopes: PAMPHLET_SCOPES });
}

/** Menu 「パンフレットを作成」: a new dated copy of the template filled from the registry, with its PDF. */
export function generatePamphlet(): void {
  runFromMenu('パンフレットを作成', (ss, lang) => {
    const r = generate(ss, lang);
    SpreadsheetApp.getUi().alert(t(lang, 'pamphlet.generateTitle'), r.message, SpreadsheetApp.getUi().ButtonSet.OK);
    return r.message;
  }, { scopes: PAMPHLET_SCOPES });
}

/** Sidebar 「パンフレットのひな形を作成」. */
export function rpcCreatePamphletTemplate(): RpcResult<{ created: boolean; url: string; id: string; message: string }> {
  return rpc('パンフレットのひな形を作成', (ss, lang) => createTemplate(ss, lang), { scopes: PAMPHLET_SCOPES, describe: (r) => r.message });
}

/** Sidebar pamphlet preview: included agencies in order, excluded with reasons, empty fields. Creates nothing. */
export function rpcPreviewPamphlet(): RpcResult<PamphletPreview> {
  // Sheet scope only: without the Docs grant the preview still lists agencies and names the missing permission.
  return rpc('パンフレットのプレビュー', (ss, lang) => previewPamphlet(ss, lang), { log: false, lock: false });
}

/** Sidebar 「パンフレットを作成」; `issuedOn` (yyyy-mm-dd) sets 発行日, default today. */
export function rpcGeneratePamphlet(options?: { issuedOn?: string }): RpcResult<PamphletResult> {
  return rpc('パンフレットを作成', (ss, lang) => generate(ss, lang, options ?? {}), { scopes: PAMPHLET_SCOPES, describe: (r) => r.message });
}

// ---- survey results and the activity report ----

/** Menu 「アンケートを集計」: rewrites アンケート集計 (per event: rates, scales, counts, cross-tabs, free text, charts). */
export function summariseSurveys(): void {
  runFromMenu('アンケートを集計', (ss, lang) => {
    const message = surveyDoneMessage(summariseSurveysInSheet(ss), lang);
    SpreadsheetApp.getUi().alert(t(lang, 'survey.title'), message, SpreadsheetApp.getUi().ButtonSet.OK);
    return message;
  });
}

/** Menu 「活動報告書を作成」: the report for the fiscal year containing today, as a new Google Doc. */
export function createActivityReport(): void {
  runFromMenu('活動報告書を作成', (ss, lang) => {
    const message = reportDoneMessage(createReport(ss, undefined, lang), lang);
    SpreadsheetApp.getUi().alert(t(lang, 'report.title'), message, SpreadsheetApp.getUi().ButtonSet.OK);
    return message;
  }, { scopes: REPORT_SCOPES });
}

/** Sidebar 「アンケートを集計」. */
export function rpcSummariseSurveys(): RpcResult<SurveyResultsReport> {
  return rpc('アンケートを集計', (ss) => summariseSurveysInSheet(ss), { describe: surveyDoneMessage });
}

/** Sidebar 「活動報告書を作成」 for a period (ISO dates), default the fiscal year containing today. */
export function rpcCreateActivityReport(period?: ReportPeriod): RpcResult<ActivityReportResult> {
  return rpc('活動報告書を作成', (ss, lang) => createReport(ss, period, lang), { scopes: REPORT_SCOPES, describe: reportDoneMessage });
}

// ---- participant mail (issue 15; workspace/mail.ts) ----

/** Menu 「参加者へのメールを送信」: promotions and every participant mail due now (never twice, within the quota). */
export function sendParticipantMail(): void {
  runFromMenu('参加者へのメールを送信', (ss, lang) => {
    const r = sendDueMail(ss, lang);
    SpreadsheetApp.getUi().alert(t(lang, 'mail.title'), r.message, SpreadsheetApp.getUi().ButtonSet.OK);
    return r.message;
  }, { scopes: MAIL_SCOPES });
}

/** Sidebar メール: what would go out now, as each participant reads it, and what is ahead (nothing sent or written). */
export function rpcPreviewMail(): RpcResult<MailPreview> {
  return rpc('メールの送信内容の確認', (ss, lang) => previewMail(ss, lang), { log: false, lock: false });
}

/** Sidebar メール: sends what is due (same as the menu item). */
export function rpcSendMail(): RpcResult<MailRunReport> {
  return rpc('参加者へのメールを送信', (ss, lang) => sendDueMail(ss, lang), { scopes: MAIL_SCOPES, describe: (r) => r.message });
}
