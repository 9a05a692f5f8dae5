/**
 * Demo step (issue 16): a 掲載情報の確認 round for the 16 agencies. 12 answer through their prefilled links — three
 * with changes, one withholding its e-mail, one withdrawing its consent, seven confirming as is — and 4 do not; the
 * coordinator applies every change but one (あおば's new 特色); the pamphlet is made again two weeks later, and the
 * agencies that have not answered by then get the one reminder by mail. Exports the regenerated pamphlet to docs/ and
 * summary.json → agencyRound (mailed: links e-mailed; reminded: reminders e-mailed).
 */
import type { PamphletResult, RoundDecisionResult, RoundRequestResult, RoundReviewData, RpcResult } from '../../src/protocol';
import { reviewView } from '../../src/server/domain/agency-round-view';
import { documentSections } from '../../emulator/drive';
import { renderDocumentHtml } from '../../emulator/render-html';
import { DEMO_NOW, DemoContext } from './context';

function unwrap<T>(r: RpcResult<T>, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${r.error.message}`);
  return r.value;
}

/** What each answering agency changes in its prefilled form (nothing: it confirms as is). */
const ANSWERS: readonly [string, Record<string, string | string[]>][] = [
  ['ワークサポートあおば', { 電話: '03-5211-0011', 特色: 'ITスキル訓練とテレワークの実習に強い' }],
  ['就労支援センターかがやき', { URL: 'https://kagayaki.example.jp' }],
  ['就労定着支援センターみなと', { 開所日時: '月〜金 10:00-19:00、第2土曜 10:00-15:00' }],
  ['ステップワーク神田', { 掲載しない項目: ['メール'], '同意者（役職）': 'サービス管理責任者' }],
  ['就労移行支援事業所さくら', { 掲載同意: '撤回', '同意者（役職）': '施設長' }],
  ['障害者就業・生活支援センターひびき', {}], ['カフェ&ワークつばさ', {}], ['ハローワーク飯田橋 専門援助部門', {}], ['ワークショップあかり', {}],
  ['相談支援事業所こもれび', {}], ['就労移行支援オフィスそら', {}], ['ITワークスほくと', {}],
];
/** The one change the coordinator does not apply. */
const REJECTED = { agency: 'ワークサポートあおば', field: 'features' };

export function agencyRoundStep(ctx: DemoContext): void {
  const { emu } = ctx;
  const requested = unwrap(emu.run<RpcResult<RoundRequestResult>>('rpcRequestAgencyRound', [{}]), 'agency round request');
  ctx.log(`掲載情報の確認: ${requested.links.length}団体に依頼（メールで送信 ${requested.mailed}、手渡し ${requested.links.filter((l) => l.via !== 'メール').length}）`);
  const links = new Map(requested.links.map((l) => [l.name, l.url]));
  for (const [name, changes] of ANSWERS) {
    emu.runtime.advanceClock(3 * 60 * 60_000);
    const { formId, answers } = emu.forms.store.answersFromPrefilledUrl(links.get(name)!);
    emu.forms.submit(formId, { ...answers, ...changes });
  }
  let accepted = 0;
  let rejected = 0;
  const view = reviewView(unwrap(emu.run<RpcResult<RoundReviewData>>('rpcReviewAgencyRound'), 'agency round review'));
  for (const a of view.agencies.filter((x) => x.state === 'answered')) {
    const reject = a.name === REJECTED.agency ? [REJECTED.field] : [];
    const accept = a.changes.map((c) => c.key).filter((k) => !reject.includes(k));
    const r = unwrap(emu.run<RpcResult<RoundDecisionResult>>('rpcDecideAgencyRound', [{ agencyId: a.id, answerKey: a.answerKey, accept, reject }]), `decision ${a.name}`);
    accepted += accept.length - r.refused.length;
    rejected += r.rejected.length;
    if (a.changes.length) ctx.log(`  ${a.name}: ${a.changes.map((c) => `${c.field}「${c.current}」→「${c.proposed}」${reject.includes(c.key) ? '（見送り）' : ''}`).join('、')}`);
  }
  const after = reviewView(unwrap(emu.run<RpcResult<RoundReviewData>>('rpcReviewAgencyRound'), 'agency round review'));
  const withheld = Object.fromEntries(after.agencies.filter((a) => a.withheld.length).map((a) => [a.name, a.withheld]));

  // Two weeks later the pamphlet is made again: the withdrawn agency is out, the withheld e-mail is not printed.
  const issuedOn = new Date(DEMO_NOW.getTime() + 14 * 24 * 60 * 60_000);
  emu.runtime.setNow(issuedOn);
  const pamphlet = unwrap(emu.run<RpcResult<PamphletResult>>('rpcGeneratePamphlet', [{ issuedOn: '2026-02-16' }]), 'pamphlet again');
  const sections = documentSections(emu.drive, pamphlet.documentId);
  if (!sections) throw new Error(`pamphlet: document ${pamphlet.documentId} not found`);
  ctx.files.set(`docs/${pamphlet.name}.html`, renderDocumentHtml(sections, pamphlet.name));
  const pdf = emu.drive.files.get(pamphlet.pdfId);
  if (pdf?.bytes) ctx.files.set(`docs/${pamphlet.name}.pdf`, Buffer.from(pdf.bytes));

  // Two days later, the agencies with no answer after 設定「掲載情報の督促（日後）」 (14) are reminded, once.
  emu.runtime.advanceClock(2 * 24 * 60 * 60_000);
  const overdue = reviewView(unwrap(emu.run<RpcResult<RoundReviewData>>('rpcReviewAgencyRound'), 'agency round review')).agencies.filter((a) => a.state === 'noAnswer');
  const reminded = unwrap(emu.run<RpcResult<RoundRequestResult>>('rpcRequestAgencyRound', [{ ids: overdue.map((a) => a.id), remind: true }]), 'agency round reminder');
  ctx.log(`  回答のない${overdue.length}団体に再送: メール ${reminded.mailed}通（${overdue.map((a) => a.name).join('、')}）`);

  const answered = after.agencies.filter((a) => a.state === 'decided').length;
  ctx.summary.agencyRound = { requested: requested.links.length, answered, accepted, rejected, noAnswer: requested.links.length - answered, withheld, mailed: requested.mailed, reminded: reminded.mailed };
  ctx.log(`  回答 ${answered}団体（反映 ${accepted}項目、見送り ${rejected}項目）、回答なし ${requested.links.length - answered}団体`);
  ctx.log(`  パンフレット「${pamphlet.name}」を作り直しました: 掲載 ${pamphlet.included.length}団体`);
}
