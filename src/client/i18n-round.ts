/**
 * The sidebar's sentences for 「掲載情報の確認」 (issue 16), Japanese first. Here and not in the server catalogue: they
 * are read only in the sidebar, and every trigger execution loads dist/Code.js.
 */
import { catalog } from '../server/i18n/catalog';
import { lang } from './i18n';

const ROUND = catalog({
  'scope.stale': ['最終確認日が古い団体', 'Agencies not confirmed recently'],
  'scope.all': ['すべての団体', 'All agencies'],
  'scope.A': ['グループA', 'Group A'],
  'scope.B': ['グループB', 'Group B'],
  request: ['確認を依頼', 'Ask to confirm'],
  review: ['回答を確認', 'Review answers'],
  remind: ['回答のない{count}団体に確認のお願いを再送（1回だけ）', 'Remind the {count} agencies with no answer (once)'],
  mailLog: ['メール: {log}', 'Mail: {log}'],
  noTargets: ['依頼する団体がありません（id のない団体{noId}）。範囲を変えるか、先に「団体名簿をチェック」を実行してください。', 'No agency to ask ({noId} without id): change the scope or run the registry check first.'],
  noId: ['id のない団体{noId}には依頼していません（「団体名簿をチェック」で id が付きます）。', '{noId} agencies without id were not asked (the registry check gives them one).'],
  links: ['各団体のリンク（メールのない団体は印刷するか手渡しで）', 'Each agency\'s link (print or hand over where there is no e-mail)'],
  copy: ['リンク', 'Link'],
  viaMail: ['メール', 'e-mail'],
  viaList: ['手渡し', 'by hand'],
  fresh: ['新規', 'new'],
  open: ['依頼中', 'open'],
  status: ['依頼 {requested}　回答あり {answered}　処理済み {decided}　回答なし（{days}日）{noAnswer}', 'Requested {requested}, answered {answered}, handled {decided}, no answer after {days} days {noAnswer}'],
  mismatched: ['確認コードがどの依頼とも合わない回答が{count}件あります（「掲載情報の回答」{rows}行目）。どの団体も変更していません。', '{count} answers carry a code that matches no request (rows {rows} of 掲載情報の回答). They changed nothing.'],
  'state.requested': ['依頼中（{on}）', 'Requested ({on})'],
  'state.noAnswer': ['回答なし（{on}に依頼）', 'No answer (asked {on})'],
  'state.answered': ['回答あり（{on}）', 'Answered ({on})'],
  'state.decided': ['処理済み', 'Handled'],
  'state.notRequested': ['未依頼', 'Not asked'],
  noChange: ['変更はありません（確認日だけを記録します）。', 'No change (only the confirmation date is recorded).'],
  field: ['項目', 'Field'],
  current: ['現在', 'Now'],
  proposed: ['回答', 'Answer'],
  accept: ['反映', 'Apply'],
  apply: ['選んだ項目を反映（ほかは見送り）', 'Apply the ticked fields (reject the others)'],
  problem: ['名簿チェックを通りません（{code}）。名簿で直してください。', 'Fails the registry check ({code}). Fix it in the registry.'],
  empty: ['（空）', '(empty)'],
  withheld: ['掲載しない: {fields}', 'Withheld: {fields}'],
  stillListed: ['撤回: 発行済みのパンフレットにまだ載っています: {list}', 'Withdrawn: still listed in issued pamphlets: {list}'],
  decisionRecorded: ['反映: {accepted}　見送り: {rejected}', 'Applied: {accepted}; rejected: {rejected}'],
});

export type RoundMessageKey = keyof typeof ROUND.ja;

export function tr(key: RoundMessageKey, params: Record<string, string | number> = {}): string {
  const template: string = ROUND[lang()][key];
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
