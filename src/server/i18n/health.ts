/**
 * 「状態の確認」 and the take-over, server side (issue 20): only what the server itself says — the toast on open, the
 * errors, the 操作ログ lines. The findings and results are worded in the sidebar (src/client/i18n-health.ts): they
 * cost dist/Code.js nothing there.
 */
import { catalog } from './catalog';

type HealthKey = 'op.checkHealth' | 'op.takeOver' | 'op.moveToSharedFolder' | 'health.title' | 'health.onOpen' | 'takeover.needsEmail' | 'sharedFolder.unreachable' | 'takeover.log' | 'sharedFolder.log' | 'sharedFolder.logCreated';

export const HEALTH_MESSAGES = catalog<HealthKey>({
  'op.checkHealth': ['状態の確認', 'Status check'],
  'op.takeOver': ['担当を引き継ぐ', 'Take over as coordinator'],
  'op.moveToSharedFolder': ['ファイルを共有フォルダに移す', 'Move files to the shared folder'],
  'health.title': ['状態の確認', 'Status check'],
  'health.onOpen': ['回答の自動取り込みが止まっているようです。サイドバーの「状態の確認」を開いてください。', 'Responses seem to have stopped reaching the ledger. Open 「状態の確認」 in the sidebar.'],
  'takeover.needsEmail': ['「メールアドレスの表示」の権限を許可してから、もう一度実行してください。', 'Allow the permission to see your email address, then run this again.'],
  'sharedFolder.unreachable': ['設定「共有フォルダID」のフォルダ（{id}）はアドオンが作ったものではないため使えません。値を空にして実行すると、アドオンがフォルダを作ります。', 'The add-on did not create the folder in setting 「共有フォルダID」 ({id}), so it cannot use it. Clear the value and run again: the add-on creates one.'],
  'takeover.log': ['担当: {me}（同期で追加 {added}件、手作業で共有 {byHand}件）', 'Coordinator: {me} (sync added {added}, files to share by hand {byHand})'],
  'sharedFolder.log': ['移動 {moved}件、移せず {notMovable}件', 'Moved {moved}, could not move {notMovable}'],
  'sharedFolder.logCreated': ['共有フォルダを作成: {url}', 'Created the shared folder: {url}'],
});
