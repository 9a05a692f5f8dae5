/**
 * Continuity (issue 20): the facts 「状態の確認」 is judged on, 「担当を引き継ぐ」, 「引き継ぎを仕上げる」 and
 * 「ファイルを共有フォルダに移す」. Only gathering and Google calls live here: the judgement (domain/health.ts,
 * domain/settings-check.ts) and the sentences run in the sidebar, so that they cost dist/Code.js nothing — every
 * trigger execution loads that file, the sidebar only when opened.
 *
 * Google facts this rests on:
 * - Installable triggers belong to the user who created them and run as that user; ScriptApp shows each user only
 *   their own (getProjectTriggers: "…associated with the current project and current user"; getUserTriggers(document):
 *   "…owned by this user in the given document", https://developers.google.com/apps-script/reference/script/script-app).
 *   So a new coordinator cannot see or delete the old one's triggers: the take-over installs its own and relies on
 *   de-duplication (a response goes into the ledger once, whichever trigger records it); the old coordinator removes
 *   theirs with 「引き継ぎを仕上げる」.
 * - Editor add-ons' trigger failures are not e-mailed to anyone, hence the heartbeats: the hourly catch-up writes one
 *   every run (catchUp.ts), the form-submit handler one per recorded response.
 * - drive.file reaches a file only for the user whose app created it (emulator/drive-sharing.ts has the sources): the
 *   old coordinator's add-on can share its files (Drive.Permissions.create on files it created); the new
 *   coordinator's add-on cannot open them through the Drive API even once shared, and is told so.
 * - Shared drive items are reached only with supportsAllDrives=true, a shared drive item has exactly one parent, and
 *   only an item's owner moves it from My Drive into a shared drive
 *   (https://developers.google.com/drive/api/guides/enable-shareddrives, emulator/drive-sharing.ts).
 * - MailApp.getRemainingDailyQuota() needs script.send_mail
 *   (https://developers.google.com/apps-script/reference/mail/mail-app#getRemainingDailyQuota()); without the grant the
 *   remaining mail is shown as unknown. Calendar publishes no remaining quota: the add-on's own count of events created
 *   today (meetings.ts) is compared with 設定's limit.
 */
import type { HealthFactsView, TakeOverResult, SharedFolderResult } from '../../../protocol';
import type { FileFact, HealthFacts } from '../../domain/health';
import { CATCH_UP_STALE_MS, FILE_SETTINGS, HOUR_MS } from '../../domain/continuity';
import { planRegistrations } from '../../domain/ledger';
import { SETTINGS } from '../../domain/schema';
import type { SettingKey } from '../../domain/settings';
import { SCOPES, ScopeName } from '../../scopes';
import { t } from '../../i18n/messages';
import { userLang } from '../entry';
import { missingGrants } from '../auth';
import { CATCH_UP_HANDLER, HEARTBEAT_KEY, syncResponsesClearingPending } from './catchUp';
import { FOLDER_MIME, isNotFound } from '../drive';
import { isTransientFailure, UserFacingError } from '../errors';
import { ensureFormSubmitTrigger, FORM_SUBMIT_HANDLER } from './forms';
import { IMPORT_RECORD, openImportRecord } from './importRecord';
import { effectiveUserEmail, lastResults } from '../log';
import { CREATED_PROPERTY_PREFIX, SETTING_DAILY_LIMIT } from './meetings';
import { PENDING_KEY } from './pending';
import { readAgencies, readEvents, readLedger, readResponseSheet } from '../records';
import { Settings, documentProperties } from '../settings';
import { COORDINATOR_KEY, FORM_SUBMIT_HEARTBEAT_KEY, myEmail, readCoordinator } from '../coordinator';
import { optionalRows, spreadsheetTimeZone } from '../tables';

export const SHARED_FOLDER_SETTING = '共有フォルダID' satisfies SettingKey;
const SHARED_FOLDER_NAME = '就労支援ネットワーク 共有';
const DRIVE_ID = /^[A-Za-z0-9_-]{10,}$/;
const FAILED_RESULTS = ['失敗', '要確認', 'failed'];

const ms = (iso: string | null | undefined): number | null => {
  const n = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(n) ? n : null;
};

const hasDrive = () => typeof Drive !== 'undefined' && !!Drive;

/** A file named in 設定: reachable, in the trash, or not reachable by this user's add-on. A passing outage is rethrown. */
function fileState(id: string): FileFact['state'] {
  try {
    return Drive!.Files!.get(id, { fields: 'id,trashed', supportsAllDrives: true }).trashed ? 'trashed' : 'ok';
  } catch (e) {
    if (isNotFound(e) && !isTransientFailure(e)) return 'missing';
    throw e;
  }
}

/** The 設定 file settings with a plausible id: [key, id, row]. */
function fileSettings(rows: readonly { row: number; key: string; value: string }[]): { key: string; id: string; row: number }[] {
  return FILE_SETTINGS.flatMap((key) => rows.filter((r) => r.key === key && DRIVE_ID.test(r.value)).slice(0, 1).map((r) => ({ key, id: r.value, row: r.row })));
}

function settingRows(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): { row: number; key: string; value: string }[] {
  // Read only: a view, the sheet asked for once.
  return optionalRows(ss, SETTINGS, spreadsheetTimeZone(ss)).map((r) => ({ row: r.rowNumber, key: r.text('key').trim(), value: r.text('value').trim() }));
}

/** Registrations 「回答を同期」 would add, per response sheet (reads only: nothing is created or written). */
function unrecorded(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string, events: ReturnType<typeof readEvents>['events']): NonNullable<HealthFacts['unrecorded']> {
  const withForms = events.filter((e) => e.registrationSheetId !== '');
  if (!withForms.length) return [];
  const ledger = readLedger(ss, timeZone, true);
  const agencies = readAgencies(ss, timeZone);
  const recordSheet = ss.getSheetByName(IMPORT_RECORD.name);
  const imported = recordSheet && recordSheet.getLastColumn() > 0 ? openImportRecord(ss, timeZone).byKey : new Map<string, string>();
  const rows = [...ledger.rows];
  return withForms.flatMap((event) => {
    // By id, one call per event with forms (not every sheet's id asked: a call per sheet):
    // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSheetById(Integer)
    const sheet = /^\d+$/.test(event.registrationSheetId) ? ss.getSheetById(Number(event.registrationSheetId)) : null;
    if (!sheet) return [];
    const read = readResponseSheet(sheet, event.registrationSheetId, timeZone, event.registrationFormId);
    const plan = planRegistrations({ ledger: rows, eventId: event.id, capacity: event.capacity, agencies, submissions: read.map((r) => r.submission), imported });
    rows.push(...plan.appends);
    const added = new Set(plan.appends.map((r) => r.responseId));
    const waiting = read.filter((r) => added.has(r.submission.responseKey));
    return [{
      sheet: sheet.getName(), eventId: event.id, count: waiting.length,
      firstRow: waiting.length ? Math.min(...waiting.map((r) => r.rowNumber)) : 0,
      oldest: waiting.length ? Math.min(...waiting.map((r) => r.submission.submittedAt.getTime())) : null,
    }];
  });
}

/**
 * 「状態の確認」's facts (the sidebar judges them: domain/health.ts). Reads only: Document Properties once, the grants
 * once, this user's triggers, 行事, the ledger and each response sheet once, 操作ログ's tail, 設定, one Drive get per
 * file named in 設定, the mail quota when granted.
 */
export function gatherHealthFacts(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): HealthFactsView {
  const now = new Date();
  const props = documentProperties().getProperties();
  const names = Object.keys(SCOPES) as ScopeName[];
  const missingUrls = missingGrants(names.map((n) => SCOPES[n]));
  const missing = names.filter((n) => missingUrls.includes(SCOPES[n]));
  const timeZone = spreadsheetTimeZone(ss);
  let myTriggers: HealthFacts['myTriggers'] = null;
  if (!missing.includes('triggers')) {
    const mine = ScriptApp.getUserTriggers(ss).map((tr) => tr.getHandlerFunction());
    myTriggers = { formSubmit: mine.includes(FORM_SUBMIT_HANDLER), catchUp: mine.includes(CATCH_UP_HANDLER) };
  }
  const events = ss.getSheetByName('行事') ? readEvents(ss, timeZone, true).events : null;
  const rows = settingRows(ss);
  let calendar: HealthFacts['calendar'] = null;
  if (!missing.includes('calendar')) {
    const limit = Number((rows.find((r) => r.key === SETTING_DAILY_LIMIT)?.value ?? '').normalize('NFKC').replace(/[,\s]/g, ''));
    const created = Number(PropertiesService.getUserProperties().getProperty(CREATED_PROPERTY_PREFIX + Utilities.formatDate(now, timeZone, 'yyyy-MM-dd')) ?? '0');
    calendar = { limit: limit > 0 ? Math.floor(limit) : 5000, createdToday: created || 0 };
  }
  return {
    now: now.getTime(), me: missing.includes('email') ? '' : myEmail(), coordinator: readCoordinator(props[COORDINATOR_KEY]),
    formsInUse: !!events && events.some((e) => e.registrationSheetId !== '' || e.surveySheetId !== ''), myTriggers,
    heartbeats: { formSubmit: ms(props[FORM_SUBMIT_HEARTBEAT_KEY]), catchUp: ms(props[HEARTBEAT_KEY]) },
    unrecorded: events ? unrecorded(ss, timeZone, events) : null,
    failures: lastResults(ss, now).filter((r) => FAILED_RESULTS.includes(r.result.trim())).map((r) => ({
      operation: r.operation, at: r.at, atMs: r.minutesAgo === null ? null : now.getTime() - r.minutesAgo * 60_000, result: r.result, details: r.details,
    })),
    missingGrants: missing,
    mailRemaining: missingGrants([SCOPES.mail]).length ? null : MailApp.getRemainingDailyQuota(),
    calendar,
    files: !missing.includes('driveFile') && hasDrive() ? fileSettings(rows).map((f) => ({ ...f, state: fileState(f.id) })) : [],
    settingRows: rows,
  };
}

/**
 * onOpen (LIMITED or FULL): one read of Document Properties; when the catch-up has stopped or responses wait for hours,
 * a toast points at 「状態の確認」. Anything refused (a user who has not authorized) is silent: the menu matters more.
 */
export function noticeOnOpen(authMode?: GoogleAppsScript.Script.AuthMode): void {
  // In AuthMode.NONE (installed, not yet used in this file) nothing but the menu may be touched.
  if (authMode === undefined || String(authMode) === 'NONE') return;
  try {
    const props = documentProperties().getProperties();
    const catchUp = ms(props[HEARTBEAT_KEY]);
    const pending = ms(props[PENDING_KEY]);
    const now = Date.now();
    // Triggers were installed once (a coordinator is recorded, or the catch-up ran) but the hourly run has stopped, or
    // a response has waited more than two hours.
    const stopped = catchUp === null ? readCoordinator(props[COORDINATOR_KEY]) !== null : now - catchUp > CATCH_UP_STALE_MS;
    if (!stopped && !(pending !== null && now - pending > 2 * HOUR_MS)) return;
    const lang = userLang();
    SpreadsheetApp.getActiveSpreadsheet().toast(t(lang, 'health.onOpen'), t(lang, 'health.title'), 15);
  } catch {
    // onOpen must not fail for a notice.
  }
}

const openUrl = (id: string) => `https://drive.google.com/open?id=${id}`;

/**
 * 「担当を引き継ぐ」 (the new coordinator): this user's triggers (the old owner's cannot be touched: see the header),
 * the record of who is coordinator now, a sync that brings in whatever arrived while no trigger ran, and the files in
 * 設定 this user's add-on cannot use (made under the old account), to share by hand or recreate.
 */
export function takeOver(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): TakeOverResult {
  // The e-mail grant is checked before (rpc scopes): a failure here is Google's, reported as such, not a missing grant.
  const me = effectiveUserEmail(Session.getEffectiveUser().getEmail());
  if (!me) throw new UserFacingError('takeover.needsEmail');
  const props = documentProperties();
  // Every property at once: the sync below takes them (and 行事 as read here), all under this execution's lock.
  const all = props.getProperties();
  const before = readCoordinator(all[COORDINATOR_KEY]);
  const events = readEvents(ss, spreadsheetTimeZone(ss), true);
  const formsInUse = events.events.some((e) => e.registrationSheetId !== '' || e.surveySheetId !== '');
  const installed = formsInUse && ensureFormSubmitTrigger(ss, false); // recorded just below, with the previous one
  const previous = before && before.email !== me ? before.email : before?.previous ?? '';
  props.setProperty(COORDINATOR_KEY, JSON.stringify({ email: me, since: new Date().toISOString(), previous }));
  const added = formsInUse ? syncResponsesClearingPending(ss, 'ja', false, { all, events }).added : 0;
  const byHand = hasDrive() && !missingGrants([SCOPES.driveFile]).length
    ? fileSettings(settingRows(ss)).filter((f) => fileState(f.id) === 'missing').map((f) => ({ key: f.key, id: f.id, url: openUrl(f.id) }))
    : [];
  return { coordinator: me, previous, formsInUse, installed, added, byHand };
}

/**
 * 「ファイルを共有フォルダに移す」: moves what the add-on created (folders first, then files not inside a moved folder)
 * into 設定「共有フォルダID」; without one, creates it (the add-on's own, so drive.file reaches it) for a person to move
 * into the shared drive. Each move is one Files.update with addParents and removeParents (a shared drive item has
 * exactly one parent). Re-runnable: what is already there is skipped.
 */
export function moveToSharedFolder(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): SharedFolderResult {
  const s = Settings.open(ss);
  const folderId = s.get(SHARED_FOLDER_SETTING);
  const result: SharedFolderResult = { createdFolder: '', url: '', moved: [], notMovable: [] };
  if (!folderId) {
    const folder = Drive!.Files!.create({ name: SHARED_FOLDER_NAME, mimeType: FOLDER_MIME }, null as never, { fields: 'id,webViewLink', supportsAllDrives: true });
    s.set(SHARED_FOLDER_SETTING, String(folder.id));
    s.flush();
    return { ...result, createdFolder: String(folder.id), url: String(folder.webViewLink ?? '') };
  }
  if (fileState(folderId) !== 'ok') throw new UserFacingError('sharedFolder.unreachable', { id: folderId });
  const items = fileSettings(settingRows(ss)).filter((f) => f.key !== SHARED_FOLDER_SETTING).map((f) => {
    try {
      const got = Drive!.Files!.get(f.id, { fields: 'mimeType,parents', supportsAllDrives: true });
      return { ...f, folder: got.mimeType === FOLDER_MIME, parents: (got.parents ?? []).map(String) };
    } catch (e) {
      if (isNotFound(e) && !isTransientFailure(e)) return { ...f, folder: false, parents: null };
      throw e;
    }
  });
  const inPlace = new Set([folderId]);
  for (const x of [...items.filter((i) => i.folder), ...items.filter((i) => !i.folder)]) {
    if (!x.parents) { result.notMovable.push(x.key); continue; }
    if (!x.parents.some((p) => inPlace.has(p))) {
      try {
        Drive!.Files!.update({}, x.id, null as never, { addParents: folderId, removeParents: x.parents.join(','), supportsAllDrives: true, fields: 'id' });
        result.moved.push(x.key);
      } catch (e) {
        if (isTransientFailure(e)) throw e;
        result.notMovable.push(x.key);
        continue;
      }
    }
    inPlace.add(x.id);
  }
  return result;
}
