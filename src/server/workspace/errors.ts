/**
 * Errors the user reads. A UserFacingError carries a message key and parameters (rendered in the user's language);
 * anything else thrown by a Google service is translated into a plain sentence, never shown as a stack trace.
 */
import type { Problem } from '../../protocol';
import { Lang, Localized, MessageKey, Params, t } from '../i18n/messages';
import { formatProblem } from '../domain/where';

export class UserFacingError extends Error {
  // Declared, assigned below: a parameter property compiles to a defineProperty helper in the bundle.
  declare readonly key: MessageKey;
  declare readonly params: Params;
  constructor(key: MessageKey, params: Params = {}) {
    super(t('ja', key, params));
    this.key = key;
    this.params = params;
    this.name = 'UserFacingError';
  }
}

/** A problem whose sentence is rendered in the reader's language when it is reported (Problem carries the sentence). */
export type LocalizedProblem = Omit<Problem, 'message'> & { message: Localized };

export function renderProblems(lang: Lang, problems: readonly LocalizedProblem[]): Problem[] {
  return problems.map((p) => ({ ...p, message: t(lang, p.message.key, p.message.params) }));
}

/** An alert shows this many problems, then a line saying how many more (the sidebar and the sheet's notes show all). */
export const ALERT_PROBLEMS = 15;

/** A report's problems as an alert's lines, located in `sheet` when given; `more` counts the ones left out. */
export function problemLines(lang: Lang, problems: readonly Omit<Problem, 'sheet'>[], more: MessageKey, sheet?: string): string[] {
  const lines = problems.slice(0, ALERT_PROBLEMS).map((p) => formatProblem(lang, { sheet, ...p }));
  if (problems.length > ALERT_PROBLEMS) lines.push(t(lang, more, { count: problems.length - ALERT_PROBLEMS }));
  return lines;
}

/** renderProblems without the sheet (the report names it once): row, column, message. */
export function renderRowProblems(lang: Lang, problems: readonly LocalizedProblem[]): Omit<Problem, 'sheet'>[] {
  return renderProblems(lang, problems).map(({ row, column, message }) => ({ row, column, message }));
}

/** What a thrown value says: an Error's message, anything else as text. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Google's wording for transient service failures (quota, unavailable, timed out, internal). */
const SERVICE_FAILURE = /Service (invoked too many times|unavailable|.* timed out|error)|Service .* failed|internal error|server error occurred|Exceeded maximum execution time|Rate Limit Exceeded|too many times/i;
const LOCK_TIMEOUT = /Lock timeout|another process was holding the lock/i;

/**
 * A Google failure that says nothing about the item asked for (quota, unavailable, timed out, a held lock): a retry may
 * succeed. Code that reads "could not open it" as "it is gone, make a new one" must rethrow these, or a passing outage
 * duplicates forms, folders and documents.
 */
export function isTransientFailure(error: unknown): boolean {
  const detail = errorText(error);
  return SERVICE_FAILURE.test(detail) || LOCK_TIMEOUT.test(detail);
}

export function describeError(error: unknown, lang: Lang): { message: string; kind: 'user' | 'service' | 'busy' | 'unexpected' } {
  if (error instanceof UserFacingError) return { message: t(lang, error.key, error.params), kind: 'user' };
  const detail = errorText(error);
  if (LOCK_TIMEOUT.test(detail)) return { message: t(lang, 'error.busy'), kind: 'busy' };
  if (SERVICE_FAILURE.test(detail)) return { message: t(lang, 'error.service', { detail }), kind: 'service' };
  return { message: t(lang, 'error.unexpected', { detail }), kind: 'unexpected' };
}
