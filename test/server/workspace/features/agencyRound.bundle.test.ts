/**
 * Workspace level, on the emulator through the built bundle's RPCs: the request (form, record, links), answers through
 * prefilled links as Google Forms produces them, the review's data, and decisions written to 団体 — state and calls.
 */
import type { RoundDecisionResult, RoundRequestResult, RoundReviewData, RpcResult } from '../../../../src/protocol';
import { requests, roundWorld, roundWorldOf } from '../../../support/agency-round';
import { ok, sheetRecords, typeInto } from '../../../support/forms';
import { reviewView } from '../../../../src/server/domain/agency-round-view';
import { ROUND_CONSENT, ROUND_TOKEN, ROUND_WITHHELD } from '../../../../src/server/domain/agency-round';

type Emu = ReturnType<typeof roundWorld>;
const request = (emu: Emu, scope: unknown = {}) => ok(emu.run<RpcResult<RoundRequestResult>>('rpcRequestAgencyRound', [scope]));
const review = (emu: Emu) => reviewView(ok(emu.run<RpcResult<RoundReviewData>>('rpcReviewAgencyRound')));
const answerVia = (emu: Emu, url: string, changes: Record<string, string | string[]>) => {
  const { formId, answers } = emu.forms.store.answersFromPrefilledUrl(url);
  return emu.forms.submit(formId, { ...answers, ...changes });
};
const registry = (emu: Emu) => new Map(sheetRecords(emu, '団体').map((r) => [String(r['id']), r]));

test('the request makes one form and one record row per agency; a re-run renews nothing and sends nothing twice', () => {
  const emu = roundWorld();
  const first = request(emu);
  expect(first.links).toHaveLength(16);
  expect(first.links.every((l) => l.fresh)).toBe(true);
  expect(emu.forms.store.forms.size).toBe(1);
  expect(emu.active.sheets.map((s) => s.name)).toContain('掲載情報の回答');
  expect(requests(emu)).toHaveLength(16);
  // The link opens the form with the agency's current data and its token.
  const aoba = first.links.find((l) => l.name === 'ワークサポートあおば')!;
  const opened = emu.forms.store.answersFromPrefilledUrl(aoba.url).answers;
  expect(opened['電話']).toBe('03-5211-0001');
  expect(opened[ROUND_CONSENT]).toBe('同意');
  expect(String(opened[ROUND_TOKEN])).toMatch(/^[0-9a-f-]{36}$/);
  expect(emu.ledger.count({ operation: 'rpcRequestAgencyRound', method: 'FormResponse.toPrefilledUrl' })).toBe(1);
  // The form made in this run is not opened again, nor asked its questions' titles (calls9: they are ours, in order);
  // the links above still open with each agency's data in the right question.
  expect(emu.ledger.count({ operation: 'rpcRequestAgencyRound', method: 'FormApp.openById' })).toBe(0);
  expect(emu.ledger.count({ operation: 'rpcRequestAgencyRound', method: 'Item.getTitle' })).toBe(0);
  // people10: nor listed again, nor asked for each item's type view: the typed items addXItem() returned answer the
  // prefill (15 calls fewer); no edit link asked (the round shows none); the applied-state record and the form's
  // record with its template in one setProperties (Document Properties written: the new form's id at once, then that).
  const calls = (method: string) => emu.ledger.count({ operation: 'rpcRequestAgencyRound', method });
  expect(calls('Form.getItems')).toBe(0);
  expect(calls('Item.asTextItem') + calls('Item.asParagraphTextItem') + calls('Item.asCheckboxItem') + calls('Item.asMultipleChoiceItem')).toBe(0);
  expect(calls('Form.getEditUrl')).toBe(0);
  expect(calls('Properties.setProperty')).toBe(1);
  // Document Properties read once: the form's record and the requests from one getProperties.
  expect(calls('Properties.getProperty') + calls('Properties.getProperties')).toBe(1);
  // 設定 read once (a view), the mail's settings taken from it (calls9; was read again for the mail): sheets asked by
  // name are 設定, 団体, the answer sheet's free name, メール文面 and 操作ログ.
  expect(emu.ledger.count({ operation: 'rpcRequestAgencyRound', method: 'Spreadsheet.getSheetByName' })).toBe(5);
  // One draw of Google's randomness for the 16 tokens (domain/tokens.ts), 16 distinct tokens.
  expect(emu.ledger.count({ operation: 'rpcRequestAgencyRound', method: 'Utilities.getUuid' })).toBe(1);
  expect(new Set(first.links.map((l) => String(emu.forms.store.answersFromPrefilledUrl(l.url).answers[ROUND_TOKEN]))).size).toBe(16);

  emu.ledger.reset();
  const before = requests(emu);
  const again = request(emu);
  expect(requests(emu)).toEqual(before);
  expect(again.links.map((l) => l.url)).toEqual(first.links.map((l) => l.url));
  expect(again.links.some((l) => l.fresh)).toBe(false);
  expect(emu.forms.store.forms.size).toBe(1);
  expect(requests(emu)).toHaveLength(16);
  // The prefill shape is kept: no Google call per question, none per agency.
  expect(emu.ledger.count({ operation: 'rpcRequestAgencyRound', method: 'FormResponse.toPrefilledUrl' })).toBe(0);
  // The reads, the form found by id and left as it is (its response sheet found among the sheets), the log line.
  expect(emu.ledger.count({ operation: 'rpcRequestAgencyRound' })).toBeLessThan(70);
  // The form found again: its applied-state record taken from the same one read (people10).
  expect(calls('Properties.getProperty') + calls('Properties.getProperties')).toBe(1);
  expect(emu.ledger.count({ operation: 'rpcRequestAgencyRound', method: 'Utilities.getUuid' })).toBe(0);
});

test('the same calls at 16 and at 1,000 agencies, but for one mail each: one random draw, 1,000 distinct tokens (issue 18)', () => {
  const callsAt = (n: number) => {
    const emu = roundWorldOf(n);
    const result = request(emu);
    expect(result.links).toHaveLength(n);
    const tokens = result.links.map((l) => String(emu.forms.store.answersFromPrefilledUrl(l.url).answers[ROUND_TOKEN]));
    expect(new Set(tokens).size).toBe(n);
    for (const token of tokens) expect(token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const byMethod = new Map<string, number>();
    for (const r of emu.ledger.records.filter((x) => x.operation === 'rpcRequestAgencyRound')) byMethod.set(r.method, (byMethod.get(r.method) ?? 0) + 1);
    return byMethod;
  };
  const small = callsAt(16);
  const large = callsAt(1000);
  expect(small.get('Utilities.getUuid')).toBe(1);
  expect(large.get('Utilities.getUuid')).toBe(1);
  expect(small.get('MailApp.sendEmail')).toBe(16);
  // The emulator's account has a consumer's daily quota of 100 recipients: the rest go with the next run.
  expect(large.get('MailApp.sendEmail')).toBe(100);
  small.delete('MailApp.sendEmail');
  large.delete('MailApp.sendEmail');
  expect(Object.fromEntries(large)).toEqual(Object.fromEntries(small));
});

test('answers are proposals: the diff, accept and reject per field, normalised writes, rejected answers kept, tokens decide whose row', () => {
  const emu = roundWorld();
  const links = new Map(request(emu).links.map((l) => [l.name, l.url]));
  // Changes (full-width phone), one through another agency's link typing this agency's name, one with a tampered token.
  answerVia(emu, links.get('ワークサポートあおば')!, { 電話: '０３－５２１１－９９９９', 特色: '=IMPORTXML("http://x")', [ROUND_WITHHELD]: ['メール'] });
  answerVia(emu, links.get('ステップワーク神田')!, { 名称: 'ワークサポートあおば', 電話: '03-0000-0000' });
  answerVia(emu, links.get('みらい就労ラボ')!, { [ROUND_TOKEN]: 'forged-token', 電話: '03-1111-1111' });
  answerVia(emu, links.get('ジョブコーチセンターともに')!, { [ROUND_CONSENT]: '撤回' });
  const answersBefore = sheetRecords(emu, '掲載情報の回答');
  expect(answersBefore).toHaveLength(4);

  const view = review(emu);
  expect(view.mismatched).toHaveLength(1);
  const aoba = view.agencies.find((a) => a.name === 'ワークサポートあおば')!;
  expect(aoba.state).toBe('answered');
  expect(aoba.changes.map((c) => [c.field, c.current, c.proposed])).toEqual([
    ['電話', '03-5211-0001', '03-5211-9999'], ['特色', 'ITスキル訓練に強い', '=IMPORTXML("http://x")'], ['掲載しない項目', '', 'メール'],
  ]);
  const step = view.agencies.find((a) => a.name === 'ステップワーク神田')!;
  // Through Step's own link: Step's row, not あおば's (the name it types is a proposal for Step's 名称 — and a duplicate).
  expect(step.changes.find((c) => c.field === '名称')).toMatchObject({ proposed: 'ワークサポートあおば' });
  expect(view.agencies.find((a) => a.name === 'みらい就労ラボ')!.state).toBe('requested');

  emu.ledger.reset();
  const decided = ok(emu.run<RpcResult<RoundDecisionResult>>('rpcDecideAgencyRound', [{ agencyId: aoba.id, answerKey: aoba.answerKey, accept: ['phone', 'withheld'], reject: ['features'] }]));
  // 同意日 too: the answer's 同意 stands (the day it was given).
  expect(decided.written).toEqual(['電話', '掲載しない項目', '最終確認日', '同意日']);
  const row = registry(emu).get(aoba.id)!;
  expect([row['電話'], row['掲載しない項目'], row['特色'], row['最終確認日']]).toEqual(['03-5211-9999', 'メール', 'ITスキル訓練に強い', new Date('2026-11-02T00:00:00+09:00')]);
  // Only the changed cells: 電話, then 最終確認日…掲載しない項目 as blocks of the one row, and the record's row.
  expect(emu.ledger.count({ operation: 'rpcDecideAgencyRound', method: 'Range.setValues' })).toBeLessThanOrEqual(3);

  // Step's proposed name duplicates あおば: refused by the registry check, nothing written for it.
  const stepDecision = ok(emu.run<RpcResult<RoundDecisionResult>>('rpcDecideAgencyRound', [{ agencyId: step.id, answerKey: step.answerKey, accept: ['name', 'phone'] }]));
  expect(stepDecision.refused).toEqual(['名称']);
  expect(registry(emu).get(step.id)!['名称']).toBe('ステップワーク神田');
  expect(registry(emu).get(step.id)!['電話']).toBe('03-0000-0000');
  expect(registry(emu).get(aoba.id)!['名称']).toBe('ワークサポートあおば');
  // みらい is untouched by the forged answer; every answer is still in the answer sheet.
  expect(registry(emu).get(view.agencies.find((a) => a.name === 'みらい就労ラボ')!.id)!['電話']).toBe('03-3291-7777');
  expect(sheetRecords(emu, '掲載情報の回答')).toEqual(answersBefore);

  const after = review(emu);
  expect(after.agencies.find((a) => a.id === aoba.id)!.state).toBe('decided');
  // Deciding again on the same answer is refused (nothing written twice).
  const again = emu.run<RpcResult<RoundDecisionResult>>('rpcDecideAgencyRound', [{ agencyId: aoba.id, answerKey: 'old', accept: ['phone'] }]);
  expect(again.ok).toBe(false);
});

test('a volunteer edit of the same cell meanwhile wins and is reported; the row is found by id after a sort', () => {
  const emu = roundWorld();
  const links = new Map(request(emu).links.map((l) => [l.name, l.url]));
  answerVia(emu, links.get('ワークショップあかり')!, { 電話: '03-3866-9999' });
  const akari = review(emu).agencies.find((a) => a.name === 'ワークショップあかり')!;
  // The volunteer moves the row (types it into row 2's place is not a sort; a sort is emulated by the matrix) and edits 開所日時.
  typeInto(emu, '団体', akari.row, '開所日時', '月〜木 9:30-15:30');
  const r = ok(emu.run<RpcResult<RoundDecisionResult>>('rpcDecideAgencyRound', [{ agencyId: akari.id, answerKey: akari.answerKey, accept: ['phone'] }]));
  expect(r.written).toContain('電話');
  const row = registry(emu).get(akari.id)!;
  expect([row['電話'], row['開所日時']]).toEqual(['03-3866-9999', '月〜木 9:30-15:30']);
});
