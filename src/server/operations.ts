/**
 * The operation table: every thing the add-on does, declared once. From it come the add-on menu (order, captions,
 * separators), the menu's alerts, the sidebar's RPC functions, the 操作ログ operation names, and — in the tests —
 * the list of entry points `main.ts` must export and the operations the fault and volunteer-edit matrices must
 * cover (test/project/operations.test.ts).
 *
 * An entry says:
 * - `caption`: the i18n key of its name (menu item, alert title on failure, the 操作ログ name in Japanese);
 * - where it appears: `menu` (the function name behind the menu item, its group, and how the result is shown),
 *   `sidebar` (the RPC function name), or `trigger` (the handler function name);
 * - `scopes` it needs (default: the spreadsheet), checked before anything is touched;
 * - `lock` / `log`: whether it holds the document lock and writes a 操作ログ line (default both; read-only
 *   operations say `false` for both);
 * - `run`: the workspace function, `(ss, lang, ...args)`; the sidebar passes the RPC's arguments, the menu
 *   `menu.args(ss)`;
 * - `describe`: the result as one sentence — the 操作ログ line, and the menu alert's body unless `menu.body` says more.
 *
 * `main.ts` holds one line per entry point, naming the entry here. Adding an operation: README, "Adding an operation".
 */
import type { RpcResult } from '../protocol';
import { list, t, type Lang, type MessageKey } from './i18n/messages';
import { setUpWorkbook, type SetupReport } from './workspace/features/setup';
import { checkRegistryInSheet } from './workspace/features/registry';
import { importCsv, previewCsv } from './workspace/features/csvImport';
import { Settings } from './workspace/settings';
import { alert, registryAlertBody, registrySummary, userLang } from './workspace/entry';
import { lastResults } from './workspace/log';
import { createEventForms, FORMS_SCOPES } from './workspace/features/forms';
import { checkEventsInSheet, eventsReportText } from './workspace/features/eventCheck';
import { handleFormSubmit } from './workspace/features/responses';
import { catchUpResponses, syncResponsesClearingPending } from './workspace/features/catchUp';
import { stampCheckIns, tallyAttendanceInSheet } from './workspace/features/attendance';
import { formsDoneMessage, listEvents, selectedEventId, stampDoneMessage, syncDoneMessage, tallyDoneMessage } from './workspace/features/formsEntry';
import { MEETING_SCOPES, outcomeText, previewMeetings, reportText, syncMeetings } from './workspace/features/meetings';
import { createPamphletTemplate, generatePamphlet, PAMPHLET_SCOPES, PAMPHLET_TEMPLATE_SCOPES, previewPamphlet } from './workspace/features/pamphlet';
import { summariseSurveysInSheet } from './workspace/features/surveyResults';
import { REPORT_SCOPES, createActivityReport } from './workspace/features/activityReport';
import type { CertificateOptions, RegistryReport, ReportPeriod, SettingsMap, SidebarInit } from '../protocol';
import { reportDoneMessage, surveyDoneMessage } from './workspace/features/reportEntry';
import { ACCOMMODATION_SCOPES, createAccommodationForm } from './workspace/features/accommodation';
import { PRIVACY_SCOPES, SEARCH_SCOPES, erasePersonalData, planRetention, runRetention, searchPersonalData } from './workspace/features/privacy';
import { accommodationMessage, privacyLogLine } from './workspace/features/privacyEntry';
import { checkInScopes, createRoster } from './workspace/features/checkin';
import { certificateScopes, issueCertificates, listAttendees, updateTrainingRecords } from './workspace/features/certificates';
import { gatherHealthFacts, moveToSharedFolder, takeOver } from './workspace/features/health';
import { SCOPES } from './scopes';
import { assignConsultation, consultationScopes, createConsultationForms, listConsultations, remindConsultation } from './workspace/features/consultations';
import { MAIL_SCOPES, previewMail, sendDueMail } from './workspace/mail';
import { ROUND_SCOPES, decideAgencyRound, requestAgencyRound, reviewAgencyRound } from './workspace/features/agencyRound';
import type { RoundDecision, RoundRequestArg } from '../protocol';
import { sendEventInvites } from './workspace/features/eventInvites';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Menu groups; the table lists a group's items together, and a separator goes between two groups. */
export type MenuGroup = 'start' | 'registry' | 'events' | 'reports' | 'privacy';

export interface MenuPlacement<A extends unknown[], T> {
  /** The top-level function behind the menu item (an `export function` in main.ts); default: the operation's id. */
  fn?: string;
  group: MenuGroup;
  /** The run's arguments when started from the menu (read inside the lock). */
  args?: (ss: Spreadsheet) => A;
  /** The alert's title (default: the caption). */
  title?: MessageKey;
  /** The alert's body (default: `describe`). */
  body?: (value: T, lang: Lang) => string;
  /** Instead of the alert (e.g. a toast when all went well). */
  show?: (value: T, lang: Lang, ss: Spreadsheet) => void;
}

export interface Operation<A extends unknown[] = unknown[], T = unknown> {
  caption: MessageKey;
  menu?: MenuPlacement<A, T>;
  /** Callable from the sidebar, as the RPC `rpc` + the id capitalised (an `export function rpc…` in main.ts). */
  sidebar?: true;
  scopes?: readonly string[];
  /** Scopes the operation uses only when granted (asked with `scopes` in the entry's one check: auth.ts missingGrants). */
  optionalScopes?: readonly string[];
  /** Holds the document lock (default true). */
  lock?: boolean;
  /** Writes a 操作ログ line (default true). */
  log?: boolean;
  run: (ss: Spreadsheet, lang: Lang, ...args: A) => T;
  /** The result as a sentence (操作ログ, menu alert). Without it the log says only that the operation finished. */
  describe?: (value: T, lang: Lang) => string;
}

/** A trigger handler: Apps Script calls it with its event; it takes its own lock and writes its own log. */
export interface TriggerOperation<E> {
  caption: MessageKey;
  trigger: string;
  scopes?: readonly string[];
  handle: (event: E) => void;
}

/** A menu item that only shows UI (no spreadsheet, lock or log). */
export interface UiOperation {
  caption: MessageKey;
  menu: { fn?: string; group: MenuGroup };
  show: () => void;
}

/** Keeps each entry's argument and result types (a plain object literal type would widen them). */
function op<A extends unknown[], T>(o: Operation<A, T>): Operation<A, T> {
  return o;
}

const READ_ONLY = { lock: false, log: false } as const;

/**
 * The sidebar, with `open` the section to open first (the 個人情報 menu items: the sidebar asks, previews and words the
 * result). HtmlOutput.append adds trusted content as is (https://developers.google.com/apps-script/reference/html/html-output#append(String)).
 */
function openSidebar(open = ''): void {
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(t(userLang(), 'sidebar.title')).append(open && `<i hidden data-open="${open}"></i>`));
}
const privacySidebar = () => openSidebar('privacy');

function setupMessage(r: SetupReport, lang: Lang): string {
  return [
    r.changed ? t(lang, 'setup.done', { created: list(lang, r.createdSheets) || '—', added: r.addedColumns.length }) : t(lang, 'setup.nothing'),
    ...(r.recoveredSettings.length ? [t(lang, 'setup.recovered', { keys: list(lang, r.recoveredSettings) })] : []),
    ...r.renamed,
  ].join('\n\n');
}

/** The table, in menu order. The key is the operation's id. */
export const OPERATIONS = {
  sidebar: {
    caption: 'menu.sidebar',
    menu: { fn: 'showSidebar', group: 'start' },
    show: () => openSidebar(),
  } satisfies UiOperation as UiOperation,
  init: op({
    caption: 'op.sidebarInit',
    sidebar: true,
    ...READ_ONLY,
    run: (ss, lang): SidebarInit => ({ lang, setUp: ss.getSheetByName('団体') !== null, spreadsheetName: ss.getName() }),
  }),
  lastResults: op({ caption: 'op.lastResults', sidebar: true, ...READ_ONLY, run: (ss) => lastResults(ss, new Date()) }),
  setUp: op({
    caption: 'menu.setup',
    menu: { fn: 'setUpWorkbook', group: 'registry' },
    sidebar: true,
    run: (ss, lang) => setUpWorkbook(ss, lang),
    describe: setupMessage,
  }),
  checkRegistry: op({
    caption: 'menu.checkRegistry',
    menu: { group: 'registry', title: 'registry.title', body: registryAlertBody },
    sidebar: true,
    run: (ss, lang) => checkRegistryInSheet(ss, lang),
    describe: registrySummary,
  }),
  previewCsv: op({ caption: 'op.previewCsv', sidebar: true, ...READ_ONLY, run: (ss, lang, base64: string) => previewCsv(ss, base64, lang) }),
  importCsv: op({
    caption: 'menu.importCsv',
    sidebar: true,
    run: (ss, lang, base64: string) => importCsv(ss, base64, lang),
    describe: (r) => r.messages.join('\n'),
  }),
  // ---- 掲載情報の確認 (issue 16): workspace/features/agencyRound.ts ----
  // The sidebar chooses the agencies (all, a group, 最終確認日 older than 設定's months) and the reminder's.
  requestAgencyRound: op({
    caption: 'op.requestAgencyRound',
    sidebar: true,
    scopes: ROUND_SCOPES,
    run: (ss, lang, arg?: RoundRequestArg) => requestAgencyRound(ss, lang, arg),
    describe: (r) => r.message,
  }),
  reviewAgencyRound: op({ caption: 'op.reviewAgencyRound', sidebar: true, ...READ_ONLY, run: (ss) => reviewAgencyRound(ss) }),
  decideAgencyRound: op({
    caption: 'op.decideAgencyRound',
    sidebar: true,
    run: (ss, lang, decision: RoundDecision) => decideAgencyRound(ss, lang, decision),
    describe: (r) => r.message,
  }),
  getSettings: op({ caption: 'op.getSettings', sidebar: true, ...READ_ONLY, run: (ss): SettingsMap => Settings.open(ss, true).all() }),
  saveSettings: op({
    caption: 'op.saveSettings',
    sidebar: true,
    run: (ss, _lang, settings: SettingsMap): SettingsMap => {
      const s = Settings.open(ss);
      // Any row the sidebar shows: declared keys and the coordinator's own (Settings.setEdited).
      for (const [k, v] of Object.entries(settings)) s.setEdited(k, String(v));
      s.flush();
      // What 設定 holds now, read again (a person may have typed meanwhile), as a view: nothing is written with it.
      return Settings.open(ss, true).all();
    },
    // The keys the user saved, not the whole map: 設定 may hold more than the sidebar sent.
    describe: (saved, lang) => t(lang, 'settings.saved', { keys: list(lang, Object.keys(saved)) }),
  }),
  // ---- forms and the attendance ledger ----
  checkEvents: op({
    caption: 'menu.checkEvents',
    menu: { group: 'events', title: 'events.title', body: (r: RegistryReport, lang) => eventsReportText(r, lang).body },
    run: (ss, lang) => checkEventsInSheet(ss, lang),
    describe: (r: RegistryReport, lang) => eventsReportText(r, lang).summary,
  }),
  createEventForms: op({
    caption: 'menu.createForms',
    menu: { group: 'events', args: (ss): [string] => [selectedEventId(ss)] },
    sidebar: true,
    scopes: FORMS_SCOPES,
    run: (ss, lang, eventId: string) => createEventForms(ss, eventId, lang),
    describe: formsDoneMessage,
  }),
  listEvents: op({ caption: 'op.listEvents', sidebar: true, ...READ_ONLY, run: (ss) => listEvents(ss) }),
  syncResponses: op({
    caption: 'menu.syncResponses',
    menu: { fn: 'syncFormResponses', group: 'events' },
    sidebar: true,
    // Then the ledger's 「配慮事項あり」 from the accommodation forms this coordinator can read (issue 19).
    run: (ss, lang) => syncResponsesClearingPending(ss, lang, true),
    describe: syncDoneMessage,
  }),
  stampCheckIns: op({
    caption: 'menu.stampCheckIns',
    menu: {
      group: 'events',
      // A toast is short; what needs checking (a row deleted or stamped by hand meanwhile) gets an alert.
      show: (r, lang, ss) => {
        if (r.problems.length) alert(t(lang, 'tally.title'), stampDoneMessage(r, lang));
        else ss.toast(stampDoneMessage(r, lang), t(lang, 'tally.title'));
      },
    },
    run: (ss, lang) => stampCheckIns(ss, lang),
    describe: stampDoneMessage,
  }),
  tallyAttendance: op({
    caption: 'menu.tallyAttendance',
    menu: { group: 'events', title: 'tally.title' },
    sidebar: true,
    run: (ss, lang) => tallyAttendanceInSheet(ss, lang),
    describe: tallyDoneMessage,
  }),
  // ---- on the day and after (issue 15): 受付名簿 with the QR self check-in, 参加証明書, 受講記録 ----
  createRoster: op({
    caption: 'menu.createRoster',
    menu: { fn: 'createCheckInRoster', group: 'events', title: 'checkin.title', args: (ss): [string] => [selectedEventId(ss)] },
    sidebar: true,
    scopes: checkInScopes(),
    run: (ss, lang, eventId: string) => createRoster(ss, eventId, lang),
    describe: (r) => r.message,
  }),
  issueCertificates: op({
    caption: 'menu.issueCertificates',
    menu: { group: 'events', title: 'certificates.title', args: (ss): [string, CertificateOptions] => [selectedEventId(ss), {}] },
    sidebar: true,
    scopes: certificateScopes(),
    run: (ss, lang, eventId: string, options: CertificateOptions) => issueCertificates(ss, eventId, lang, options),
    describe: (r) => r.message,
  }),
  listAttendees: op({ caption: 'op.listAttendees', sidebar: true, ...READ_ONLY, run: (ss, _lang, eventId: string) => listAttendees(ss, eventId) }),
  updateTrainingRecords: op({
    caption: 'menu.updateTrainingRecords',
    menu: { group: 'events', show: (r: { message: string }, lang, ss) => ss.toast(r.message, t(lang, 'training.title')) },
    run: (ss, lang) => updateTrainingRecords(ss, lang),
    describe: (r: { message: string }) => r.message,
  }),
  // ---- participant mail (issue 15; workspace/mail.ts) ----
  sendMail: op({
    caption: 'menu.sendMail',
    menu: { fn: 'sendParticipantMail', group: 'events', title: 'mail.title' },
    sidebar: true,
    scopes: MAIL_SCOPES,
    run: (ss, lang) => sendDueMail(ss, lang),
    describe: (r) => r.message,
  }),
  // What would go out now and what is ahead: reads only (no MailApp call), so the sheet scope is enough.
  previewMail: op({ caption: 'op.previewMail', sidebar: true, ...READ_ONLY, run: (ss) => previewMail(ss) }),
  formSubmit: {
    caption: 'op.formSubmit',
    trigger: 'onFormSubmitHandler',
    scopes: [],
    handle: (e: GoogleAppsScript.Events.SheetsOnFormSubmit) => handleFormSubmit(e),
  } satisfies TriggerOperation<GoogleAppsScript.Events.SheetsOnFormSubmit>,
  catchUpResponses: {
    caption: 'op.catchUpResponses',
    trigger: 'catchUpResponses',
    scopes: [],
    handle: () => catchUpResponses(),
  } satisfies TriggerOperation<unknown>,
  // ---- meetings (Calendar) ----
  sendMeetingInvites: op({
    caption: 'menu.sendMeetingInvites',
    menu: { group: 'events', body: reportText },
    sidebar: true,
    scopes: MEETING_SCOPES,
    run: (ss, lang) => syncMeetings(ss, lang),
    describe: outcomeText,
  }),
  // issue 17 item 6: the selected 行事's announcement to its 招待先 (workspace/features/eventInvites.ts).
  sendEventInvites: op({
    caption: 'menu.sendEventInvites',
    menu: { group: 'events', args: (ss): [string, string[]?] => [selectedEventId(ss)] },
    sidebar: true,
    scopes: MAIL_SCOPES,
    run: (ss, lang, eventId: string, resend?: string[]) => sendEventInvites(ss, lang, eventId, resend),
    describe: (r) => r.message,
  }),
  planMeetings: op({ caption: 'op.planMeetings', sidebar: true, ...READ_ONLY, run: (ss, lang) => previewMeetings(ss, lang) }),
  // ---- pamphlet ----
  createPamphletTemplate: op({
    caption: 'menu.createPamphletTemplate',
    menu: { group: 'events' },
    sidebar: true,
    scopes: PAMPHLET_TEMPLATE_SCOPES,
    run: (ss, lang) => createPamphletTemplate(ss, lang),
    describe: (r) => r.message,
  }),
  generatePamphlet: op({
    caption: 'menu.generatePamphlet',
    menu: { group: 'events' },
    sidebar: true,
    scopes: PAMPHLET_SCOPES,
    /** `issuedOn` (yyyy-mm-dd) sets 発行日, default today. */
    run: (ss, lang, options?: { issuedOn?: string }) => generatePamphlet(ss, lang, options ?? {}),
    describe: (r) => r.message,
  }),
  // Sheet scope only: without the Docs grant the preview still lists agencies and names the missing permission.
  previewPamphlet: op({ caption: 'op.previewPamphlet', sidebar: true, ...READ_ONLY, run: (ss, lang) => previewPamphlet(ss, lang) }),
  // ---- companies (issue 17): workspace/features/consultations.ts ----
  createConsultationForms: op({
    caption: 'menu.consultForms',
    menu: { group: 'events' },
    sidebar: true,
    scopes: consultationScopes(),
    run: (ss, lang) => createConsultationForms(ss, lang),
    describe: (r) => r.message,
  }),
  listConsultations: op({ caption: 'op.listConsultations', sidebar: true, ...READ_ONLY, run: (ss) => listConsultations(ss) }),
  assignConsultation: op({
    caption: 'op.assignConsultation',
    sidebar: true,
    scopes: MAIL_SCOPES,
    run: (ss, lang, number: string, agencyId: string) => assignConsultation(ss, lang, number, agencyId),
    describe: (r) => r.message,
  }),
  remindConsultation: op({
    caption: 'op.remindConsultation',
    sidebar: true,
    scopes: MAIL_SCOPES,
    run: (ss, lang, number: string) => remindConsultation(ss, lang, number),
    describe: (r) => r.message,
  }),
  // ---- survey results and the activity report ----
  summariseSurveys: op({
    caption: 'menu.summariseSurveys',
    menu: { group: 'reports' },
    sidebar: true,
    run: (ss, lang) => summariseSurveysInSheet(ss, lang),
    describe: surveyDoneMessage,
  }),
  createActivityReport: op({
    caption: 'menu.createReport',
    menu: { group: 'reports' },
    sidebar: true,
    scopes: REPORT_SCOPES,
    /** A period (ISO dates); default the fiscal year containing today. */
    run: (ss, lang, period?: ReportPeriod) => createActivityReport(ss, period, lang),
    describe: reportDoneMessage,
  }),
  // ---- personal data (issue 19, docs/privacy.md) ----
  createAccommodationForm: op({
    caption: 'menu.accommodationForm',
    menu: { group: 'privacy', args: (ss): [string] => [selectedEventId(ss)] },
    sidebar: true,
    scopes: ACCOMMODATION_SCOPES,
    run: (ss, _lang, eventId: string) => createAccommodationForm(ss, eventId),
    describe: accommodationMessage,
  }),
  // The menu items open the sidebar's 個人情報 section, which asks who, shows what will go and asks for a YES; what was
  // typed is never logged (describe: counts only).
  searchPersonalData: {
    ...op({ caption: 'menu.searchPerson', menu: { group: 'privacy' }, sidebar: true, scopes: SEARCH_SCOPES, run: (ss, _lang, query: string, cursor?: string) => searchPersonalData(ss, query, { cursor }), describe: privacyLogLine }),
    show: privacySidebar,
  },
  previewErase: op({ caption: 'op.previewErase', sidebar: true, ...READ_ONLY, scopes: PRIVACY_SCOPES, run: (ss, _lang, query: string, cursor?: string) => searchPersonalData(ss, query, { exportFile: false, cursor }) }),
  erasePersonalData: {
    ...op({ caption: 'menu.erasePerson', menu: { group: 'privacy' }, sidebar: true, scopes: PRIVACY_SCOPES, run: (ss, lang, query: string, cursor?: string) => erasePersonalData(ss, query, lang, cursor), describe: privacyLogLine }),
    show: privacySidebar,
  },
  planRetention: op({ caption: 'op.planRetention', sidebar: true, ...READ_ONLY, scopes: PRIVACY_SCOPES, run: (ss) => planRetention(ss) }),
  runRetention: {
    ...op({ caption: 'menu.retention', menu: { fn: 'tidyPersonalData', group: 'privacy' }, sidebar: true, scopes: PRIVACY_SCOPES, run: (ss, lang) => runRetention(ss, lang), describe: privacyLogLine }),
    show: privacySidebar,
  },
  // ---- continuity (issue 20): workspace/health.ts ----
  // The facts only: the sidebar judges and words them (domain/health.ts), so the wording costs dist/Code.js nothing.
  checkHealth: op({ caption: 'op.checkHealth', sidebar: true, ...READ_ONLY, run: (ss) => gatherHealthFacts(ss) }),
  takeOver: op({
    caption: 'op.takeOver',
    sidebar: true,
    // The e-mail too: who takes over is recorded (every other operation reads it best-effort).
    scopes: [SCOPES.sheets, SCOPES.triggers, SCOPES.email],
    // The files in 設定 are checked only with drive.file granted.
    optionalScopes: [SCOPES.driveFile],
    run: (ss) => takeOver(ss),
    describe: (r, lang) => t(lang, 'takeover.log', { me: r.coordinator, added: r.added, byHand: r.byHand.length }),
  }),
  moveToSharedFolder: op({
    caption: 'op.moveToSharedFolder',
    sidebar: true,
    scopes: [SCOPES.sheets, SCOPES.driveFile],
    run: (ss) => moveToSharedFolder(ss),
    describe: (r, lang) => (r.createdFolder ? t(lang, 'sharedFolder.logCreated', { url: r.url }) : t(lang, 'sharedFolder.log', { moved: r.moved.length, notMovable: r.notMovable.length })),
  }),
};

export type OperationId = keyof typeof OPERATIONS;

/** Top-level functions Apps Script calls by name that are not operations (the menu's construction). */
export const LIFECYCLE = ['onOpen', 'onInstall'] as const;

type Entry = Operation<never[], unknown> | TriggerOperation<never> | UiOperation;
function entries(): [OperationId, Entry][] {
  return Object.entries(OPERATIONS) as [OperationId, Entry][];
}

/** The add-on menu, in table order; `null` is a separator between groups. */
export function menuItems(): ({ caption: MessageKey; fn: string } | null)[] {
  const items: ({ caption: MessageKey; fn: string } | null)[] = [];
  let group: MenuGroup | undefined;
  for (const [id, o] of entries()) {
    const m = 'menu' in o ? o.menu : undefined;
    if (!m) continue;
    if (group !== undefined && m.group !== group) items.push(null);
    group = m.group;
    items.push({ caption: o.caption, fn: m.fn ?? id });
  }
  return items;
}

/** Every top-level function the table declares: id, where, function name. */
export function entryPoints(): { id: OperationId; where: 'menu' | 'sidebar' | 'trigger'; fn: string }[] {
  return entries().flatMap(([id, o]) => [
    ...('menu' in o && o.menu ? [{ id, where: 'menu' as const, fn: o.menu.fn ?? id }] : []),
    ...('sidebar' in o && o.sidebar ? [{ id, where: 'sidebar' as const, fn: `rpc${id[0]!.toUpperCase()}${id.slice(1)}` }] : []),
    ...('trigger' in o ? [{ id, where: 'trigger' as const, fn: o.trigger }] : []),
  ]);
}

/** The value of an operation's successful run (the sidebar sees it inside an RpcResult). */
export type ResultOf<O> = O extends Operation<never[], infer T> ? T : never;
export type RpcOf<O> = RpcResult<ResultOf<O>>;
