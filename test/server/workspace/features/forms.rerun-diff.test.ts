/**
 * Issue 18 item 4: 「フォームを作成」 re-run reads the form's items once and updates only what changed. Nothing
 * changed: no question is read one by one and none is written; a new member agency: only the 所属 question is
 * written (its choices now include the new agency); a question a person deleted in the form: every question is read
 * again and the missing one comes back. Measured on the call ledger of the built bundle.
 */
import { loadAddOn } from '../../../support/bundle';
import type { EventFormsResult, RpcResult } from '../../../../src/protocol';
import { DEMO_EVENTS } from '../../../../scripts/demo/forms';
import { fingerprint, planQuestions } from '../../../../src/server/domain/form-sync';
import { ok, prepare, typeInto } from '../../../support/forms';

const NOW = new Date('2026-02-02T09:00:00+09:00');
const EVENT = DEMO_EVENTS[0]!;

function rerun(emu: ReturnType<typeof loadAddOn>, operation: string): EventFormsResult {
  return ok(emu.run<RpcResult<EventFormsResult>>('rpcCreateEventForms', [EVENT.id], { operation }));
}

const formCalls = (emu: ReturnType<typeof loadAddOn>, operation: string) =>
  emu.ledger.records.filter((r) => r.operation === operation && r.service === 'FormApp').map((r) => r.method);

test('re-run with nothing changed: the items are listed once, none read or written one by one', () => {
  const emu = loadAddOn({ now: NOW });
  prepare(emu, { events: [EVENT] });
  rerun(emu, 'same');
  const calls = formCalls(emu, 'same');
  expect(calls.filter((m) => m === 'Form.getItems')).toHaveLength(2); // one per form
  expect(calls.filter((m) => /Item\.|Form\.add|Form\.set(Title|Description|ConfirmationMessage)/.test(m))).toEqual([]);
  // Per form: openById, getItems, isPublished, getDestinationId, and getId/getPublishedUrl/getEditUrl/… for the result.
  expect(calls.length).toBeLessThanOrEqual(16);
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
