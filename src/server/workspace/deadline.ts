/**
 * The execution's time budget. Google stops every execution at 6 minutes ("Script runtime: 6 min / execution",
 * https://developers.google.com/apps-script/guides/services/quotas) and whatever was running is cut wherever it was.
 * An operation whose work grows with the form responses (本人のデータ, 個人情報の整理) checks `expired()` in its
 * per-item loops and stops by itself at 4.5 minutes: the 1.5 minutes left are for what must follow the loop — the
 * writes already planned, the 操作ログ line and the result (one slow call, a file or a PDF, is assumed up to ~1 s;
 * docs/ARCHITECTURE.md "Speed") — so a stop is always its own, with a result saying what is left, never Google's.
 * Started by the entry (workspace/entry.ts) when the operation starts. Each execution loads the script afresh, so
 * this module's state is one execution's; outside an entry (a test calling a feature directly) nothing expires
 * unless a test starts one, with its own clock.
 */
export const BUDGET_MS = 270_000;

let clock: () => number = () => Date.now();
let end = Infinity;
let budget = BUDGET_MS;

/** Starts the budget now (`now`: a test's clock). */
export function startDeadline(budgetMs = BUDGET_MS, now: () => number = () => Date.now()): void {
  clock = now;
  budget = budgetMs;
  end = now() + budgetMs;
}

/** Milliseconds left of the budget (Infinity when none was started). */
export function timeLeft(): number {
  return end - clock();
}

/** Whether the budget is spent; `share` < 1: whether that share of it is (a loop that leaves the rest to writes). */
export function expired(share = 1): boolean {
  return timeLeft() <= budget * (1 - share);
}
