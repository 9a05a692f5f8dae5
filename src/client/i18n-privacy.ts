/**
 * The sidebar's sentences for personal data (issue 19): 本人のデータを検索／削除, 個人情報の整理 and the accommodation
 * form, Japanese first. Here and not in the server catalogue: the RPCs return places and counts, and the sidebar words
 * them (dist/Code.js, loaded by every trigger execution, carries none of this).
 */
import { catalog } from '../server/i18n/catalog';
import { lang } from './i18n';

export const PRIVACY_CATALOGUE = catalog({
  'privacy.help': ['参加者の個人情報を扱います。本人から開示・削除を求められたとき、保存期間を過ぎたとき、必要な配慮を尋ねるときに使います。', 'Personal data: when someone asks to see or erase theirs, when its period has ended, and to ask about accommodation needs.'],
  'privacy.person': ['本人のデータ（開示・削除の依頼）', 'A person\'s data (on request)'],
  'privacy.who': ['メールアドレス、または「氏名／ふりがな」（例: 山田 花子／やまだ はなこ）', 'E-mail, or name／furigana (e.g. 山田 花子／やまだ はなこ)'],
  'privacy.search': ['本人のデータを検索', 'Find their data'],
  'privacy.erase': ['本人のデータを削除…', 'Erase their data…'],
  'privacy.empty': ['メールアドレスか「氏名／ふりがな」を入力してください。', 'Enter an e-mail or name／furigana.'],
  'privacy.nothingFound': ['該当する方のデータは見つかりませんでした。', 'Nothing found.'],
  'privacy.found': ['データのある場所（件数）:', 'Found in (rows):'],
  'privacy.export': ['書き出し（ドキュメント）を開く', 'Open the export (Google Doc)'],
  'privacy.exportPdf': ['PDF を開く', 'Open its PDF'],
  'privacy.exportNote': ['書き出しはあなたのマイドライブだけにあり、だれとも共有していません。本人のデータそのものなので、本人に送ったらドキュメントと PDF の両方をゴミ箱へ移してください（「本人のデータを削除」と「個人情報の整理」もゴミ箱へ移します）。', 'The export is in your My Drive only, shared with nobody. It is the person\'s data: once sent, trash both the Doc and the PDF (erasing their data or tidying up also trashes them).'],
  'privacy.confirmErase': ['次の場所から削除します。台帳の行は件数のため「（削除済み）」で残ります。元に戻せません。', 'This erases them from the places below (ledger rows stay as （削除済み） for the counts). It cannot be undone.'],
  'privacy.eraseNow': ['削除する', 'Erase'],
  'privacy.cancel': ['やめる', 'Cancel'],
  'privacy.cancelled': ['削除しませんでした。', 'Nothing was erased.'],
  'privacy.erased': ['{count}件のセル・回答を削除しました。', '{count} cells and responses erased.'],
  'privacy.notErased': ['実行中に他の人が書き換えた{count}か所は削除していません。もう一度実行してください。', '{count} cells changed meanwhile were left: run it again.'],
  'privacy.byHand': ['アドオンが消せない場所（手で対処してください）:', 'Places the add-on cannot erase (do this by hand):'],
  'privacy.todo.form': ['{place}: 開く権限がありません。持ち主に回答タブからの削除を依頼してください。', '{place}: you cannot open it; ask its owner to delete the response.'],
  'privacy.todo.mail': ['送信済みのメール: 本人に届いたメール（メールで送った参加証明書を含む）は本人のものです。送信者の「送信済み」にある控えは手で削除してください（アドオンのドライブにある証明書の PDF はゴミ箱へ移しました）。', 'Sent mails: what reached the person (a certificate e-mailed included) is theirs; delete the copies in the sender\'s Sent folder by hand (the add-on\'s Drive copy of the certificate PDF was trashed).'],
  'privacy.todo.history': ['変更履歴: 編集者は以前の値を見られ、版は個別に削除できません。必要ならコピーを作り元のファイルを削除してください。', 'Version history: editors can see earlier values; if needed, copy the file and delete the original.'],
  'privacy.todo.document': ['{place}: 名前の載った文書です。PDF・印刷物は自動で消せません。不要ならゴミ箱へ移し、受付名簿は作り直してください。', '{place}: a document naming them. Trash it if it is no longer needed (make the roster again).'],
  'privacy.retention': ['保存期間を過ぎた個人情報', 'Personal data past its period'],
  'privacy.plan': ['個人情報の整理（確認）', 'Tidy up personal data (review)'],
  'privacy.retentionNothing': ['保存期間（{period}）を過ぎた個人情報はありません。', 'Nothing past its period ({period}).'],
  'privacy.retentionPlan': ['保存期間（{period}）を過ぎた行事: {events}。次の場所の氏名・連絡先・備考・自由記述を削除し、受付名簿と参加証明書はゴミ箱へ移します（報告書の件数は残ります）。', 'Past {period}: {events}. Names, contacts, notes and free text go from the places below; rosters and certificates go to the trash (counts stay).'],
  'privacy.retentionRun': ['整理する', 'Tidy up'],
  // Long runs (server workspace/deadline.ts): each call stops within its time budget and the sidebar calls again.
  'privacy.working': ['処理中…', 'Working…'],
  'privacy.progress': ['処理中… {done} / {total} 件（Google の1回の実行時間の上限に合わせて、区切って続けています）', 'Working… {done} / {total} responses (continued in steps within Google\'s time limit per run)'],
  'privacy.stop': ['中止', 'Stop'],
  'privacy.stopped': ['中止しました。ここまでに削除したものは元に戻りません。同じ操作をもう一度実行すると、残りを続けて処理します。', 'Stopped. What was erased stays erased; run it again to go on with the rest.'],
  'privacy.searchStopped': ['中止しました（何も変更していません）。', 'Stopped (nothing was changed).'],
  'privacy.stuck': ['続けても残りが減らないため止めました。しばらくしてからもう一度実行してください。', 'Stopped: the rest is not getting smaller. Run it again later.'],
  'privacy.retentionDone': ['整理しました（行事: {events}、{count}件）。', 'Tidied up ({events}, {count}).'],
  'privacy.accommodation': ['必要な配慮の質問（配慮事項フォーム）', 'Accommodation needs (a separate form)'],
  'privacy.accommodationHelp': ['設定「配慮事項の閲覧者」に書いたコーディネーターだけが回答を読める別フォームを、行事ごとに作ります。回答は共有のスプレッドシートには入りません。', 'A separate form per event whose answers only the coordinators named in 配慮事項の閲覧者 can read; answers never enter the shared spreadsheet.'],
  'privacy.event': ['行事', 'Event'],
  'privacy.loadEvents': ['行事を読み込む', 'Load events'],
  'privacy.createForm': ['配慮事項フォームを作成・更新', 'Create or update the form'],
  'privacy.formDone': ['配慮事項フォームを{created}しました（閲覧できるコーディネーター {readers}名）。', 'Accommodation form {created} ({readers} coordinators can read it).'],
  'privacy.created': ['作成', 'created'],
  'privacy.updated': ['更新', 'updated'],
  'privacy.openForm': ['フォームを開く', 'Open the form'],
});

export type PrivacyMessageKey = keyof typeof PRIVACY_CATALOGUE.ja;

export function tp(key: PrivacyMessageKey, params: Record<string, string | number> = {}): string {
  const template: string = PRIVACY_CATALOGUE[lang()][key];
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
