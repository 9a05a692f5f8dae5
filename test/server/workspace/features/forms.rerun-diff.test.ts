/**
 * Issue 18 item 4: 「フォームを作成」 re-run reads the form's items once and updates only what changed. Nothing
 * changed: no question is read one by one and none is written; a new member agency: only the 所属 question is
 * written (its choices now include the new agency); one question reworded or its choices edited in アンケート設問: only
 * that item is written, in its place; a question a person deleted in the form: every question is read again and the
 * missing one comes back. Measured on the call ledger of the built bundle.
 */
import { loadAddOn } from '../../../support/bundle';
import type { EventFormsResult, RpcResult } from '../../../../src/protocol';
import { DEMO_EVENTS } from '../../../../scripts/demo/forms';
import { fingerprint, planQuestions } from '../../../../src/server/domain/form-sync';
import { ok, prepare, typeInto } from '../../../support/forms';
import { DEFAULT_SURVEY_QUESTIONS } from '../../../../src/server/domain/survey-questions';

const NOW = new Date('2026-02-02T09:00:00+09:00');
const EVENT = DEMO_EVENTS[0]!;

function rerun(emu: ReturnType<typeof loadAddOn>, operation: string): EventFormsResult {
  return ok(emu.run<RpcResult<EventFormsResult>>('rpcCreateEventForms', [EVENT.id], { operation }));
}

const formCalls = (emu: ReturnType<typeof loadAddOn>, operation: string) =>
  emu.ledger.records.filter((r) => r.operation === operation && r.service === 'FormApp').map((r) => r.method);
/** FormApp calls that change a form (or build something to change it with): every setter, add, delete, move, create. */
const WRITE = /(^FormApp\.create\w*|\.(set\w+|add\w+|delete\w+|move\w+|remove\w+|showOtherOption|submit))$/;
/** A form's items as plain data (raw emulator read), to compare before and after. */
const itemsOf = (emu: ReturnType<typeof loadAddOn>, formId: string) => JSON.parse(JSON.stringify(emu.forms.store.forms.get(formId)!.items)) as { title: string; choices?: string[] }[];

test('re-run with nothing changed: the items are listed once, none read or written one by one', () => {
  const emu = loadAddOn({ now: NOW });
  prepare(emu, { events: [EVENT] });
  rerun(emu, 'same');
  const calls = formCalls(emu, 'same');
  expect(calls.filter((m) => m === 'Form.getItems')).toHaveLength(2); // one per form
  expect(calls.filter((m) => /Item\.|Form\.add|Form\.set(Title|Description|ConfirmationMessage)/.test(m))).toEqual([]);
  // Per form: openById, getItems, isPublished, getDestinationId, and getId/getPublishedUrl/getEditUrl/… for the result.
  expect(calls.length).toBeLessThanOrEqual(16);
  // No FormApp call that writes, of any kind (settings, items, publication, destination).
  expect(calls.filter((m) => WRITE.test(m))).toEqual([]);
  expect(calls).toContain('Form.getItems'); // the pattern is not vacuous: it sees the calls
  expect(['Form.setTitle', 'ScaleItem.setLabels', 'Form.addTextItem', 'FormApp.create', 'Form.deleteItem', 'Form.setDestination'].every((m) => WRITE.test(m))).toBe(true);
});

test('one question reworded in アンケート設問: that item gets the new title in its place, no other item is written', () => {
  const emu = loadAddOn({ now: NOW });
  const made = prepare(emu, { events: [EVENT] }).get(EVENT.id)!;
  const before = itemsOf(emu, made.survey.formId);
  const place = before.findIndex((i) => i.title === '業務への役立ち度');
  typeInto(emu, 'アンケート設問', 2 + DEFAULT_SURVEY_QUESTIONS.findIndex((q) => q.title === '業務への役立ち度'), '設問', '業務への役立ち度（3か月後）');
  rerun(emu, 'reworded');
  const writes = formCalls(emu, 'reworded').filter((m) => WRITE.test(m));
  // The one scale item: its title, then what bringing an existing item in line sets (help text, required, bounds, labels).
  expect(writes).toEqual(['ScaleItem.setTitle', 'ScaleItem.setHelpText', 'ScaleItem.setRequired', 'ScaleItem.setBounds', 'ScaleItem.setLabels']);
  expect(formCalls(emu, 'reworded').filter((m) => /^Item\.as\w+Item$/.test(m))).toEqual(['Item.asScaleItem']);
  const after = itemsOf(emu, made.survey.formId);
  expect(after).toHaveLength(before.length);
  expect(after[place]!.title).toBe('業務への役立ち度（3か月後）');
  expect(after.filter((_, i) => i !== place)).toEqual(before.filter((_, i) => i !== place));
  // The record follows: a second re-run writes nothing.
  rerun(emu, 'again');
  expect(formCalls(emu, 'again').filter((m) => WRITE.test(m))).toEqual([]);
});

test('one question\'s choices edited in アンケート設問: only that item is written', () => {
  const emu = loadAddOn({ now: NOW });
  const made = prepare(emu, { events: [EVENT] }).get(EVENT.id)!;
  const before = itemsOf(emu, made.survey.formId);
  const place = before.findIndex((i) => i.title === '経験年数');
  typeInto(emu, 'アンケート設問', 2 + DEFAULT_SURVEY_QUESTIONS.findIndex((q) => q.title === '経験年数'), '選択肢', '1年未満、1〜5年、5年以上');
  rerun(emu, 'choices');
  expect(formCalls(emu, 'choices').filter((m) => WRITE.test(m))).toEqual(['MultipleChoiceItem.setHelpText', 'MultipleChoiceItem.setRequired', 'MultipleChoiceItem.setChoiceValues', 'MultipleChoiceItem.showOtherOption']);
  const after = itemsOf(emu, made.survey.formId);
  expect(after[place]!.choices).toEqual(['1年未満', '1〜5年', '5年以上']);
  expect(after.filter((_, i) => i !== place)).toEqual(before.filter((_, i) => i !== place));
});

test('a new member agency: only the 所属 question of the registration form is written, and it lists the agency', () => {
  const emu = loadAddOn({ now: NOW });
  const made = prepare(emu, { events: [EVENT] }).get(EVENT.id)!;
  const sheet = emu.active.sheets.find((s) => s.name === '団体')!;
  const row = sheet.getLastRow() + 1;
  typeInto(emu, '団体', row, '名称', '新しく加入した団体');
  typeInto(emu, '団体', row, '名称カナ', 'アタラシクカニュウシタダンタイ');
  typeInto(emu, '団体', row, '種別', '就労移行支援');
  rerun(emu, 'grown');
  const calls = formCalls(emu, 'grown');
  expect(calls.filter((m) => /^Form\.add/.test(m))).toEqual([]);
  expect(calls.filter((m) => m === 'MultipleChoiceItem.setChoiceValues')).toHaveLength(1);
  expect(calls.filter((m) => /^(TextItem|ScaleItem|ParagraphTextItem|CheckboxItem)\./.test(m))).toEqual([]);
  const form = emu.forms.store.forms.get(made.registration.formId)!;
  const agency = form.questions.find((q) => q.title.includes('所属'))!;
  expect(agency.choices).toContain('新しく加入した団体');
});

test('a question a person deleted in the form: every item is read again and the question comes back', () => {
  const emu = loadAddOn({ now: NOW });
  const made = prepare(emu, { events: [EVENT] }).get(EVENT.id)!;
  const model = emu.forms.store.forms.get(made.survey.formId)!;
  const before = model.questions.map((q) => q.title);
  model.items.splice(model.items.indexOf(model.questions[1]!), 1);
  rerun(emu, 'repaired');
  expect(emu.forms.store.forms.get(made.survey.formId)!.questions.map((q) => q.title).sort()).toEqual([...before].sort());
  expect(formCalls(emu, 'repaired').filter((m) => m.endsWith('.getTitle')).length).toBeGreaterThanOrEqual(before.length - 1);
});

test('first run: each new item gets its add, its title and only the setters that change a new item (help text, required, 「その他」)', () => {
  const emu = loadAddOn({ now: NOW });
  prepare(emu, { events: [EVENT], forms: false });
  const made = rerun(emu, 'first');
  const calls = formCalls(emu, 'first');
  const questions = [made.registration.formId, made.survey.formId].flatMap((id) => emu.forms.store.forms.get(id)!.items);
  // A new item has no help text, is not required and has no 「その他」: a setter that would leave it so is not called.
  expect(calls.filter((m) => /^Form\.add/.test(m))).toHaveLength(questions.length);
  expect(calls.filter((m) => /Item\.setTitle$/.test(m))).toHaveLength(questions.length);
  expect(calls.filter((m) => /Item\.setHelpText$/.test(m))).toHaveLength(questions.filter((q) => q.helpText !== '').length);
  expect(calls.filter((m) => /Item\.setRequired$/.test(m))).toHaveLength(questions.filter((q) => q.required).length);
  expect(calls.filter((m) => /Item\.showOtherOption$/.test(m))).toHaveLength(questions.filter((q) => q.hasOther).length);
  // A new form is not asked for its items, its publication or its destination, nor given its title a second time.
  expect(calls.filter((m) => /^Form\.(getItems|isPublished|getDestinationId|setTitle)$/.test(m))).toEqual([]);
  expect(questions.some((q) => q.required) && questions.some((q) => q.helpText !== '')).toBe(true);
});

test('planQuestions: keep, update, add; nothing to trust when the item count differs', () => {
  const a = { title: 'A', type: 'TEXT' as const, required: true };
  const b = { title: 'B', type: 'TEXT' as const, required: false };
  const applied = { head: 'h', count: 2, items: { 'TEXT\u0001A': [0, fingerprint(a)] as [number, string], 'TEXT\u0001B': [1, 'stale'] as [number, string] } };
  expect(planQuestions(applied, 2, [a, b, { ...a, title: 'C' }])!.map((p) => p.kind)).toEqual(['keep', 'update', 'add']);
  expect(planQuestions(applied, 3, [a, b])).toBeNull();
  expect(planQuestions(null, 2, [a, b])).toBeNull();
});

test('planQuestions: a question reworded in its place is renamed; an ambiguous or moved one is added', () => {
  const q = (title: string, type: 'TEXT' | 'SCALE' = 'SCALE') => ({ title, type, required: true });
  const record = (...specs: ReturnType<typeof q>[]) => ({ head: 'h', count: specs.length, items: Object.fromEntries(specs.map((s, i) => [`${s.type}\u0001${s.title}`, [i, fingerprint(s)] as [number, string]])) });
  const applied = record(q('A'), q('B'), q('C'), q('D', 'TEXT'));
  expect(planQuestions(applied, 4, [q('A'), q('B2'), q('C'), q('D', 'TEXT')])).toEqual([
    { kind: 'keep', spec: q('A'), index: 0 }, { kind: 'rename', spec: q('B2'), index: 1, from: 'B' }, { kind: 'keep', spec: q('C'), index: 2 }, { kind: 'keep', spec: q('D', 'TEXT'), index: 3 },
  ]);
  // Another type in that place: not a rewording (the old item stays, the new question is added).
  expect(planQuestions(applied, 4, [q('A'), q('B2', 'TEXT'), q('C'), q('D', 'TEXT')])![1]!.kind).toBe('add');
  // Two gone items between the same neighbours: which one was reworded is not known.
  expect(planQuestions(applied, 4, [q('A'), q('X'), q('D', 'TEXT')])!.map((p) => p.kind)).toEqual(['keep', 'add', 'keep']);
  // A new question added at the end while none is gone: added.
  expect(planQuestions(applied, 4, [q('A'), q('B'), q('C'), q('D', 'TEXT'), q('E')])![4]!.kind).toBe('add');
});
