/**
 * The mail engine on the emulator (workspace level): resulting sheets, outbox and call ledger. The quota stops a batch
 * and the next day resumes it from where it stopped; a failed send stops the batch and a re-run sends only the rest;
 * a run that died between sending and recording leaves 要確認, never a second mail; calls per batch are one
 * sendEmail each plus a constant.
 */
import { planFromPreview } from '../../../src/client/mail-plan';
import { withEmulator } from '../../support/globals';
import { setUpWorkbook } from '../../../src/server/workspace/features/setup';
import { INFLIGHT_KEY, previewMail, sendCertificateMail, sendDueMail } from '../../../src/server/workspace/mail';
import { Table } from '../../../src/server/workspace/tables';
import type { Emulator } from '../../../emulator';
import { followEmulatorClock } from '../../support/clock';
import { startDeadline } from '../../../src/server/workspace/deadline';

const NOW = new Date('2025-07-01T09:00:00+09:00');

const clock = followEmulatorClock(NOW);
const advance = (ms: number): void => clock.advance(ms);

function workbook(registrants: number, options: { capacity?: number } = {}): { emu: Emulator; ss: GoogleAppsScript.Spreadsheet.Spreadsheet } {
  const emu = withEmulator({ now: NOW });
  clock.track(emu);
  jest.setSystemTime(emu.runtime.now());
  emu.mail.dailyQuota = 1500;
  const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
  setUpWorkbook(ss, 'ja');
  const put = (name: string, records: Record<string, unknown>[]) => {
    const sheet = emu.active.sheets.find((s) => s.name === name)!;
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!.map(String);
    if (records.length + 1 > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), records.length + 1 - sheet.getMaxRows());
    sheet.getRange(2, 1, records.length, header.length).setValues(records.map((r) => header.map((h) => r[h] ?? '')));
  };
  put('行事', [{ id: 'EV-1', 種類: 'セミナー', 名称: '研修', 開始: new Date('2025-12-12T13:30:00+09:00'), 終了: new Date('2025-12-12T16:30:00+09:00'), 会場: '研修室', 定員: options.capacity ?? '', アンケートフォーム: 'https://docs.google.com/forms/d/e/S/viewform' }]);
  put('参加者台帳', Array.from({ length: registrants }, (_, i) => ({
    回答id: `R-${i + 1}`, 行事id: 'EV-1', 氏名: `参加者 ${i + 1}`, メール: `p${i + 1}@example.jp`, 参加形態: '対面', 申込日時: new Date(NOW.getTime() - (registrants - i) * 60_000), 状態: '申込', 経路: 'フォーム',
  })));
  return { emu, ss };
}
const log = (emu: Emulator) => {
  const sheet = emu.active.sheets.find((s) => s.name === '参加者台帳')!;
  const values = sheet.getDataRange().getValues();
  const c = values[0]!.map(String).indexOf('送信記録');
  return values.slice(1).map((r) => String(r[c]));
};
const recipients = (emu: Emulator) => emu.mail.outbox.map((m) => m.to[0]!);

describe('the mail engine', () => {
  test('the daily quota: the batch stops at what is left, says so in Japanese, and the next day resumes where it stopped', () => {
    const { emu, ss } = workbook(7);
    emu.mail.dailyQuota = 3;
    const first = sendDueMail(ss, 'ja');
    expect(first).toMatchObject({ due: 7, left: 4, quotaStopped: true, error: null });
    expect(first.message).toContain('本日のメール送信数が上限に達しました（7通のうち3通を送信）。残りの4通は明日以降');
    expect(recipients(emu)).toEqual(['p1@example.jp', 'p2@example.jp', 'p3@example.jp']);
    // The same day: nothing more goes (and nothing is marked in flight).
    advance(60 * 60 * 1000);
    expect(sendDueMail(ss, 'ja')).toMatchObject({ due: 4, left: 4, quotaStopped: true });
    expect(emu.mail.outbox).toHaveLength(3);
    expect(emu.properties.document.get(INFLIGHT_KEY) ?? '[]').toBe('[]');
    // 24 hours after the first send the quota is back: three more, then the last one.
    advance(23 * 60 * 60 * 1000);
    sendDueMail(ss, 'ja');
    advance(24 * 60 * 60 * 1000);
    expect(sendDueMail(ss, 'ja')).toMatchObject({ due: 1, left: 0, quotaStopped: false });
    expect(recipients(emu)).toEqual(Array.from({ length: 7 }, (_, i) => `p${i + 1}@example.jp`));
    expect(log(emu).every((l) => /^申込確認 2025-07-0\d \d\d:\d\d$/.test(l))).toBe(true);
  });

  test('a send that fails stops the batch; what was sent is recorded; a re-run sends only the rest', () => {
    const { emu, ss } = workbook(6);
    emu.runtime.failAt({ atCall: 4, service: 'MailApp', message: 'Service unavailable: Gmail' }); // quota call, then sends 1–2, 3rd fails
    const r = sendDueMail(ss, 'ja');
    expect(r).toMatchObject({ due: 6, left: 4, error: 'Service unavailable: Gmail' });
    expect(r.message).toContain('もう一度実行すると残りの4通だけを送ります');
    expect(log(emu).filter((l) => l !== '')).toHaveLength(2);
    expect(emu.properties.document.get(INFLIGHT_KEY) ?? '[]').toBe('[]');
    sendDueMail(ss, 'ja');
    expect(recipients(emu)).toEqual(Array.from({ length: 6 }, (_, i) => `p${i + 1}@example.jp`));
  });

  test('the time budget: a batch stops itself near Google\'s 6 minutes, records what went, and the next run sends only the rest', () => {
    const { emu, ss } = workbook(7);
    // A clock that moves 100 s each time the budget is asked: the check before the 4th mail is past 270 s.
    let t = 0;
    startDeadline(270_000, () => { const now = t; t += 100_000; return now; });
    try {
      const first = sendDueMail(ss, 'ja');
      expect(first).toMatchObject({ due: 7, left: 4, error: null, quotaStopped: false, timeStopped: true });
      expect(first.message).toContain('7通のうち3通を送ったところで区切りました。残りの4通は次の定時処理');
      expect(recipients(emu)).toEqual(['p1@example.jp', 'p2@example.jp', 'p3@example.jp']);
      expect(log(emu).filter((l) => l !== '')).toHaveLength(3);
      // Settled by this run: nothing in flight, so nothing becomes 要確認; the hourly run is due at once.
      expect(emu.properties.document.get(INFLIGHT_KEY) ?? '[]').toBe('[]');
      expect(new Date(first.nextCheck).getTime()).toBe(emu.runtime.now().getTime());
    } finally {
      startDeadline(Infinity);
    }
    const second = sendDueMail(ss, 'ja');
    expect(second).toMatchObject({ due: 4, left: 0, error: null });
    expect(recipients(emu)).toEqual(Array.from({ length: 7 }, (_, i) => `p${i + 1}@example.jp`));
    expect(log(emu).filter((l) => l !== '' && !l.includes('要確認'))).toHaveLength(7);
  });

  test('送信記録 cannot be written after sending (twice): the next run records those mails as sent, and sends nothing again', () => {
    const { emu, ss } = workbook(3);
    const flush = jest.spyOn(Table.prototype, 'flush').mockImplementation(() => { throw new Error('Service Spreadsheets failed while accessing document'); });
    expect(() => sendDueMail(ss, 'ja')).toThrow('Service Spreadsheets failed');
    flush.mockRestore();
    expect(emu.mail.outbox).toHaveLength(3);
    expect(JSON.parse(emu.properties.document.get(INFLIGHT_KEY)!)).toEqual(['S|R-1|confirmation', 'S|R-2|confirmation', 'S|R-3|confirmation']);
    const next = sendDueMail(ss, 'ja');
    expect(next).toMatchObject({ due: 0, inDoubtRows: [] });
    expect(log(emu).every((l) => /^申込確認 2025-07-01 \d\d:\d\d$/.test(l))).toBe(true);
    expect(emu.mail.outbox).toHaveLength(3);
  });

  test('a run that dies between sending and any record (the sent-mark and 送信記録 both lost): 要確認, never a second mail', () => {
    const { emu, ss } = workbook(3);
    // Properties calls: the service, the in-flight read, the in-flight write, then the sent-mark — which fails.
    emu.runtime.failAt({ atCall: 4, service: 'PropertiesService', message: 'Service unavailable: Properties' });
    const flush = jest.spyOn(Table.prototype, 'flush').mockImplementation(() => { throw new Error('Exceeded maximum execution time'); });
    expect(() => sendDueMail(ss, 'ja')).toThrow('Exceeded maximum execution time');
    flush.mockRestore();
    expect(emu.mail.outbox).toHaveLength(3);
    expect(JSON.parse(emu.properties.document.get(INFLIGHT_KEY)!)).toEqual(['R-1|confirmation', 'R-2|confirmation', 'R-3|confirmation']);
    const next = sendDueMail(ss, 'ja');
    expect(next.due).toBe(0);
    expect(next.inDoubtRows).toEqual([2, 3, 4]);
    expect(next.message).toContain('届いたか分からないメールが3通あります（参加者台帳 2、3、4行目の送信記録「要確認」）');
    expect(log(emu)).toEqual([expect.stringMatching(/^申込確認 要確認 /), expect.stringMatching(/^申込確認 要確認 /), expect.stringMatching(/^申込確認 要確認 /)]);
    expect(emu.properties.document.get(INFLIGHT_KEY)).toBe('[]');
    sendDueMail(ss, 'ja');
    expect(emu.mail.outbox).toHaveLength(3);
    // The coordinator checked with row 3's person and deletes the line: that one mail goes again.
    const sheet = emu.active.sheets.find((s) => s.name === '参加者台帳')!;
    const c = sheet.getDataRange().getValues()[0]!.map(String).indexOf('送信記録') + 1;
    sheet.getRange(3, c).setValue('');
    sendDueMail(ss, 'ja');
    expect(recipients(emu)).toEqual(['p1@example.jp', 'p2@example.jp', 'p3@example.jp', 'p2@example.jp']);
  });

  test('the preview writes nothing and shows each mail as its reader sees it', () => {
    const { emu, ss } = workbook(2);
    emu.ledger.reset();
    // The sidebar plans from the data (src/client/mail-plan.ts), as a send would.
    const p = planFromPreview(JSON.parse(JSON.stringify(previewMail(ss))));
    expect(p.due.map((m) => [m.kind, m.to, m.withIcs])).toEqual([['confirmation', 'p1@example.jp', true], ['confirmation', 'p2@example.jp', true]]);
    expect(p.due[0]!.body).toMatch(/^参加者 1 様\n/);
    const methods = Object.keys(emu.ledger.byMethod());
    expect(methods.filter((m) => /set|append|insert|delete|send|MailApp/i.test(m))).toEqual([]);
    expect(emu.mail.outbox).toHaveLength(0);
  });

  test('参加証明書 on request: each person gets their own PDF once; the quota applies; a re-run sends nobody twice', () => {
    const { emu, ss } = workbook(4);
    sendDueMail(ss, 'ja'); // the confirmations
    emu.mail.outbox.splice(0);
    advance(60 * 60 * 1000);
    const pdf = (n: number) => ({ responseId: `R-${n}`, email: `p${n}@example.jp`, blob: emu.globals.Utilities.newBlob([37, 80, 68, 70, n], 'application/pdf', `参加証明書_${n}.pdf`) });
    emu.mail.dailyQuota = 4 + 2; // the four confirmations went out in this 24-hour window
    const first = sendCertificateMail(ss, 'ja', 'EV-1', [pdf(1), pdf(3), pdf(4)]);
    expect(first).toMatchObject({ due: 3, left: 1, quotaStopped: true });
    expect(emu.mail.outbox.map((m) => [m.to[0], m.subject, m.attachments])).toEqual([
      ['p1@example.jp', '【参加証明書】研修', ['参加証明書_1.pdf']], ['p3@example.jp', '【参加証明書】研修', ['参加証明書_3.pdf']],
    ]);
    expect(emu.mail.outbox[0]!.body).toContain('令和7年12月12日（2025年12月12日(金)）13:30〜16:30');
    expect(log(emu)[0]).toMatch(/\n参加証明書 2025-07-01 10:00$/);
    // The next day (quota back), the same request: only p4 gets theirs; nothing else is planned by it.
    advance(24 * 60 * 60 * 1000);
    emu.mail.dailyQuota = 1500;
    const again = sendCertificateMail(ss, 'ja', 'EV-1', [pdf(1), pdf(3), pdf(4)]);
    expect(again.sent).toMatchObject({ certificate: 1, confirmation: 0 });
    expect(recipients(emu)).toEqual(['p1@example.jp', 'p3@example.jp', 'p4@example.jp']);
    // The hourly run never plans a certificate by itself.
    expect(sendDueMail(ss, 'ja').sent.certificate).toBe(0);
  });

  test('calls per batch: one sendEmail per mail and a constant (40 and 1,000 registrants)', () => {
    const cost = (registrants: number) => {
      const { emu, ss } = workbook(registrants);
      emu.ledger.reset();
      const r = sendDueMail(ss, 'ja');
      expect(r.sent.confirmation).toBe(registrants);
      const sends = emu.ledger.byMethod()['MailApp.MailApp.sendEmail'] ?? 0;
      return { sends, other: emu.ledger.count() - sends };
    };
    const small = cost(40);
    const large = cost(1000);
    expect(small.sends).toBe(40);
    expect(large.sends).toBe(1000);
    expect(large.other).toBe(small.other);
    // 21: the ledger's flush only updates 送信記録 cells, so the grid size is not asked (rows18: was 22).
    expect(small.other).toBe(21);
  });
});
