/**
 * Workspace level, on the emulator: what each operation leaves (state) and what it costs (the call ledger) — calls
 * do not grow with the number of registrants except one step per certificate (DocumentApp has no batch call; the Docs
 * API path of issue 18 would make the document one call).
 */
import type { RpcResult } from '../../../../src/protocol';
import { loadAddOn } from '../../../support/bundle';
import { DEMO_EVENTS, agencyNamesOf, participantAnswers } from '../../../../scripts/demo/forms';
import { ok, prepare, sheetRecords, typeInto } from '../../../support/forms';
import { CHECK_IN_TITLES } from '../../../../src/server/domain/checkin';
import { readPdfPages } from '../../../../emulator/pdf-layout';

const NOW = new Date('2025-08-22T13:00:00+09:00');

function world(registrations: number, attended = 0) {
  const emu = loadAddOn({ now: NOW });
  const forms = prepare(emu, { events: DEMO_EVENTS });
  const names = agencyNamesOf(emu);
  const installed = emu.triggers.splice(0);
  for (let i = 0; i < registrations; i++) emu.forms.submit(forms.get('EV-SEMINAR')!.registration.formId, participantAnswers(0, i, names));
  emu.triggers.push(...installed);
  ok(emu.run<RpcResult<unknown>>('rpcSyncResponses'));
  const rows = sheetRecords(emu, '参加者台帳');
  for (let i = 0; i < attended; i++) typeInto(emu, '参加者台帳', i + 2, '出席', true);
  expect(rows).toHaveLength(registrations);
  emu.ledger.reset();
  return emu;
}

const created = (emu: ReturnType<typeof loadAddOn>) => [...emu.drive.files.values()].filter((f) => !f.trashed).length;

test('受付名簿: the same calls for 4 and for 24 registrants; one Doc and one PDF more each run, one form ever', () => {
  const small = world(4);
  const large = world(24);
  const before = [created(small), created(large)];
  ok(small.run<RpcResult<unknown>>('rpcCreateRoster', ['EV-SEMINAR']));
  ok(large.run<RpcResult<unknown>>('rpcCreateRoster', ['EV-SEMINAR']));
  expect(large.ledger.byMethod('rpcCreateRoster')).toEqual(small.ledger.byMethod('rpcCreateRoster'));
  // The Doc in one batchUpdate (the list a table in it); DocumentApp only for the two QR images and the PDF.
  expect(small.ledger.count({ operation: 'rpcCreateRoster', method: 'Documents.batchUpdate' })).toBe(1);
  expect(small.ledger.count({ operation: 'rpcCreateRoster', method: 'Paragraph.appendInlineImage' })).toBe(2);
  expect(small.ledger.count({ operation: 'rpcCreateRoster', service: 'DocumentApp' })).toBeLessThanOrEqual(20);
  // people10: no edit link asked (the roster shows the published one); the form's applied-state record goes with the
  // check-in record in one setProperties — Document Properties written twice: the new form's id at once, then that.
  expect(small.ledger.count({ operation: 'rpcCreateRoster', method: 'Form.getEditUrl' })).toBe(0);
  // The triggers フォームを作成 installed are found by their handlers' names, not asked their types (forms.ts).
  expect(small.ledger.count({ operation: 'rpcCreateRoster', method: 'Trigger.getHandlerFunction' })).toBe(2);
  expect(small.ledger.count({ operation: 'rpcCreateRoster', method: 'Trigger.getEventType' })).toBe(0);
  expect(small.ledger.count({ operation: 'rpcCreateRoster', method: 'Properties.setProperty' })).toBe(1);
  expect(small.ledger.count({ operation: 'rpcCreateRoster', method: 'Properties.setProperties' })).toBe(1);
  const props = JSON.parse(small.properties.document.get('checkin.forms') ?? '{}') as Record<string, { formId: string; sheetId: string }>;
  expect(props['EV-SEMINAR']!.sheetId).toMatch(/^\d+$/);
  expect(small.properties.document.get(`form.applied.${props['EV-SEMINAR']!.formId}`)).toBeTruthy();
  // The roster Doc and its PDF (in the output folder, new in this world); the check-in form is one more form.
  expect(created(small) - before[0]!).toBe(2);
  expect([...small.drive.folders.values()].filter((f) => !f.trashed && f.id !== small.drive.rootId)).toHaveLength(1);
  const forms = small.forms.store.forms.size;
  small.ledger.reset();
  ok(small.run<RpcResult<unknown>>('rpcCreateRoster', ['EV-SEMINAR']));
  expect(small.forms.store.forms.size).toBe(forms);
  expect(created(small) - before[0]!).toBe(4);
  expect(small.ledger.count({ operation: 'rpcCreateRoster', method: 'FormApp.create' })).toBe(0);
});

test('self check-in firing: one tick, the same calls whatever the number of check-ins before it, under the document lock', () => {
  const emu = world(12);
  ok(emu.run<RpcResult<unknown>>('rpcCreateRoster', ['EV-SEMINAR']));
  const formId = (JSON.parse(emu.properties.document.get('checkin.forms')!)['EV-SEMINAR'] as { formId: string }).formId;
  const emails = sheetRecords(emu, '参加者台帳').map((r) => String(r['メール']));
  const cost: number[] = [];
  for (const i of [0, 1, 8]) {
    emu.ledger.reset();
    const r = emu.forms.submit(formId, { [CHECK_IN_TITLES.key]: emails[i]! }, { operation: 'checkin' });
    expect(r.executions.every((x) => x.outcome === 'completed')).toBe(true);
    cost.push(emu.ledger.count({ operation: 'checkin' }));
    expect(emu.ledger.count({ operation: 'checkin', method: 'Lock.tryLock' })).toBe(1);
  }
  expect(new Set(cost).size).toBe(1);
  const ticked = sheetRecords(emu, '参加者台帳').filter((r) => r['出席'] === true);
  expect(ticked.map((r) => r['メール']).sort()).toEqual([emails[0], emails[1], emails[8]].sort());
  // The trigger wrote only 出席 and 受付時刻 of those rows (one batch each, no per-row calls).
  expect(emu.ledger.count({ operation: 'checkin', method: 'Range.setValue' })).toBe(0);
});

test('参加証明書: the same calls for 3 and for 6 certificates (one copy, one documents.get, one batchUpdate, one PDF); one Doc and one PDF per run', () => {
  const a = world(6, 3);
  const b = world(6, 6);
  const docsBefore = [created(a), created(b)];
  ok(a.run<RpcResult<unknown>>('rpcIssueCertificates', ['EV-SEMINAR']));
  ok(b.run<RpcResult<unknown>>('rpcIssueCertificates', ['EV-SEMINAR']));
  expect(b.ledger.byMethod('rpcIssueCertificates')).toEqual(a.ledger.byMethod('rpcIssueCertificates'));
  const count = (method: string) => b.ledger.count({ operation: 'rpcIssueCertificates', method });
  expect([count('Documents.get'), count('Files.copy'), count('Document.getAs')]).toEqual([1, 1, 1]);
  // One batchUpdate makes the template on first use (no header or footer text: no second batch), one writes every certificate.
  expect(count('Documents.batchUpdate')).toBe(2);
  expect(b.ledger.count({ operation: 'rpcIssueCertificates', service: 'DocumentApp' })).toBe(2);
  // The template (made on first use), the Doc and its PDF.
  expect(created(a) - docsBefore[0]!).toBe(3);
  expect(created(b) - docsBefore[1]!).toBe(3);
  const record = sheetRecords(b, '参加証明書発行記録');
  expect(record.map((r) => r['発行番号'])).toEqual([1, 2, 3, 4, 5, 6]);
  expect(new Set(record.map((r) => r['文書id'])).size).toBe(1);
  expect(record.every((r) => String(r['文書id']) !== '')).toBe(true);
  // The record is claimed and read once: the 文書id write goes through the table already read, whose flush re-reads
  // the sheet and finds each row by its id (calls9; was a second claim and read, 8 calls).
  expect(count('Sheet.getLastRow')).toBe(1);
  // Formulas read by the two writers: the record and 設定 (the template's id is written on first use).
  expect(count('Range.getFormulas')).toBe(2);
  // Six pages in the PDF, one certificate each.
  const pdf = [...b.drive.files.values()].find((f) => f.name.endsWith('.pdf') && f.name.startsWith('参加証明書_'))!;
  const pages = readPdfPages(pdf.bytes!);
  expect(pages).toHaveLength(6);
  for (const page of pages) expect(page.lines.map((l) => l.runs.map((r) => r.text).join('')).filter((t) => t === '参加証明書')).toHaveLength(1);
});

test('one PDF per person: the same calls for every person after the first (get, batchUpdate, openById, getAs, Blob.setName, Files.create); the work Doc trashed', () => {
  const cost = (attended: number) => {
    const emu = world(6, attended);
    ok(emu.run<RpcResult<unknown>>('rpcIssueCertificates', ['EV-SEMINAR']));
    emu.ledger.reset();
    const r = ok(emu.run<RpcResult<{ files: { name: string; url: string }[] }>>('rpcIssueCertificates', ['EV-SEMINAR', { perPerson: true }]));
    expect(r.files).toHaveLength(attended);
    const pdfs = [...emu.drive.files.values()].filter((f) => !f.trashed && /号_.*\.pdf$/.test(f.name));
    expect(pdfs).toHaveLength(attended);
    for (const f of pdfs) expect(readPdfPages(f.bytes!)).toHaveLength(1);
    expect([...emu.drive.files.values()].filter((f) => f.name.includes('作業用') && !f.trashed)).toHaveLength(0);
    return emu.ledger.count({ operation: 'rpcIssueCertificates' });
  };
  const two = cost(2);
  const five = cost(5);
  expect((five - two) / 3).toBe(6);
});

test('certificates e-mailed on request (issue 15 item 7): each attendee gets one mail with their own PDF; a re-run makes the PDFs again but mails nobody twice', () => {
  const emu = world(5, 3);
  const attendees = sheetRecords(emu, '参加者台帳').slice(0, 3).map((r) => String(r['メール']));
  const before = emu.mail.outbox.length;
  const first = ok(emu.run<RpcResult<{ files: { name: string }[]; mailed?: number }>>('rpcIssueCertificates', ['EV-SEMINAR', { perPerson: true, mail: true }]));
  expect(first.files).toHaveLength(3);
  expect(first.mailed).toBe(3);
  const sent = emu.mail.outbox.slice(before);
  expect(sent.map((m) => m.to[0]).sort()).toEqual([...attendees].sort());
  for (const m of sent) {
    expect(m.attachments).toHaveLength(1);
    expect(m.attachments[0]).toMatch(/^参加証明書_EV-SEMINAR_.*\.pdf$/);
  }
  // Each person's own certificate: the attachment's name carries the attendee's name, never another's.
  const byTo = new Map(sent.map((m) => [m.to[0], m.attachments[0]!]));
  for (const r of sheetRecords(emu, '参加者台帳').slice(0, 3)) expect(byTo.get(String(r['メール']))).toContain(String(r['氏名']));
  const again = ok(emu.run<RpcResult<{ files: { name: string }[]; mailed?: number }>>('rpcIssueCertificates', ['EV-SEMINAR', { perPerson: true, mail: true }]));
  expect(again.files).toHaveLength(3);
  expect(again.mailed).toBe(0);
  expect(emu.mail.outbox.length - before).toBe(3);
  // Without `mail`, nothing is sent.
  ok(emu.run<RpcResult<unknown>>('rpcIssueCertificates', ['EV-SEMINAR', { perPerson: true }]));
  expect(emu.mail.outbox.length - before).toBe(3);
});
