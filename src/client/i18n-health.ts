/**
 * The sidebar's sentences for 「状態の確認」 and the take-over (issue 20), Japanese first: the findings the domain
 * judges (src/server/domain/health.ts) and the results of 「担当を引き継ぐ」 and
 * 「ファイルを共有フォルダに移す」. Here and not in the server catalogue because every trigger execution loads
 * dist/Code.js, and these are read only in the sidebar.
 */
import { catalog } from '../server/i18n/catalog';
import { SCOPE_MESSAGES } from '../server/i18n/scopes';
import { lang } from './i18n';

export const HEALTH_CATALOGUE = catalog<'health.summary' | 'health.allGood' | 'health.triggers.notNeeded' | 'health.triggers.mine' | 'health.triggers.alsoOther' | 'health.triggers.missingCatchUp' | 'health.triggers.missingFormSubmit' | 'health.triggers.other' | 'health.triggers.otherUnknown' | 'health.triggers.unknownButRunning' | 'health.triggers.neverRan' | 'health.triggers.neverRanOther' | 'health.triggers.stopped' | 'health.triggers.stoppedOther' | 'health.triggers.lastResponse' | 'health.responses.waiting' | 'health.responses.arriving' | 'health.responses.allIn' | 'health.failures.recent' | 'health.grants.missing' | 'health.grants.all' | 'health.mail.unknown' | 'health.mail.none' | 'health.mail.remaining' | 'health.calendar.none' | 'health.calendar.remaining' | 'health.files.trashed' | 'health.files.missing' | 'health.files.missingOther' | 'health.files.ok' | 'health.settings.unknown' | 'health.settings.misspelt' | 'health.settings.duplicate' | 'health.settings.noKey' | 'health.settings.driveUrl' | 'health.settings.notAnId' | 'health.settings.notAPositiveInteger' | 'health.settings.notACalendarId' | 'takeover.title' | 'takeover.triggers' | 'takeover.triggersKept' | 'takeover.previous' | 'takeover.previousUnknown' | 'takeover.synced' | 'takeover.filesOk' | 'takeover.filesByHand' | 'takeover.file' | 'takeover.noForms' | 'sharedFolder.title' | 'sharedFolder.created' | 'sharedFolder.moved' | 'sharedFolder.notMovable' | 'sharedFolder.nothing' | 'sharedFolder.item' | 'health.help' | 'health.check' | 'health.takeOver' | 'health.takeOverHelp' | 'health.moveFiles' | 'health.levelProblem' | 'health.levelInfo' | 'health.levelOk'>({
  'health.help': ['受付のトリガー、台帳に入っていない回答、失敗した操作、権限、今日の残り、ファイル、設定を確かめます。問題には直し方を書きます。', 'Checks the response triggers, responses not in the ledger, failed operations, permissions, today\'s quotas, files and settings. Each problem says how to fix it.'],
  'health.check': ['状態を確認', 'Check status'],
  'health.takeOver': ['担当を引き継ぐ', 'Take over as coordinator'],
  'health.takeOverHelp': ['あなたのアカウントで受付のトリガーを設定し直し、たまった回答を取り込みます（前の担当者が離れるとき、トリガーが止まったとき）。', 'Sets up the response triggers under your account again and brings in the responses left waiting (when the previous coordinator leaves, or the triggers stopped).'],
  'health.moveFiles': ['ファイルを共有フォルダに移す', 'Move files to the shared folder'],
  'health.levelProblem': ['問題', 'Problem'],
  'health.levelInfo': ['お知らせ', 'Note'],
  'health.levelOk': ['正常', 'OK'],
  'health.summary': ['{problems}件の問題があります。上から順に対処してください。', '{problems} problems found. Work through them from the top.'],
  'health.allGood': ['問題は見つかりませんでした。', 'No problems found.'],
  'health.triggers.notNeeded': ['フォームがまだないため、受付のトリガーは必要ありません。', 'There are no forms yet, so no response trigger is needed.'],
  'health.triggers.mine': ['受付のトリガーは、あなたのアカウントで動いています（定時の取り込みの最終実行: {last}）。', 'The response triggers run under your account (last hourly catch-up: {last}).'],
  'health.triggers.alsoOther': ['担当として記録されているのは {owner} さんですが、あなたのアカウントにも受付のトリガーがあります。二重に動いても台帳の行は増えません（同じ回答は一度しか入りません）。', '{owner} is recorded as the coordinator, but your account has response triggers too. Both running adds no ledger rows (each response goes in once).'],
  'health.triggers.missingCatchUp': ['あなたのアカウントには回答を受け取るトリガーはありますが、1時間ごとの定時の取り込みがありません。「担当を引き継ぐ」を実行すると設定し直します。', 'Your account has the response trigger but not the hourly catch-up. Run 「担当を引き継ぐ」 to set them up again.'],
  'health.triggers.missingFormSubmit': ['あなたのアカウントには定時の取り込みはありますが、回答を受け取るトリガーがありません。「担当を引き継ぐ」を実行すると設定し直します。', 'Your account has the hourly catch-up but not the response trigger. Run 「担当を引き継ぐ」 to set them up again.'],
  'health.triggers.other': ['受付のトリガーは {owner} さんのアカウントで動いています（定時の取り込みの最終実行: {last}）。{owner} さんが担当を離れる前に、次の担当者が「担当を引き継ぐ」を実行してください。', 'The response triggers run under {owner}\'s account (last hourly catch-up: {last}). Before {owner} leaves, the next coordinator should run 「担当を引き継ぐ」.'],
  'health.triggers.otherUnknown': ['受付のトリガーは、あなた以外のアカウントで動いています（定時の取り込みの最終実行: {last}）。その人が担当を離れる前に、次の担当者が「担当を引き継ぐ」を実行してください。', 'The response triggers run under another account (last hourly catch-up: {last}). Before that person leaves, the next coordinator should run 「担当を引き継ぐ」.'],
  'health.triggers.unknownButRunning': ['定時の取り込みは動いています（最終実行: {last}）。トリガーの持ち主を確かめるには、「フォーム回答を受け取るトリガーの設定」の権限を許可してください。', 'The hourly catch-up is running (last: {last}). To see whose triggers they are, allow the permission to set up the response trigger.'],
  'health.triggers.neverRan': ['受付のトリガーが一度も動いていません。フォームの回答が台帳に自動で入りません。「担当を引き継ぐ」を実行すると、あなたのアカウントでトリガーを設定します。', 'The response triggers have never run: form responses do not reach the ledger by themselves. Run 「担当を引き継ぐ」 to set them up under your account.'],
  'health.triggers.neverRanOther': ['受付のトリガー（{owner} さんのアカウント）が一度も動いていません。フォームの回答が台帳に自動で入りません。「担当を引き継ぐ」を実行すると、あなたのアカウントでトリガーを設定し直します。', 'The response triggers ({owner}\'s account) have never run: form responses do not reach the ledger by themselves. Run 「担当を引き継ぐ」 to set them up under your account.'],
  'health.triggers.stopped': ['受付のトリガーが止まっています（定時の取り込みの最終実行: {last}）。この間の回答は台帳に入っていない可能性があります。「担当を引き継ぐ」を実行すると、あなたのアカウントでトリガーを設定し直し、たまった回答も取り込みます。', 'The response triggers have stopped (last hourly catch-up: {last}); responses since then may be missing from the ledger. Run 「担当を引き継ぐ」 to set them up under your account and bring in what was left.'],
  'health.triggers.stoppedOther': ['受付のトリガー（{owner} さんのアカウント）が止まっています（定時の取り込みの最終実行: {last}）。トリガーが削除されたか、{owner} さんがアドオンの許可を取り消したか、アカウントが使えなくなった可能性があります。「担当を引き継ぐ」を実行すると、あなたのアカウントでトリガーを設定し直し、たまった回答も取り込みます。', 'The response triggers ({owner}\'s account) have stopped (last hourly catch-up: {last}): they were deleted, {owner} removed the add-on\'s access, or the account is gone. Run 「担当を引き継ぐ」 to set them up under your account and bring in what was left.'],
  'health.triggers.lastResponse': ['最後にフォームの回答を台帳に入れた日時: {last}。', 'Last form response recorded in the ledger: {last}.'],
  'health.responses.waiting': ['行事「{event}」の回答{count}件が、まだ参加者台帳に入っていません。「回答を同期」を実行してください（何度実行しても二重にはなりません）。', '{count} responses of event "{event}" are not in the ledger yet. Run 「回答を同期」 (running it again never adds duplicates).'],
  'health.responses.arriving': ['行事「{event}」の回答{count}件を取り込み中です（送信から1時間以内）。しばらくすると自動で台帳に入ります。', '{count} responses of event "{event}" are on their way (sent within the hour); they will reach the ledger by themselves.'],
  'health.responses.allIn': ['回答シートの申込は、すべて参加者台帳に入っています。', 'Every registration in the response sheets is in the ledger.'],
  'health.failures.recent': ['「{operation}」が失敗しています（{at}）: {details}', '"{operation}" failed ({at}): {details}'],
  'health.grants.missing': ['あなたのアカウントでは、次の権限が許可されていません: {permissions}。アドオンのメニューから操作を実行し、表示される画面で許可してください（Google アカウントの「サードパーティ製のアプリとサービス」で取り消した場合も同じです）。', 'Your account has not allowed: {permissions}. Run an operation from the add-on menu and allow it on the screen that appears (also if you removed the access in your Google Account).'],
  'health.grants.all': ['アドオンに必要な権限は、すべて許可されています。', 'Every permission the add-on needs is allowed.'],
  'health.mail.unknown': ['今日送れるメールの残り数は分かりません（メール送信の権限がありません）。', 'How many mails can still be sent today is unknown (no permission to send mail).'],
  'health.mail.none': ['今日送れるメールの上限に達しました。明日になると、また送れます。', 'Today\'s mail limit is used up. Sending works again tomorrow.'],
  'health.mail.remaining': ['今日あと{remaining}通のメールを送れます。', '{remaining} more mails can be sent today.'],
  'health.calendar.none': ['今日作れるカレンダーの予定の上限（{limit}件）に達しました。明日になると、また作れます。', 'Today\'s limit of {limit} calendar events is used up. Creating works again tomorrow.'],
  'health.calendar.remaining': ['今日あと{remaining}件のカレンダーの予定を作れます（上限 {limit}件。設定「カレンダー予定の1日上限」）。', '{remaining} more calendar events can be created today (limit {limit}, setting 「カレンダー予定の1日上限」).'],
  'health.files.trashed': ['設定「{key}」のファイル（ID {id}）はゴミ箱にあります。Google ドライブのゴミ箱から復元してください。不要なら設定の値を空にすると、次回新しく作ります。', 'The file of setting "{key}" (id {id}) is in the trash. Restore it from the Google Drive trash, or clear the setting to create a new one next time.'],
  'health.files.missing': ['設定「{key}」のファイル（ID {id}）をアドオンが開けません。削除されたか、アドオンが作ったものではありません。設定の値を空にすると、次回新しく作ります（ひな形の文面は作り直しになります）。', 'The add-on cannot open the file of setting "{key}" (id {id}): it was deleted, or the add-on did not create it. Clear the setting to create a new one next time (a template\'s wording starts afresh).'],
  'health.files.missingOther': ['設定「{key}」のファイル（ID {id}）は、前の担当者 {owner} さんのアカウントでアドオンが作ったものです。アドオンのファイルの権限は作った人ごとなので、あなたのアカウントのアドオンからは使えません。{owner} さんに共有してもらうと、文面はドキュメントで開けます。アドオンで使い続けるには、設定の値を空にして作り直し、文面を写してください。', 'The file of setting "{key}" (id {id}) was created by the add-on under the previous coordinator {owner}\'s account. The add-on\'s file permission is per person, so the add-on cannot use it under your account. If {owner} shares it with you, you can open the wording in Docs; to keep using the add-on, clear the setting, create a new one and copy the wording over.'],
  'health.files.ok': ['設定にあるファイルとフォルダ（{count}件）は、すべて開けます。', 'All {count} files and folders in the settings can be opened.'],
  'health.settings.unknown': ['「{key}」はアドオンが使わない項目です（メモとしてはそのままで構いません）。', '"{key}" is not a setting the add-on uses (fine as a note).'],
  'health.settings.misspelt': ['「{key}」はアドオンの項目ではありません。「{suggestion}」のことなら、項目名を「{suggestion}」に直してください。', '"{key}" is not one of the add-on\'s settings. If you meant "{suggestion}", rename it to "{suggestion}".'],
  'health.settings.duplicate': ['「{key}」が{first}行目にもあります。アドオンは{first}行目の値を使います。この行を消すか、値を{first}行目にまとめてください。', '"{key}" is also on row {first}; the add-on uses row {first}. Delete this row or merge the value into row {first}.'],
  'health.settings.noKey': ['項目名がないのに値「{value}」が入っています。項目名を入れるか、行を消してください。', 'The value "{value}" has no setting name. Enter a name or delete the row.'],
  'health.settings.driveUrl': ['「{key}」にURLが入っています。IDだけ（{id}）を入れてください。', '"{key}" holds a URL. Enter only the id ({id}).'],
  'health.settings.notAnId': ['「{key}」の値「{value}」は Google ドライブのIDとして読めません。ファイルのURLの /d/ の後ろ（フォルダなら folders/ の後ろ）の文字列を入れるか、空にしてください。', 'The value "{value}" of "{key}" is not a Google Drive id. Enter the part after /d/ (folders/ for a folder) of its URL, or clear it.'],
  'health.settings.notAPositiveInteger': ['「{key}」の値「{value}」は1以上の数として読めません。数字だけを入れてください（例: 5000）。', 'The value "{value}" of "{key}" is not a number of 1 or more. Enter digits only (e.g. 5000).'],
  'health.settings.notACalendarId': ['「{key}」の値「{value}」はカレンダーIDとして読めません。カレンダーの設定にある「カレンダーID」（例: xxxx@group.calendar.google.com）を入れるか、空にしてください。', 'The value "{value}" of "{key}" is not a calendar id. Enter the Calendar ID from the calendar\'s settings (e.g. xxxx@group.calendar.google.com), or clear it.'],
  'takeover.title': ['担当を引き継ぐ', 'Take over as coordinator'],
  'takeover.triggers': ['あなたのアカウントで受付のトリガー（回答の受け取りと1時間ごとの取り込み）を設定しました。', 'Set up the response triggers (receiving responses, hourly catch-up) under your account.'],
  'takeover.triggersKept': ['あなたのアカウントの受付のトリガーは設定済みでした。', 'Your account already had the response triggers.'],
  'takeover.previous': ['前の担当者 {previous} さんのトリガーは {previous} さんのアカウントにあり、あなたからは削除できません（Google の仕様）。残っていても台帳の行は増えません（同じ回答は一度しか入りません）。{previous} さんのアカウントがアドオンの許可を取り消すか使えなくなると、そのトリガーは動かなくなります。', 'The previous coordinator {previous}\'s triggers belong to {previous}\'s account and cannot be removed by you (Google allows only their owner). While they remain, no ledger row is added twice (each response goes in once). They stop once {previous}\'s account removes the add-on\'s access or is closed.'],
  'takeover.previousUnknown': ['前の担当者の記録がありません。前の担当者のアカウントにトリガーが残っていても、台帳の行は増えません（同じ回答は一度しか入りません）。', 'There is no record of a previous coordinator. Triggers left under another account add no ledger rows twice (each response goes in once).'],
  'takeover.synced': ['回答シートをもう一度読み、台帳に{added}件を追加しました（止まっていた間の回答です）。', 'Read the response sheets again and added {added} rows to the ledger (responses from while the triggers were stopped).'],
  'takeover.filesOk': ['設定にあるファイルは、すべてあなたのアカウントのアドオンから使えます。', 'Every file in the settings can be used by the add-on under your account.'],
  'takeover.filesByHand': ['次のファイルは、前の担当者のアカウントでアドオンが作ったため、あなたのアカウントのアドオンからは使えません（アドオンのファイルの権限は作った人ごとです）。前の担当者にドライブで共有してもらってください（文面を読めます）。アドオンで使い続けるには、設定の値を空にして作り直します:', 'The add-on created these files under the previous coordinator\'s account, so it cannot use them under yours (its file permission is per person). Ask the previous coordinator to share them in Drive (so you can read the wording). To keep using the add-on, clear the setting and create them again:'],
  'takeover.file': ['設定「{key}」: {url}', 'Setting "{key}": {url}'],
  'takeover.noForms': ['フォームがまだないため、トリガーは「フォームを作成」のときに設定します。担当者としてあなたを記録しました。', 'There are no forms yet, so the triggers will be set up by 「フォームを作成」. You are recorded as the coordinator.'],
  'sharedFolder.title': ['ファイルを共有フォルダに移す', 'Move files to the shared folder'],
  'sharedFolder.created': ['フォルダ「{name}」を作り、設定「共有フォルダID」に記録しました: {url}\nこのフォルダを Google ドライブで共有ドライブ（ネットワークのドライブ）へ移してから、もう一度「ファイルを共有フォルダに移す」を実行してください。アドオンが作ったひな形と出力をそこへ移します。', 'Created the folder "{name}" and saved it in setting 「共有フォルダID」: {url}\nMove this folder into the network\'s shared drive in Google Drive, then run 「ファイルを共有フォルダに移す」 again: the add-on moves its templates and outputs there.'],
  'sharedFolder.moved': ['{count}件を共有フォルダへ移しました: {items}。', 'Moved {count} items to the shared folder: {items}.'],
  'sharedFolder.notMovable': ['次のものは移せませんでした: {items}。アドオンが作ったものではないか、あなたが持ち主ではありません（共有ドライブへ移せるのは持ち主だけです）。持ち主がドライブで移してください。', 'Could not move: {items}. The add-on did not create them, or you are not their owner (only the owner can move an item into a shared drive). Their owner should move them in Drive.'],
  'sharedFolder.nothing': ['移すものはありませんでした（すべて共有フォルダにあります）。', 'Nothing to move (everything is in the shared folder).'],
  'sharedFolder.item': ['「{key}」', '"{key}"'],
});

export type HealthMessageKey = keyof typeof HEALTH_CATALOGUE.ja;

/** A health sentence in the sidebar's language. */
export function th(key: HealthMessageKey, params: Record<string, string | number> = {}): string {
  const template: string = HEALTH_CATALOGUE[lang()][key];
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** A permission's name as Google's consent screen words it (the server's scope catalogue). */
export function permissionName(scopeName: string): string {
  const key = `scope.${scopeName}` as keyof typeof SCOPE_MESSAGES.ja;
  return (SCOPE_MESSAGES[lang()] as Record<string, string>)[key] ?? scopeName;
}
