/**
 * Who the coordinator is (the account whose triggers record the responses) and the form-submit handler's heartbeat,
 * both in Document Properties, shared by everyone who opens the spreadsheet. See health.ts for why.
 */
import { SCOPES } from '../scopes';
import { missingGrants } from './auth';
import { documentProperties } from './settings';
import { effectiveUserEmail } from './log';

/** Document Properties: the coordinator whose account runs the triggers ({ email, since, previous }). */
export const COORDINATOR_KEY = 'coordinator';
/** Document Properties: when the form-submit handler last recorded a response (ISO time). */
export const FORM_SUBMIT_HEARTBEAT_KEY = 'responses.lastRecorded';
export interface CoordinatorRecord { email: string; since: string; previous?: string }

export function readCoordinator(raw: string | null | undefined): CoordinatorRecord | null {
  if (!raw) return null;
  try {
    const r = JSON.parse(raw) as CoordinatorRecord;
    return typeof r.email === 'string' && r.email ? r : null;
  } catch {
    return null;
  }
}

/**
 * The form-submit handler's heartbeat: one setProperty of one key, no read, so two firings at once cannot lose
 * anything (the later write wins, both are "now"). Best effort: the response is already recorded.
 */
export function recordFormSubmitHeartbeat(): void {
  try {
    // setProperties with one key (not deleteAllOthers): one write like setProperty, and told apart from the pending
    // mark's setProperty in the call ledger (test/concurrency counts those).
    documentProperties().setProperties({ [FORM_SUBMIT_HEARTBEAT_KEY]: new Date().toISOString() });
  } catch {
    // The catch-up's heartbeat still shows the triggers run.
  }
}

/** The account this execution runs as ('' when Google does not say, e.g. without the e-mail grant). */
export function myEmail(): string {
  try {
    return effectiveUserEmail(Session.getEffectiveUser().getEmail() || '');
  } catch {
    return '';
  }
}

/**
 * Records the current user as the coordinator when the add-on's triggers were just installed. Not best effort: a
 * failed write fails the operation (which says so, and its re-run, finding the triggers, writes it).
 */
export interface CoordinatorNote {
  /** Document Properties as the caller read them under the lock (consultations.ts). */
  props: { getProperty(key: string): string | null; setProperty(key: string, value: string): unknown };
  /** The caller's entry checked the e-mail grant already. */
  emailGranted?: true;
}

export function noteCoordinator(known?: CoordinatorNote): void {
  let email: string;
  try {
    email = effectiveUserEmail(Session.getEffectiveUser().getEmail());
  } catch (e) {
    // Without the e-mail grant (granular consent) there is no name to record: Google refuses getEffectiveUser, whose
    // reference lists that scope (https://developers.google.com/apps-script/reference/base/session#getEffectiveUser()).
    // The grant is asked only then (2 calls fewer on every run that has it), unless the entry checked it already;
    // with it, Google's failure is reported.
    if (!known?.emailGranted && missingGrants([SCOPES.email]).length) return;
    throw e;
  }
  if (!email) return;
  const props = known?.props ?? documentProperties();
  const before = readCoordinator(props.getProperty(COORDINATOR_KEY));
  if (before?.email === email) return;
  props.setProperty(COORDINATOR_KEY, JSON.stringify({ email, since: new Date().toISOString(), ...(before ? { previous: before.email } : {}) }));
}

