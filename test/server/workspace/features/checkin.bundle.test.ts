/**
 * The built bundle, driven as Apps Script drives it: 「受付名簿を作成」 (check-in form, roster Doc with the QR code,
 * PDF), participants checking themselves in through the form (the spreadsheet form-submit trigger), walk-ins,
 * duplicate firings, a volunteer's untick, 参加証明書 (numbers never reused) and 受講記録.
 */
import decodeQR from 'qr/decode.js';
import type { RpcResult } from '../../../../src/protocol';
import { loadAddOn } from '../../../support/bundle';
import { DEMO_EVENTS, agencyNamesOf, participantAnswers } from '../../../../scripts/demo/forms';
import { ok, prepare, sheetRecords, typeInto } from '../../../support/forms';
import { InlineImageElement, ParagraphElement } from '../../../../emulator/documents';
import { decodeGif } from '../../../../emulator/gif';
import { readPdfPages } from '../../../../emulator/pdf-layout';
import { CHECK_IN_TITLES } from '../../../../src/server/domain/checkin';

const NOW = new Date('2025-08-22T13:00:00+09:00');
const KEY = CHECK_IN_TITLES.key;

function setUp(registrations = 8) {
  const emu = loadAddOn({ now: NOW });
  const forms = prepare(emu, { events: DEMO_EVENTS });
  const names = agencyNamesOf(emu);
  for (let i = 0; i < registrations; i++) emu.forms.submit(forms.get('EV-SEMINAR')!.registration.formId, participantAnswers(0, i, names));
  return emu;
}

const checkInForm = (emu: ReturnType<typeof loadAddOn>) => JSON.parse(emu.properties.document.get('checkin.forms')!)['EV-SEMINAR'] as { formId: string; sheetId: string; url: string };
const ledger = (emu: ReturnType<typeof loadAddOn>) => sheetRecords(emu, '参加者台帳').filter((r) => r['行事id'] === 'EV-SEMINAR');

describe('受付名簿 and self check-in through the built bundle', () => {
  test('the roster: a check-in form, a Doc with the QR code (scans to the form) and the list in 五十音 order, and its PDF', () => {
    const emu = setUp();
    const r = ok(emu.run<RpcResult<{ listed: number; formUrl: string }>>('rpcCreateRoster', ['EV-SEMINAR']));
    expect(r.listed).toBe(8);
    const form = checkInForm(emu);
    expect(r.formUrl).toBe(form.url);
    const doc = [...emu.documents.docs.values()].find((d) => d.name.startsWith('受付名簿_EV-SEMINAR'))!;
    const images = doc.saved.body.children.flatMap((p) => (p instanceof ParagraphElement ? p.children.filter((c) => c instanceof InlineImageElement) : [])) as InlineImageElement[];
    expect(images).toHaveLength(2);
    const { width, height, grey } = decodeGif(images[0]!.bytes);
    const rgba = new Uint8Array(width * height * 4);
    grey.forEach((g, i) => rgba.set([g, g, g, 255], i * 4));
    expect(decodeQR({ width, height, data: rgba })).toBe(form.url);
    const table = doc.saved.body.children.find((c) => c.kind === 'TABLE')!;
    const readings = (table as any).children.slice(1, 9).map((row: any) => row.children[3].getText());
    const sorted = [...readings].sort(new Intl.Collator('ja').compare);
    expect(readings).toEqual(sorted);
    const pdf = [...emu.drive.files.values()].find((f) => f.name === `${doc.name}.pdf`)!;
    // The PDF (laid out by emulator/pdf-layout.ts): cover, poster and list on pages of their own; the cover's and the
    // poster's QR codes drawn as images, read back from the file and scanned to the form.
    const pages = readPdfPages(pdf.bytes!);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.slice(0, 2).map((p) => p.images.length)).toEqual([1, 1]);
    expect(pages[1]!.images[0]!.width).toBeGreaterThan(pages[0]!.images[0]!.width);
    for (const page of pages.slice(0, 2)) {
      const { width, height, grey } = page.images[0]!.pixels;
      const scan = new Uint8Array(width * height * 4);
      grey.forEach((g, i) => scan.set([g, g, g, 255], i * 4));
      expect(decodeQR({ width, height, data: scan })).toBe(form.url);
    }
    expect(pages[2]!.lines.map((l) => l.runs.map((r) => r.text).join('')).join('\n')).toContain('受付番号');
    // The form is made once: a second roster updates it.
    ok(emu.run<any>('rpcCreateRoster', ['EV-SEMINAR']));
    expect(checkInForm(emu).formId).toBe(form.formId);
  });

  test('a participant checks in by e-mail or 受付番号: 出席 ticked, 受付時刻 stamped, once; an unknown person is a walk-in', () => {
    const emu = setUp();
    ok(emu.run<any>('rpcCreateRoster', ['EV-SEMINAR']));
    const form = checkInForm(emu);
    const before = ledger(emu);
    const first = before[0]!;
    emu.forms.submit(form.formId, { [KEY]: String(first['メール']).toUpperCase() }, { duplicateFiring: true });
    const second = before[1]!;
    const receipt = String(second['回答id']).slice(2, 8);
    emu.forms.submit(form.formId, { [KEY]: receipt });
    emu.forms.submit(form.formId, { [KEY]: 'tobiiri@example.jp', [CHECK_IN_TITLES.name]: '飛入 花子', [CHECK_IN_TITLES.furigana]: 'とびいり はなこ', [CHECK_IN_TITLES.agency]: '区役所' }, { blankSecondFiring: true });
    const after = ledger(emu);
    expect(after.find((r) => r['回答id'] === first['回答id'])).toMatchObject({ 出席: true });
    expect(after.find((r) => r['回答id'] === first['回答id'])!['受付時刻']).toBeInstanceOf(Date);
    expect(after.find((r) => r['回答id'] === second['回答id'])).toMatchObject({ 出席: true });
    const walkIns = after.filter((r) => r['経路'] === '当日');
    expect(walkIns).toHaveLength(1);
    expect(walkIns[0]).toMatchObject({ 氏名: '飛入\u3000花子', メール: 'tobiiri@example.jp', 出席: true, 状態: '申込' });
    expect(after.filter((r) => r['出席'] === true)).toHaveLength(3);
    expect(after).toHaveLength(before.length + 1);
  });

  test('a walk-in typing a formula or markup keeps it as text in the ledger and the 受講記録, never a formula', () => {
    const emu = setUp(2);
    ok(emu.run<RpcResult<unknown>>('rpcCreateRoster', ['EV-SEMINAR']));
    const form = checkInForm(emu);
    emu.forms.submit(form.formId, { [KEY]: 'evil@example.jp', [CHECK_IN_TITLES.name]: '=HYPERLINK("https://evil.example","x")', [CHECK_IN_TITLES.agency]: '<img src=x onerror=alert(1)>' });
    emu.run('updateTrainingRecords');
    for (const name of ['参加者台帳', '受講記録']) {
      const sheet = emu.active.sheets.find((s) => s.name === name)!;
      expect(sheet.getDataRange().getFormulas().flat().every((f) => f === '')).toBe(true);
    }
    const walkIn = ledger(emu).find((r) => r['経路'] === '当日')!;
    expect(walkIn['氏名']).toBe('=HYPERLINK("https://evil.example","x")');
    expect(walkIn['所属団体']).toBe('<img src=x onerror=alert(1)>');
  });

  test('a volunteer unticks a self check-in: 回答を同期 and the next firing leave it unticked', () => {
    const emu = setUp(3);
    ok(emu.run<any>('rpcCreateRoster', ['EV-SEMINAR']));
    const form = checkInForm(emu);
    const person = ledger(emu)[0]!;
    emu.forms.submit(form.formId, { [KEY]: String(person['メール']) });
    const rowNumber = sheetRecords(emu, '参加者台帳').findIndex((r) => r['回答id'] === person['回答id']) + 2;
    typeInto(emu, '参加者台帳', rowNumber, '出席', false);
    ok(emu.run<any>('rpcSyncResponses'));
    emu.forms.submit(form.formId, { [KEY]: 'nobody@example.jp' });
    expect(ledger(emu).find((r) => r['回答id'] === person['回答id'])).toMatchObject({ 出席: false });
  });

  test('a check-in missed by its firing (lock busy) is recorded by 回答を同期', () => {
    const emu = setUp(3);
    ok(emu.run<any>('rpcCreateRoster', ['EV-SEMINAR']));
    const form = checkInForm(emu);
    const person = ledger(emu)[1]!;
    // The trigger is removed for one submission, as if the firing never came.
    const saved = emu.triggers.splice(0, emu.triggers.length);
    emu.forms.submit(form.formId, { [KEY]: String(person['メール']) });
    emu.triggers.push(...saved);
    expect(ledger(emu).find((r) => r['回答id'] === person['回答id'])).toMatchObject({ 出席: false });
    ok(emu.run<any>('rpcSyncResponses'));
    expect(ledger(emu).find((r) => r['回答id'] === person['回答id'])).toMatchObject({ 出席: true });
  });
});

describe('参加証明書 and 受講記録 through the built bundle', () => {
  test('one page per attendee, numbers given once and never reused; 受講記録 per person and per agency', () => {
    const emu = setUp(6);
    const rows = sheetRecords(emu, '参加者台帳');
    const attendee = (i: number) => rows.findIndex((r) => r['回答id'] === ledger(emu)[i]!['回答id']) + 2;
    for (const i of [0, 1, 2]) typeInto(emu, '参加者台帳', attendee(i), '出席', true);
    const first = ok(emu.run<any>('rpcIssueCertificates', ['EV-SEMINAR']));
    expect(first).toMatchObject({ count: 3, first: 1, last: 3 });
    const doc = [...emu.documents.docs.values()].find((d) => d.name === '参加証明書_EV-SEMINAR_第000001号-第000003号')!;
    const text = doc.saved.body.getText();
    expect(text.match(/参加証明書/g)).toHaveLength(3);
    expect(text).toContain('第000003号');
    expect(text).toContain('時間数: 2.5時間');
    expect(text).not.toContain('{{');
    // Re-run: nothing new.
    expect(ok(emu.run<any>('rpcIssueCertificates', ['EV-SEMINAR']))).toMatchObject({ count: 0, already: 3 });
    // A volunteer deletes a record row; a new attendee gets number 4, not 3.
    const record = emu.active.sheets.find((s) => s.name === '参加証明書発行記録')!;
    record.deleteRow(4);
    typeInto(emu, '参加者台帳', attendee(3), '出席', true);
    const next = ok(emu.run<RpcResult<{ first: number }>>('rpcIssueCertificates', ['EV-SEMINAR']));
    expect(next.first).toBeGreaterThanOrEqual(4);
    const numbers = sheetRecords(emu, '参加証明書発行記録').map((r) => r['発行番号']);
    expect(new Set(numbers).size).toBe(numbers.length);

    // The activity report's 受講記録 line: counts of the period's attendances and certificates, no names.
    const report = ok(emu.run<RpcResult<{ documentId: string; training: Record<string, number> }>>('rpcCreateActivityReport'));
    expect(report.training).toEqual({ certificatesIssued: 4, peopleTrained: 4, attendances: 4, agenciesWithStaffTrained: expect.any(Number) });
    const reportText = emu.documents.docs.get(report.documentId)!.saved.body.getText();
    expect(reportText).toMatch(new RegExp(`研修の受講：4人（延べ 4回、${report.training.agenciesWithStaffTrained}団体）、参加証明書 4枚`));
    for (const r of sheetRecords(emu, '参加者台帳')) expect(reportText).not.toContain(String(r['氏名']));

    emu.run('updateTrainingRecords');
    const training = sheetRecords(emu, '受講記録');
    expect(training.filter((r) => r['行事id'] === 'EV-SEMINAR')).toHaveLength(4);
    expect(training.find((r) => r['メール'] === '所属')).toBeDefined();
  });
});
