/**
 * privacy10 (issue 18): 「本人のデータを検索」／「削除前の確認」／「削除」 find a person's company-form responses by the
 * seconds of their rows in the forms' answer sheets (企業相談回答, 企業相談状況回答), as they find registration and
 * survey responses — not by reading every inquiry's answers (~9 calls each). A response no row records (a row a
 * volunteer deleted) makes the sheet's and the store's counts differ: then every answer is read, as before, and the
 * response is still found and erased. Through the built bundle.
 */
import type { PersonalDataReport, RpcResult } from '../../../../src/protocol';
import { consultWorld, intakeAnswers, ok, sheetRecords, storedForms } from '../../../support/consultations';

const MARKER = 'marker@company.example.jp';
type World = ReturnType<typeof consultWorld>;

/** `others` inquiries and the marker's (the 3rd), each in its own second, filed by one 回答を同期. */
function world(others: number, details?: string): World {
  const emu = consultWorld();
  const { intake } = storedForms(emu);
  const off = emu.triggers.splice(0);
  for (let i = 0; i <= others; i++) {
    emu.runtime.advanceClock(1_000);
    emu.forms.submit(intake.formId, intakeAnswers({ company: `株式会社${i}`, topics: ['職場実習の受入'], email: i === 2 ? MARKER : `hr${i}@company.example.jp`, ...(i === 1 && details ? { details } : {}) }));
  }
  emu.triggers.push(...off);
  ok(emu.run<RpcResult<unknown>>('rpcSyncResponses'));
  return emu;
}

/** The calls one RPC makes, and its result. */
function measured(emu: World, fn: 'rpcPreviewErase' | 'rpcErasePersonalData', query = MARKER): { calls: number; value: PersonalDataReport } {
  emu.ledger.reset();
  const value = ok(emu.run<RpcResult<PersonalDataReport>>(fn, [query]));
  return { calls: emu.ledger.count(), value };
}

const deleteAnswerRow = (emu: World, text: string) => {
  const answers = emu.active.sheets.find((s) => s.name === '企業相談回答')!;
  answers.deleteRow(answers.getDataRange().getValues().findIndex((row) => row.includes(text)) + 1);
};
const inStore = (emu: World, text: string) => emu.forms.store.forms.get(storedForms(emu).intake.formId)!.responses.some((r) => [...r.answers.values()].map(String).includes(text));

test('a person with one inquiry among many: the calls do not grow with the other inquiries, and the inquiry is found', () => {
  const few = measured(world(4), 'rpcPreviewErase');
  const many = measured(world(24), 'rpcPreviewErase');
  expect(many.value.places).toEqual(few.value.places);
  expect(many.value.places).toEqual(expect.arrayContaining([{ place: '企業相談', rows: 1 }, { place: '企業相談回答', rows: 1 }, { place: 'フォーム（企業相談）の回答', rows: 1 }]));
  // Before privacy10: ~9 calls more for each of the 20 more inquiries.
  expect(many.calls).toBe(few.calls);
});

test('the marker\'s 企業相談回答 row deleted by a volunteer: the counts differ, every answer is read, and the response is found and erased from the store', () => {
  const emu = world(6);
  const whole = measured(world(6), 'rpcPreviewErase').calls;
  deleteAnswerRow(emu, MARKER);
  const check = measured(emu, 'rpcPreviewErase');
  expect(check.value.places).toEqual(expect.arrayContaining([{ place: '企業相談', rows: 1 }, { place: 'フォーム（企業相談）の回答', rows: 1 }]));
  expect(check.calls).toBeGreaterThan(whole + 6 * 6); // every inquiry's answers read
  expect(inStore(emu, MARKER)).toBe(true);
  ok(emu.run<RpcResult<PersonalDataReport>>('rpcErasePersonalData', [MARKER]));
  expect(inStore(emu, MARKER)).toBe(false);
  expect(inStore(emu, 'hr3@company.example.jp')).toBe(true);
  expect(JSON.stringify(sheetRecords(emu, '企業相談'))).not.toContain(MARKER);
});

test('another company\'s row deleted: the marker\'s inquiry is still found, and so is a person whose only trace is that deleted row\'s response', () => {
  const emu = world(6);
  deleteAnswerRow(emu, 'hr5@company.example.jp');
  expect(measured(emu, 'rpcPreviewErase').value.places).toContainEqual({ place: 'フォーム（企業相談）の回答', rows: 1 });
  const gone = measured(emu, 'rpcPreviewErase', 'hr5@company.example.jp').value.places;
  expect(gone).toContainEqual({ place: 'フォーム（企業相談）の回答', rows: 1 });
  expect(gone.map((p) => p.place)).not.toContain('企業相談回答');
});

test('after another company\'s contact was erased (its row kept, marked 削除済み, its response gone), a search still goes by the seconds', () => {
  const [few, many] = [world(4), world(24)];
  for (const emu of [few, many]) {
    ok(emu.run<RpcResult<PersonalDataReport>>('rpcErasePersonalData', ['hr1@company.example.jp']));
    expect(inStore(emu, 'hr1@company.example.jp')).toBe(false);
  }
  const [a, b] = [measured(few, 'rpcPreviewErase'), measured(many, 'rpcPreviewErase')];
  expect(b.value.places).toContainEqual({ place: 'フォーム（企業相談）の回答', rows: 1 });
  expect(b.calls).toBe(a.calls);
});

test('after a person only mentioned in another inquiry was erased (that response gone, its row kept with （削除済み） in 自由記述), a search still goes by the seconds', () => {
  const mentioned = 'mentioned@person.example.jp';
  const [few, many] = [world(4, `${mentioned} さんの紹介`), world(24, `${mentioned} さんの紹介`)];
  for (const emu of [few, many]) {
    ok(emu.run<RpcResult<PersonalDataReport>>('rpcErasePersonalData', [mentioned]));
    expect(inStore(emu, '株式会社1')).toBe(false);
    expect(JSON.stringify(sheetRecords(emu, '企業相談回答'))).toContain('（削除済み） さんの紹介');
  }
  const [a, b] = [measured(few, 'rpcPreviewErase'), measured(many, 'rpcPreviewErase')];
  expect(b.value.places).toContainEqual({ place: 'フォーム（企業相談）の回答', rows: 1 });
  expect(b.calls).toBe(a.calls);
});
