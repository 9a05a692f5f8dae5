import * as path from 'node:path';
import { createEmulator } from '../../emulator';

const PROBE = path.join(__dirname, '..', 'fixtures', 'trigger-probe.js');

interface Seen { sheet: string; row: number; values: string[]; named: Record<string, string[]>; uid: string; auth: string; isArray: boolean; lastRowAtStart: number }

function setUp() {
  const emu = createEmulator({ now: new Date('2026-08-01T01:02:03Z') });
  emu.load(PROBE);
  const FormApp = emu.globals.FormApp;
  const form = FormApp.create('申込', true);
  form.addTextItem().setTitle('氏名').setRequired(true);
  form.addCheckboxItem().setTitle('テーマ').setChoiceValues(['面接', '定着']);
  form.setDestination(FormApp.DestinationType.SPREADSHEET, emu.active.id);
  emu.run('install');
  return { emu, form };
}

describe('participant submissions fire the installed spreadsheet form-submit trigger', () => {
  test('the event has Google’s shape: range on the new row, display values, namedValues as arrays', () => {
    const { emu, form } = setUp();
    const result = emu.forms.submit(form.getId(), { 氏名: '山田', テーマ: ['面接', '定着'] });
    expect(result.executions.map((x) => x.outcome)).toEqual(['completed']);
    const [seen] = emu.run<Seen[]>('seenSoFar');
    expect(seen).toMatchObject({ sheet: 'フォームの回答 1', row: 2, auth: 'FULL', isArray: true, uid: emu.triggers[0]!.id });
    expect(seen!.values).toEqual(['2026/08/01 10:02:03', '山田', '面接, 定着']);
    expect(seen!.named).toEqual({ タイムスタンプ: ['2026/08/01 10:02:03'], 氏名: ['山田'], テーマ: ['面接, 定着'] });
  });

  test('duplicate and blank second firings run the handler again for the same row', () => {
    const { emu, form } = setUp();
    const r = emu.forms.submit(form.getId(), { 氏名: '山田' }, { duplicateFiring: true, blankSecondFiring: true });
    expect(r.executions.map((x) => x.kind)).toEqual(['first', 'duplicate', 'blank']);
    const seen = emu.run<Seen[]>('seenSoFar');
    expect(seen.map((s) => s.row)).toEqual([2, 2, 2]);
    expect(seen[2]!.named['氏名']).toEqual(['']);
    expect(new Set(r.executions.map((x) => x.executionId)).size).toBe(3);
  });

  test('interleaved: the second response arrives while the first execution holds the script lock', () => {
    const { emu, form } = setUp();
    const [a, b] = emu.forms.submitConcurrently({ formId: form.getId(), answers: { 氏名: 'A' } }, { formId: form.getId(), answers: { 氏名: 'B' } });
    expect([a.row, b.row]).toEqual([2, 3]);
    const seen = emu.run<Seen[]>('seenSoFar');
    // The first execution already sees the second row in the sheet: the second response arrived during its lock.
    expect(seen.map((s) => [s.row, s.lastRowAtStart])).toEqual([[2, 3], [3, 3]]);
    expect(a.executions[0]!.executionId).not.toBe(b.executions[0]!.executionId);
  });

  test('interleaved without waiting: the second execution meets the held lock and fails with Google’s wording', () => {
    const { emu, form } = setUp();
    const [, b] = emu.forms.submitConcurrently({ formId: form.getId(), answers: { 氏名: 'A' } }, { formId: form.getId(), answers: { 氏名: 'B' } }, { secondWaits: false });
    expect(b.executions[0]).toMatchObject({ outcome: 'failed', error: 'Exception: Lock timeout: another process was holding the lock for too long.' });
    expect(emu.run<Seen[]>('seenSoFar').map((s) => s.row)).toEqual([2]);
    expect(emu.locks.holders.size).toBe(0);
  });

  test('a second form-submit trigger for the same spreadsheet is refused for an add-on; no trigger means nothing fires', () => {
    const { emu, form } = setUp();
    expect(() => emu.run('install')).toThrow(/too many/);
    emu.triggers.length = 0;
    expect(emu.forms.submit(form.getId(), { 氏名: 'x' }).executions).toEqual([]);
  });
});
