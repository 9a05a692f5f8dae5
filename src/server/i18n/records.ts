/**
 * Messages of the participant records: registration answers, the ledger (参加者台帳), responses brought in from the
 * forms, the survey questions, the sheets' write model. Values in 「」 are the sheet's data (headers, choices) and stay
 * as typed in both languages.
 */
import { catalog } from './catalog';

export const RECORD_MESSAGES = catalog({
  // ---- registration answers ----
  'registration.nameEmpty': [
    '氏名が空です。参加者に確認して入力してください',
    'The name is empty. Ask the participant and fill it in.',
  ],
  'registration.emailEmpty': [
    'メールが空です。連絡先を確認して入力してください',
    'The e-mail is empty. Check the contact and fill it in.',
  ],
  'registration.emailInvalid': [
    'メール「{value}」の形式が正しくありません（例: name@example.jp）。確認して直してください',
    'The e-mail "{value}" is not a valid address (e.g. name@example.jp). Check it and correct it.',
  ],
  'registration.participationInvalid': [
    '参加形態は「対面」か「オンライン」を選んでください（入力: {value}）',
    'Choose 「対面」 (in person) or 「オンライン」 (online) for 参加形態 (entered: {value}).',
  ],
  'registration.accommodationWithoutConsent': [
    '必要な配慮の記入がありますが、取扱いへの同意欄が未チェックです。回答シートの記入は運営担当者だけで扱い、本人に同意を確認してください',
    'An accommodation need was written but the consent box is not ticked. Only the organisers may handle what the response sheet says; confirm consent with the participant.',
  ],
  // ---- ledger ----
  'ledger.noName': [
    '（氏名なし）',
    '(no name)',
  ],
  'ledger.handTyped': [
    '手入力',
    'typed by hand',
  ],
  'ledger.deletedNotRestored': [
    '{name}さんの申込は以前に参加者台帳へ取り込み済みですが、台帳の行が削除されています。削除したままにする場合は対応不要です（再追加はしていません）。戻す場合は台帳に手で行を追加してください',
    'The registration of {name} was brought into the participant ledger before, but its ledger row has been deleted. Nothing to do if it should stay deleted (it was not added again); to restore it, add the row to the ledger by hand.',
  ],
  'ledger.tooLong': [
    '「{question}」の回答が{length}字あり、1つのセルに入る{limit}字を超えるため、台帳に入れていません。回答はこの行に残っています。参加者に確認し、短くして台帳に手入力してください',
    'The answer to "{question}" has {length} characters, more than the {limit} a cell holds, so it is not in the ledger. The answer stays in this row. Ask the participant, shorten it and type it into the ledger.',
  ],
  'ledger.alreadyRegistered': [
    '{name}さんは同じ行事に申込済みです（回答ID {responseId}）。2回目の申込は台帳に追加していません。内容が違う場合は台帳の行を直してください',
    '{name} has already registered for this event (response ID {responseId}). The second registration was not added to the ledger. If the details differ, correct the ledger row.',
  ],
  'ledger.correctionClash': [
    '申込回答の「{column}」が「{answer}」に直されていますが、参加者台帳の同じ欄は手で「{ledger}」に変えられているため、台帳は変えていません。どちらが正しいか確認し、台帳を直してください',
    'The response\'s "{column}" was corrected to "{answer}", but the same cell of the participant ledger was changed by hand to "{ledger}", so the ledger was left as it is. Check which is right and correct the ledger.',
  ],
  'ledger.formulaAsText': [
    '「{question}」の回答「{value}」は数式のように見えるため、文字列として保存しました。内容を確認してください',
    'The answer "{value}" to "{question}" looks like a formula, so it was stored as text. Please check it.',
  ],
  'ledger.eventIdEmpty': [
    '行事IDが空です。行事シートのIDを入力してください',
    'The event ID is empty. Enter the event\'s ID from the 行事 sheet.',
  ],
  'ledger.eventIdUnknown': [
    '行事ID「{value}」は行事シートにありません。IDを確認してください',
    'Event ID "{value}" is not in the 行事 sheet. Check the ID.',
  ],
  'ledger.nameEmpty': [
    '氏名が空です。参加者の氏名を入力してください',
    'The name is empty. Enter the participant\'s name.',
  ],
  'ledger.statusInvalid': [
    '状態は「申込」「キャンセル待ち」「取消」のいずれかにしてください（入力: {value}）',
    'Status must be 「申込」, 「キャンセル待ち」 or 「取消」 (entered: {value}).',
  ],
  'ledger.duplicatePerson': [
    '同じ方の申込が{row}行目にもあります（同じ行事に2回）。どちらかを削除するか、別人なら氏名・メールを確認してください',
    'The same person\'s registration is also in row {row} (twice for one event). Delete one, or if they are different people check the name and e-mail.',
  ],
  // ---- responses (form-submit trigger, 回答を同期) ----
  'responses.notRecorded': [
    '{sheet} {row}行目の回答を台帳に入れられませんでした: {reason} 回答は回答シートに残っています。直したあと「回答を同期」を実行してください',
    'The response in {sheet} row {row} could not be put into the ledger: {reason} The response stays in the response sheet. After fixing it, run 「回答を同期」 (sync responses).',
  ],
  'responses.relinked': [
    '行事「{event}」の{form}フォームの回答先が新しいシート「{sheet}」に変わっていたため、このシートから回答を取り込むよう行事シートを更新しました。前の回答シートはそのまま残しています',
    'The {form} form of event "{event}" now writes to a new sheet "{sheet}", so the 行事 sheet was updated to bring responses in from it. The previous response sheet was left as it is.',
  ],
  'responses.form.registration': [
    '申込',
    'registration',
  ],
  'responses.form.survey': [
    'アンケート',
    'survey',
  ],
  'responses.sheetMissing': [
    '行事「{event}」の申込回答シートが見つかりません。「フォームを作成」をもう一度実行してください',
    'The registration response sheet of event "{event}" was not found. Run 「フォームを作成」 (create forms) again.',
  ],
  'responses.surveyTooLong': [
    '回答が{length}字あり、1つのセルに入る{limit}字を超えるため、アンケート記録に入れていません。回答はこの行に残っています',
    'The answer has {length} characters, more than the {limit} a cell holds, so it is not in the survey record. The answer stays in this row.',
  ],
  'responses.added': [
    '{event}: 追加{count}件',
    '{event}: {count} added',
  ],
  'responses.waitlisted': [
    'うちキャンセル待ち{count}件',
    '{count} of them on the waiting list',
  ],
  'responses.catchUp': [
    '定時の取り込み: 台帳に{added}件、アンケート{survey}件を追加',
    'Hourly catch-up: {added} added to the ledger, {survey} survey responses',
  ],
  // ---- survey questions (アンケート設問) ----
  'surveyQuestions.empty': [
    '設問が空です。設問文を入力するか行を削除してください',
    'The question is empty. Enter the question text or delete the row.',
  ],
  'surveyQuestions.duplicate': [
    '設問「{title}」が重複しています。回答の列が混ざるため、別の文にしてください',
    'The question "{title}" appears twice. Answers would mix in one column: make the texts different.',
  ],
  'surveyQuestions.unknownType': [
    '形式「{value}」は使えません。{choices} のいずれかにしてください',
    'Type "{value}" cannot be used. Choose one of {choices}.',
  ],
  'surveyQuestions.choicesRequired': [
    '設問「{title}」には選択肢が必要です。「、」で区切って入力してください',
    'The question "{title}" needs choices. Enter them separated by 「、」.',
  ],
  // ---- survey summary: why a response rate is counted against registrants ----
  'survey.rateNote.noAttendance': [
    '出席の記録がないため、申込者数に対する割合です。',
    'No attendance was recorded, so the rate is against registrants.',
  ],
  'survey.rateNote.fewAttendance': [
    '出席の記録が申込者の半数未満（出席{attended}人・申込{registered}人）のため、申込者数に対する割合です。参加者台帳の「出席」を確認してください。',
    'Attendance was recorded for fewer than half of the registrants ({attended} attended, {registered} registered), so the rate is against registrants. Check 「出席」 in the participant ledger.',
  ],
  'survey.rateNote.responsesExceedAttended': [
    '回答数（{responses}）が出席者数（{attended}）を上回るため（出席の付け忘れか、欠席した方の回答）、申込者数に対する割合です。',
    'There are more responses ({responses}) than attendees ({attended}) (attendance not ticked, or answers from people who did not attend), so the rate is against registrants.',
  ],
  'survey.rateNote.responsesExceedRegistered.attended': [
    '注意: 回答数（{responses}）が出席者数（{base}）を上回り、回答率が100%を超えています。申込のない方の回答か、同じ方の重複回答がないか確認してください。',
    'Note: there are more responses ({responses}) than attendees ({base}), so the rate is over 100%. Check for answers from people who did not register, or the same person answering twice.',
  ],
  'survey.rateNote.responsesExceedRegistered.registered': [
    '注意: 回答数（{responses}）が申込者数（{base}）を上回り、回答率が100%を超えています。申込のない方の回答か、同じ方の重複回答がないか確認してください。',
    'Note: there are more responses ({responses}) than registrants ({base}), so the rate is over 100%. Check for answers from people who did not register, or the same person answering twice.',
  ],
  // ---- forms ----
  'forms.relinked': [
    'フォームの回答先が「{old}」から新しいシート「{sheet}」に変わっていたため、行事シートを新しいシートに更新しました。「{old}」はそのまま残しています（以後の回答は「{sheet}」に入ります）',
    'The form now writes to a new sheet "{sheet}" instead of "{old}", so the 行事 sheet was updated to the new sheet. "{old}" was left as it is (later responses go to "{sheet}").',
  ],
  // ---- the write model (tables.ts) ----
  'table.rowGone': [
    '実行中にこの行（{row}）が削除または変更されたため、どこにも書き込みませんでした（書く予定だった内容: {planned}）。行を確かめて、必要ならもう一度実行してください。',
    'This row ({row}) was deleted or changed while the add-on ran, so nothing was written anywhere (what would have been written: {planned}). Check the row and run again if needed.',
  ],
  'table.rowAsRead': [
    '読み込んだ時点の内容の行',
    'the row as it was read',
  ],
  'table.keptPersonsValue': [
    '実行中に入力された「{now}」をそのまま残し、アドオンの変更（「{ours}」）は書き込みませんでした。必要なら確かめてください。',
    '"{now}", typed while the add-on ran, was kept, and the add-on\'s change ("{ours}") was not written. Check it if needed.',
  ],
  // ---- setup ----
  'setup.columnNeeded': [
    'シート「{sheet}」の列「{column}」がありません。メニュー「初期設定」を先に実行してください。',
    'Sheet "{sheet}" has no column "{column}". Run 「初期設定」 (setup) from the menu first.',
  ],
});
