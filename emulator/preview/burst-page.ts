/**
 * The page of the preview's 「40 人が1分以内に送信」 (burst.ts runs it on the modeled clock): apart from the run, so
 * that the forms' page routes (service-pages.ts, declared in emulator/registry.ts) need nothing of the demo's.
 */
import { esc, layout } from './pages';

export const BURST_SIZE = 40;

export interface BurstStep { at: number; label: string; outcome: string; waitedMs: number; heldMs: number; calls: number; recorded: number }
export interface BurstView { formTitle: string; store: string; n: number; start: number; steps: BurstStep[]; recorded: number }

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
