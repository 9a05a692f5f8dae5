/**
 * The preview's 「40 人が1分以内に送信」: forty participants submit a form evenly over one modeled minute, on the
 * emulator's modeled clock (emulator/timeline.ts) — each firing of the form-submit trigger waits for the document lock
 * in modeled time — and the clock then runs on past the next hourly catch-up. The page shows the ledger (or the survey
 * store) filling, firing by firing, and what the catch-up did. Replayed from the journal like any action: same start
 * time, same arrivals, same result.
 */
import type { Emulator } from '../index';
import { arrivalOffsets } from '../timeline';
import { agencyNamesOf, participantAnswers, surveyAnswers } from '../../scripts/demo/forms';
import { esc, layout } from './pages';

export const BURST_SIZE = 40;

export interface BurstStep { at: number; label: string; outcome: string; waitedMs: number; heldMs: number; calls: number; recorded: number }
export interface BurstView { formTitle: string; store: string; n: number; start: number; steps: BurstStep[]; recorded: number }

/** Rows of the store that belong to this form's event: distinct 回答id in 参加者台帳 or アンケート記録. */
function recordedCount(emu: Emulator, store: string, eventId: string): number {
  const sheet = emu.active.sheets.find((s) => s.name === store);
  if (!sheet) return 0;
  const [header, ...rows] = sheet.getDataRange().getValues();
  const ev = header!.map(String).indexOf('行事id');
  const id = header!.map(String).indexOf('回答id');
  return new Set(rows.filter((r) => eventId === '' || r[ev] === eventId).map((r) => String(r[id]))).size;
}

export function replayBurst(emu: Emulator, formId: string, n = BURST_SIZE): BurstView {
  const form = emu.forms.store.get(formId);
  const registration = form.questions.some((q) => q.title === '氏名');
  const store = registration ? '参加者台帳' : 'アンケート記録';
  const eventId = /_(.+)$/.exec(form.destinationSheet()?.name ?? '')?.[1] ?? '';
  const agencies = registration ? agencyNamesOf(emu) : [];
  const already = recordedCount(emu, store, eventId);
  const clock = emu.clock;
  clock.enable();
  const start = clock.now() + 1_000;
  // Participants numbered after those who already answered, so that their e-mail addresses are new.
  const base = already + emu.forms.store.get(formId).responses.length;
  arrivalOffsets(n, 'uniform', 60_000).forEach((offset, i) => {
    clock.submitAt(start + offset, formId, registration ? participantAnswers(0, base + i, agencies) : surveyAnswers(base + i, false));
  });
  const steps: BurstStep[] = [];
  const executionsBefore = clock.executions.length;
  clock.timeline.onExecutionEnd = (e) => {
    steps.push({ at: e.start, label: e.label, outcome: e.lockTimedOut ? 'gave up' : e.outcome, waitedMs: e.lockWaitMs, heldMs: e.lockHeldMs, calls: e.calls, recorded: recordedCount(emu, store, eventId) - already });
  };
  try {
    // Past the next hourly catch-up (it fires within the hour after the burst, or not at all if none is installed).
    clock.advanceTo(start + 60_000 + 3_600_000 + 60_000);
  } finally {
    clock.timeline.onExecutionEnd = null;
    clock.disable();
  }
  for (const e of clock.executions.slice(executionsBefore)) {
    if (e.outcome === 'refused') steps.push({ at: e.start, label: e.label, outcome: 'refused', waitedMs: 0, heldMs: 0, calls: 0, recorded: Number.NaN });
  }
  steps.sort((a, b) => a.at - b.at);
  return { formTitle: form.title, store, n, start, steps, recorded: recordedCount(emu, store, eventId) - already };
}

const KIND: Record<string, string> = { onFormSubmit: 'フォーム送信トリガー', catchUpResponses: '定時の取り込み（1時間ごと）' };
const OUTCOME: Record<string, string> = { completed: '記録', 'gave up': '後回し（ロック待ち超過）', failed: '失敗', refused: '実行されず（同時実行の上限）' };

export function burstPage(view: BurstView): string {
  const t = (ms: number) => {
    const s = Math.round((ms - view.start) / 1000);
    return s < 3600 ? `${Math.floor(s / 60)}分${String(s % 60).padStart(2, '0')}秒` : `${Math.floor(s / 3600)}時間${Math.floor((s % 3600) / 60)}分`;
  };
  const rows = view.steps.map((s) => `<tr><td>${esc(t(s.at))}</td><td>${esc(KIND[s.label] ?? s.label)}</td><td>${esc(OUTCOME[s.outcome] ?? s.outcome)}</td><td>${(s.waitedMs / 1000).toFixed(1)} 秒</td><td>${(s.heldMs / 1000).toFixed(1)} 秒</td><td>${s.calls}</td><td>${Number.isNaN(s.recorded) ? '' : `${s.recorded} / ${view.n}`}</td></tr>`);
  const done = view.recorded >= view.n;
  return layout('40 人が1分以内に送信', `<h1>${view.n} 人が1分以内に送信: ${esc(view.formTitle)}</h1>
<p>${view.n} 人が1分間に均等に送信した場合を、模擬の時計（1回の呼び出し 160 ミリ秒、ロック待ちは最大 30 秒、同時実行は 30 まで）で再現しました。各行がひとつの実行です。「${esc(view.store)}」に入った件数が右端の列です。</p>
<p id="burst-result" data-recorded="${view.recorded}" data-n="${view.n}">${done ? `${view.n} 件すべてが「${esc(view.store)}」に入りました（手作業の「回答を同期」は不要）。` : `「${esc(view.store)}」に入ったのは ${view.recorded} / ${view.n} 件です。残りは「回答を同期」で取り込めます。`}</p>
<table class="list"><thead><tr><th scope="col">開始（送信開始から）</th><th scope="col">実行</th><th scope="col">結果</th><th scope="col">ロック待ち</th><th scope="col">ロック保持</th><th scope="col">呼び出し数</th><th scope="col">記録済み</th></tr></thead><tbody>${rows.join('')}</tbody></table>
<p><a href="/forms">フォーム一覧へ戻る</a></p>`);
}
