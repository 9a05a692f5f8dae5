/**
 * The sidebar ⇄ server contract. Everything here is JSON-safe: google.script.run drops Dates and functions, so
 * instants travel as ISO strings. Every RPC returns an RpcResult so the sidebar can always show a plain sentence.
 */
import type { HealthFacts } from './server/domain/health';
import type { SettingRow } from './server/domain/settings-check';
import type { MailEvent, MailKind, MailParticipant, MailSettings, MailTemplate } from './server/domain/mail';

export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: RpcError };

export interface RpcError {
  /** A complete sentence in the user's language saying what happened and what to do next. */
  message: string;
  kind: 'user' | 'service' | 'busy' | 'unexpected';
}

export interface Problem {
  sheet: string;
  /** Sheet row as the user sees it (header = 1). */
  row: number;
  column: string;
  message: string;
}

export interface SidebarInit {
  lang: 'ja' | 'en';
  setUp: boolean;
  spreadsheetName: string;
}

/** The last line of one operation in 操作ログ (dates as text: a Date cannot cross google.script.run). */
export interface LastResult {
  operation: string;
  /** yyyy-MM-dd HH:mm in the spreadsheet's time zone; '' when the cell holds no date. */
  at: string;
  minutesAgo: number | null;
  result: string;
  details: string;
}

export interface RegistryReport {
  rows: number;
  fixed: number;
  problems: { row: number; column: string; message: string }[];
}

export interface CsvPreview {
  encoding: 'UTF-8' | 'Shift_JIS' | 'UTF-16';
  header: string[];
  /**
   * `duplicate`: already in the registry with nothing new (skipped). `similarTo`: same name but other details — a
   * possible duplicate that is imported and reported, at its 団体 row or an earlier line of the same file.
   */
  rows: { line: number; cells: Record<string, string>; duplicate: boolean; similarTo?: { row?: number; csvLine?: number; name: string } }[];
  messages: string[];
  blocking: boolean;
}

export interface CsvImportResult {
  appended: number;
  skipped: { line: number; name: string }[];
  messages: string[];
  registry: RegistryReport;
}

/** Settings the sidebar edits (設定 sheet keys). */
export type SettingsMap = Record<string, string>;

// ---- forms and the attendance ledger ----

export interface FormInfo {
  formId: string;
  /** The published link to send to participants. */
  url: string;
  editUrl: string;
  /** false when an existing form was updated. */
  created: boolean;
  /** The response sheet in this spreadsheet. */
  sheetName: string;
}

export interface EventFormsResult {
  eventId: string;
  registration: FormInfo;
  survey: FormInfo;
  /** The spreadsheet form-submit trigger was installed by this run. */
  triggerInstalled: boolean;
  /** Rows of アンケート設問 that could not become a question. */
  problems: Problem[];
}

export interface SyncReport {
  added: number;
  waitlisted: number;
  alreadyRecorded: number;
  blankIgnored: number;
  duplicatesFlagged: number;
  surveyResponsesAdded: number;
  /** Ledger rows updated from a correction made in the response sheet. */
  corrected: number;
  /** Responses whose ledger row a person deleted: reported in problems, not added again. */
  deletedNotRestored: number;
  problems: Problem[];
  /** Participant mail sent after the sync (promotions, confirmations a trigger left), when the mail grant is given. */
  mail?: string;
}

export interface EventAttendance {
  id: string;
  title: string;
  registered: number;
  attended: number;
  noShows: number;
  waitlisted: number;
}

export interface AttendanceReport {
  /** Rows whose 受付時刻 was stamped by this run. */
  stamped: number;
  events: EventAttendance[];
  problems: Problem[];
}

export interface EventSummary {
  id: string;
  title: string;
  kind: string;
  /** ISO string or ''. */
  start: string;
  registrationFormUrl: string;
  surveyFormUrl: string;
}

// ---- meetings (Calendar) ----

export type MeetingActionKind = 'create' | 'update' | 'cancel' | 'unchanged' | 'invalid';

/** One 会議 row in the plan shown before sending. Instants are ISO strings. */
export interface MeetingPlanItem {
  row: number;
  meetingId: string;
  title: string;
  action: MeetingActionKind;
  start: string | null;
  end: string | null;
  /** e.g. 毎月第2水曜, null for a single meeting. */
  recurrence: string | null;
  location: string;
  guests: string[];
  /** For updates: what changed (名称, 日時, 場所, 招待先, 議題, 繰り返し). */
  changes: string[];
}

/** What 「会議の招待を送信」 would do now; computing it makes no Calendar call and writes nothing. */
export interface MeetingPlanView {
  calendar: string;
  items: MeetingPlanItem[];
  counts: Record<MeetingActionKind, number>;
  problems: Problem[];
  quota: { createdToday: number; limit: number; allowed: number; message: string | null };
}

export interface MeetingSyncReport {
  created: number;
  updated: number;
  cancelled: number;
  unchanged: number;
  problems: Problem[];
  /** True when a failure or the daily quota stopped the run before the end (run again to continue). */
  stopped: boolean;
  /** What was done (and, after a failure part-way, what was not). */
  message: string;
  /** After a failure part-way: the one thing to do next, worded for the menu (the sidebar offers its resume button instead). */
  next?: string;
}

/** Pamphlet preview: who is listed (in order, with empty fields), who is not and why, and template problems. */
export interface PamphletPreview {
  groups: { kind: string; agencies: { name: string; row: number; emptyFields: string[]; withheldFields?: string[] }[] }[];
  included: string[];
  excluded: { name: string; row: number; reason: string }[];
  /** Why 「パンフレットを作成」 would stop now (no template, or what to fix in it); empty when it can run. */
  templateProblems: string[];
}

export interface PamphletResult {
  name: string;
  documentId: string;
  url: string;
  pdfId: string;
  pdfUrl: string;
  /** yyyy-MM-dd HH:mm in the spreadsheet's zone. */
  createdAt: string;
  included: string[];
  excluded: { name: string; row: number; reason: string }[];
  message: string;
}

// ---- survey results and the activity report ----

export interface SurveyEventResult {
  id: string;
  title: string;
  responses: number;
  /** 0–1, against attendance (or registrations when nobody was checked in); null without either. */
  responseRate: number | null;
  /** Why the rate is against registrants, or why it is over 100 % (a sentence); '' for the plain rate against attendance. */
  rateNote: string;
  /** Mean of each 1–5 question, two decimals; null when unanswered. */
  means: Record<string, number | null>;
}

export interface SurveyResultsReport {
  /** 「アンケート集計」: one line per event. */
  sheet: string;
  /** One sheet per event: 「アンケート集計_<行事id>」. */
  eventSheets: string[];
  events: SurveyEventResult[];
  charts: number;
  problems: Problem[];
}

/** A report period as ISO dates (yyyy-mm-dd); omitted → the fiscal year containing today. */
export interface ReportPeriod {
  start: string;
  end: string;
}

export interface ActivityReportResult {
  documentId: string;
  name: string;
  url: string;
  period: ReportPeriod & { label: string };
  membersAtStart: number;
  membersAtEnd: number;
  joined: string[];
  events: { id: string; title: string; date: string; participants: number; agencies: number }[];
  /** Held up to today, and planned for the rest of the period, by kind. */
  meetings: { kind: string; count: number; planned: number }[];
  pamphlets: number;
  /** 受講記録 of the period's events, counts only (domain/training-counts.ts). */
  training: { certificatesIssued: number; peopleTrained: number; agenciesWithStaffTrained: number; attendances: number };
  /** The report template was created by this run (the first time). */
  templateCreated: boolean;
  /** Things worth checking (e.g. agencies with no 加入日). */
  notes: string[];
}

// ---- personal data (issue 19) ----

/** One place that holds something about a person (a sheet, a form's responses) and how many rows or responses. */
export interface PersonalDataPlace {
  place: string;
  rows: number;
  /** For a place the add-on cannot reach or erase: the i18n key of what to do by hand. */
  todo?: 'privacy.todo.form' | 'privacy.todo.mail' | 'privacy.todo.history' | 'privacy.todo.document';
}

/** 「本人のデータを検索／削除」 and 「個人情報の整理」: places and counts only — never the person's data itself. */
export interface PersonalDataReport {
  places: PersonalDataPlace[];
  /** The export a search made in the coordinator's own Drive: a Google Doc and its PDF ('' when nothing was found or when erasing). */
  exportUrl: string;
  pdfUrl?: string;
  /** Cells and responses erased. */
  erased: number;
  /** Cells a person changed meanwhile, left as they typed them (run again). */
  notErased: number;
  unreachable: PersonalDataPlace[];
  /**
   * Present when the run stopped at its time budget (workspace/deadline.ts) with work left: form responses handled in
   * this execution and still to handle; `cursor` (search, erase) goes back with the next call, which continues.
   */
  more?: { done: number; left: number; cursor?: string };
}

export interface RetentionPlanView {
  period: string;
  events: string[];
  places: PersonalDataPlace[];
}

export interface AccommodationFormResult {
  eventId: string;
  formId: string;
  url: string;
  editUrl: string;
  created: boolean;
  /** How many coordinators (besides the owner) can read the answers. */
  readers: number;
}
/** 「受付名簿を作成」 (issue 15): the check-in form and the roster Doc with its PDF. */
export interface RosterResult { eventId: string; formUrl: string; documentId: string; documentUrl: string; pdfId: string; pdfUrl: string; listed: number; message: string }

/** The sidebar's choices for 「参加証明書を作成」: chosen people (回答id; made again with their numbers), one PDF each. */
/** `mail`: with `perPerson`, each PDF is also e-mailed to its person (once: the ledger's 送信記録; issue 15). */
export interface CertificateOptions { responseIds?: string[]; perPerson?: boolean; mail?: boolean }
/** 「参加証明書を作成」 (issue 15): certificates made this run (numbers first–last) and those made before. */
export interface CertificatesResult {
  eventId: string; count: number; message: string;
  /** The printed document (absent when nothing was made, or with one PDF each). */
  first?: number; last?: number; already?: number; documentId?: string; documentUrl?: string; pdfId?: string; pdfUrl?: string;
  /** One PDF each: the files, and how many are left for the next call. */
  files?: { name: string; number: string; url: string }[]; rest?: number;
  /** With `mail`: certificate mails sent this run. */
  mailed?: number;
}
/** The sidebar's list of an event's attendees (出席), in 五十音 order, with their certificate numbers ('' when none yet). */
export interface AttendeeSummary { responseId: string; name: string; agency: string; number: string; printed: boolean }
/** 「状態の確認」's facts as the server gathers them; the sidebar judges them (domain/health.ts, settings-check.ts). */
export type HealthFactsView = Omit<HealthFacts, 'settings'> & { settingRows: SettingRow[] };

export interface TakeOverResult {
  coordinator: string;
  /** The coordinator before ('' when none was recorded). */
  previous: string;
  formsInUse: boolean;
  /** Whether the response trigger was installed now (false: this user had it, or there are no forms yet). */
  installed: boolean;
  /** Ledger rows the catch-up sync added. */
  added: number;
  /** Files in 設定 this user's add-on cannot use (made under another account): share by hand or recreate. */
  byHand: { key: string; id: string; url: string }[];
}

export interface SharedFolderResult { createdFolder: string; url: string; moved: string[]; notMovable: string[] }
// ---- participant mail (issue 15) ----

/**
 * What participant mail is planned from, for the sidebar's preview (it runs domain/mail.ts planMail itself, so the
 * server formats nothing for it): dates as ISO text.
 */
export interface MailPreviewData {
  now: string;
  events: (Omit<MailEvent, 'start' | 'end'> & { start: string | null; end: string | null })[];
  participants: (Omit<MailParticipant, 'registeredAt'> & { registeredAt: string | null })[];
  templates: Record<MailKind, MailTemplate>;
  settings: MailSettings;
}

export interface MailRunReport {
  /** Mails sent, by kind (confirmation, waitlist, promotion, reminder, thanks, survey-reminder). */
  sent: Record<string, number>;
  promoted: number;
  /** Due at the start of the run; `left` were not sent (quota, or a failure part-way). */
  due: number;
  left: number;
  quotaStopped: boolean;
  /** The batch stopped itself at the execution's time budget (workspace/deadline.ts); the rest goes next run. */
  timeStopped?: boolean;
  /** The exception that stopped the batch, as Google worded it. */
  error: string | null;
  inDoubtRows: number[];
  problems: Problem[];
  /** The run in one message (the 操作ログ line and the alert). */
  message: string;
  /** When the hourly trigger should plan mail again (ISO). */
  nextCheck: string;
}

// ---- 掲載情報の確認 (issue 16) ----
export type RoundState = 'notRequested' | 'requested' | 'noAnswer' | 'answered' | 'decided';
export type RoundScopeArg = { kind: 'all' } | { kind: 'group'; group: string } | { kind: 'stale'; months?: number };
/** The agencies to ask (the sidebar chooses them by RoundScopeArg; none: every agency with an id); `remind`: the reminder. */
export interface RoundRequestArg { ids?: string[]; remind?: boolean }
export interface RoundLink { id: string; name: string; email: string; url: string; fresh: boolean; via: string }
export interface RoundRequestResult { formUrl: string; links: RoundLink[]; mailed: number; message: string }
export interface RoundChange { key: string; field: string; current: string; proposed: string; problem: string }
export interface RoundAgency {
  id: string; name: string; row: number; state: RoundState; requestedOn: string; remindedOn: string; answeredOn: string;
  answerKey: string; answerRow: number; answers: number; changes: RoundChange[]; accepted: string; rejected: string;
  withheld: string[]; consent: string;
  /** Issued pamphlets (発行記録) that still list an agency that withdrew or proposes to. */
  stillListedIn: { name: string; on: string; url: string }[];
}
/** What the review reads (plain data); the sidebar computes states and diffs from it (domain/agency-round-view.ts). */
export interface RoundReviewData {
  today: string;
  /** 設定「掲載情報の確認間隔（月）」 and 「掲載情報の督促（日後）」. */
  months: number;
  noAnswerDays: number;
  rows: { rowNumber: number; cells: Record<string, string | number | boolean> }[];
  records: { agencyId: string; token: string; requestedOn: string; via: string; remindedOn: string; answerKey: string; decidedOn: string; accepted: string; rejected: string; mailLog?: string }[];
  answers: { key: string; row: number; on: string; answers: Record<string, string> }[];
  /** 発行記録 as stored (header row first): the sidebar finds the pamphlets that still list an agency (掲載団体id). */
  issues: string[][];
}
export interface RoundDecision { agencyId: string; answerKey: string; accept: string[]; reject?: string[] }
export interface RoundDecisionResult { written: string[]; refused: string[]; rejected: string[]; problems: Problem[]; message: string }
