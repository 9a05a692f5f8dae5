/**
 * 「状態の確認」: from facts the workspace gathered (triggers of the current user, heartbeats, responses not yet in
 * the ledger, 操作ログ, grants, quotas, files named in 設定, the 設定 check), the list of what is wrong and what to do.
 * Pure: plain data in, message codes with their parameters out (rendered by i18n).
 *
 * What no user can see: another user's triggers. ScriptApp returns only the current user's
 * (https://developers.google.com/apps-script/reference/script/script-app#getProjectTriggers()), so whether the
 * registrations still reach the ledger under someone else's account is judged by the heartbeats the handlers write:
 * the hourly catch-up writes one every run, so a heartbeat older than CATCH_UP_STALE_MS means its trigger is gone, its
 * owner's grant was revoked, or the owner left.
 */
import type { Where } from './where';
import { CATCH_UP_STALE_MS, HOUR_MS } from './continuity';

export { CATCH_UP_STALE_MS, HOUR_MS };

/** Responses sitting this long without reaching the ledger are reported (a firing normally takes seconds). */
export const UNRECORDED_GRACE_MS = HOUR_MS;
/** How far back a failed operation in 操作ログ is still news. */
export const FAILURE_WINDOW_MS = 7 * 24 * HOUR_MS;

export type HealthLevel = 'ok' | 'info' | 'problem';
export type HealthCheck = 'triggers' | 'responses' | 'failures' | 'grants' | 'mail' | 'calendar' | 'files' | 'settings';

/** One line of the report: a message code (i18n `health.<code>`) and its parameters; the fix is part of the sentence. */
export interface HealthFinding {
  check: HealthCheck;
  level: HealthLevel;
  code: string;
  params: Record<string, string | number | readonly string[]>;
  where?: Where;
}

export interface FileFact {
  /** The 設定 key that names the file. */
  key: string;
  id: string;
  row: number;
  /** ok; missing: the API cannot see it (deleted for good, or made by another account's add-on); trashed. */
  state: 'ok' | 'missing' | 'trashed';
}

export interface HealthFacts {
  now: number;
  /** The current user's e-mail ('' when Google does not say). */
  me: string;
  /** Who installed the add-on's triggers last (written by 「フォームを作成」 and 「担当を引き継ぐ」). */
  coordinator: { email: string; since: string } | null;
  /** Whether any event has a form whose responses come into this spreadsheet. */
  formsInUse: boolean;
  /** The current user's own triggers for this spreadsheet; null when the trigger permission is not granted. */
  myTriggers: { formSubmit: boolean; catchUp: boolean } | null;
  /** Last successful run of each handler (ms), null when never. */
  heartbeats: { formSubmit: number | null; catchUp: number | null };
  /** Registrations in response sheets that 「回答を同期」 would add (per sheet); null when they could not be counted. */
  unrecorded: { sheet: string; eventId: string; count: number; firstRow: number; oldest: number | null }[] | null;
  /** The latest 操作ログ line of each operation that failed or needs checking. */
  failures: { operation: string; at: string; atMs: number | null; result: string; details: string }[];
  /** The scopes the current user has not granted, by name (src/server/scopes.ts); the sidebar words them. */
  missingGrants: string[];
  /** Mail the current user may still send today; null when it cannot be known (the send-mail permission is absent). */
  mailRemaining: number | null;
  /** Calendar events the current user may still create today (the add-on's own count against 設定's limit). */
  calendar: { limit: number; createdToday: number } | null;
  files: FileFact[];
  /** Problems in 設定 (unknown key, invalid value), already located. */
  settings: { row: number; key: string; code: string; params: Record<string, string | number> }[];
}

const fmt = (ms: number | null, zoneFormat: (ms: number) => string) => (ms === null ? '' : zoneFormat(ms));

/**
 * The findings, problems first, in the order a coordinator acts on them. `formatTime` renders a time in the
 * spreadsheet's zone (yyyy-MM-dd HH:mm).
 */
export function assessHealth(f: HealthFacts, formatTime: (ms: number) => string): HealthFinding[] {
  const out: HealthFinding[] = [];
  const owner = f.coordinator?.email ?? '';
  const catchUpFresh = f.heartbeats.catchUp !== null && f.now - f.heartbeats.catchUp <= CATCH_UP_STALE_MS;
  const lastRun = fmt(f.heartbeats.catchUp, formatTime);

  // ---- triggers and heartbeats ----
  if (!f.formsInUse) {
    out.push({ check: 'triggers', level: 'ok', code: 'triggers.notNeeded', params: {} });
  } else {
    const mine = f.myTriggers;
    const haveBoth = mine !== null && mine.formSubmit && mine.catchUp;
    const haveSome = mine !== null && (mine.formSubmit || mine.catchUp);
    const ownerIsMe = owner !== '' && owner === f.me;
    if (haveBoth) {
      out.push({ check: 'triggers', level: 'ok', code: 'triggers.mine', params: { last: lastRun || '—' } });
      if (owner && !ownerIsMe) out.push({ check: 'triggers', level: 'info', code: 'triggers.alsoOther', params: { owner } });
    } else if (haveSome) {
      out.push({ check: 'triggers', level: 'problem', code: mine!.formSubmit ? 'triggers.missingCatchUp' : 'triggers.missingFormSubmit', params: {} });
    } else if (catchUpFresh && !ownerIsMe) {
      out.push({ check: 'triggers', level: 'info', code: owner ? 'triggers.other' : 'triggers.otherUnknown', params: { owner, last: lastRun } });
    } else if (mine === null && catchUpFresh) {
      out.push({ check: 'triggers', level: 'info', code: 'triggers.unknownButRunning', params: { last: lastRun } });
    } else {
      const code = f.heartbeats.catchUp === null ? 'triggers.neverRan' : 'triggers.stopped';
      out.push({ check: 'triggers', level: 'problem', code: owner && !ownerIsMe ? `${code}Other` : code, params: { owner, last: lastRun } });
    }
  }
  if (f.heartbeats.formSubmit !== null) out.push({ check: 'triggers', level: 'info', code: 'triggers.lastResponse', params: { last: fmt(f.heartbeats.formSubmit, formatTime) } });

  // ---- responses waiting outside the ledger ----
  if (f.unrecorded === null) {
    // Not counted (e.g. 行事 could not be read): the other checks still stand.
  } else {
    const waiting = f.unrecorded.filter((u) => u.count > 0);
    for (const u of waiting) {
      const old = u.oldest === null || f.now - u.oldest > UNRECORDED_GRACE_MS;
      out.push({
        check: 'responses', level: old ? 'problem' : 'info', code: old ? 'responses.waiting' : 'responses.arriving',
        params: { count: u.count, event: u.eventId }, where: { sheet: u.sheet, row: u.firstRow },
      });
    }
    if (!waiting.length && f.formsInUse) out.push({ check: 'responses', level: 'ok', code: 'responses.allIn', params: {} });
  }

  // ---- failed operations ----
  for (const x of f.failures) {
    if (x.atMs !== null && f.now - x.atMs > FAILURE_WINDOW_MS) continue;
    out.push({ check: 'failures', level: 'problem', code: 'failures.recent', params: { operation: x.operation, at: x.at || '—', details: x.details || '—' } });
  }

  // ---- grants ----
  if (f.missingGrants.length) out.push({ check: 'grants', level: 'problem', code: 'grants.missing', params: { permissions: f.missingGrants } });
  else out.push({ check: 'grants', level: 'ok', code: 'grants.all', params: {} });

  // ---- quotas ----
  if (f.mailRemaining === null) out.push({ check: 'mail', level: 'info', code: 'mail.unknown', params: {} });
  else out.push({ check: 'mail', level: f.mailRemaining === 0 ? 'problem' : 'ok', code: f.mailRemaining === 0 ? 'mail.none' : 'mail.remaining', params: { remaining: f.mailRemaining } });
  if (f.calendar) {
    const remaining = Math.max(0, f.calendar.limit - f.calendar.createdToday);
    out.push({ check: 'calendar', level: remaining === 0 ? 'problem' : 'ok', code: remaining === 0 ? 'calendar.none' : 'calendar.remaining', params: { remaining, limit: f.calendar.limit } });
  }

  // ---- files named in 設定 ----
  for (const file of f.files) {
    if (file.state === 'ok') continue;
    const code = file.state === 'trashed' ? 'files.trashed' : owner && owner !== f.me ? 'files.missingOther' : 'files.missing';
    out.push({ check: 'files', level: 'problem', code, params: { key: file.key, id: file.id, owner }, where: { sheet: '設定', row: file.row, column: '値' } });
  }
  if (f.files.length && f.files.every((x) => x.state === 'ok')) out.push({ check: 'files', level: 'ok', code: 'files.ok', params: { count: f.files.length } });

  // ---- 設定 ----
  for (const s of f.settings) {
    // A row the add-on does not know is a coordinator's own note unless it looks like a misspelt setting.
    const note = s.code === 'unknown' && !s.params.suggestion;
    const code = s.code === 'unknown' ? (note ? 'settings.unknown' : 'settings.misspelt') : `settings.${s.code}`;
    out.push({ check: 'settings', level: note ? 'info' : 'problem', code, params: { key: s.key, ...s.params }, where: { sheet: '設定', row: s.row, column: s.code === 'unknown' || s.code === 'duplicate' || s.code === 'noKey' ? '項目' : '値' } });
  }

  const order: Record<HealthLevel, number> = { problem: 0, info: 1, ok: 2 };
  return out.map((x, i) => ({ x, i })).sort((a, b) => order[a.x.level] - order[b.x.level] || a.i - b.i).map(({ x }) => x);
}
