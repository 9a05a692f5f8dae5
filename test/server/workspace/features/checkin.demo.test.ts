/** `npm run demo`: the day (roster, QR self check-in, walk-ins, the rest by hand) and the certificates, as exported. */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { demoExport } from '../../../support/demo';

test('summary.json → checkIn per event, certificates under docs/ with numbers never repeated', () => {
  const out = demoExport();
  const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
  // Every third registrant who came checked in at the form (12 and 9); the walk-ins typed their names. The workshop's
  // 19 by hand include the participant promoted from the waitlist, ticked 出席 by the mail step (demo/mail.ts).
  expect(summary.checkIn).toEqual({
    'EV-SEMINAR': { selfCheckIn: 12, byHand: 23, walkIn: 2 },
    'EV-WORKSHOP': { selfCheckIn: 9, byHand: 19, walkIn: 1 },
  });
  const attended = summary.ledger.events.map((e: { attended: number }) => e.attended);
  expect(summary.checkIn['EV-SEMINAR'].selfCheckIn + summary.checkIn['EV-SEMINAR'].byHand + 2).toBe(attended[0]);
  const docs = readdirSync(path.join(out, 'docs'));
  expect(docs).toEqual(expect.arrayContaining(['受付名簿_EV-SEMINAR_2025-08-22.pdf', '参加証明書_EV-SEMINAR_第000001号-第000037号.pdf']));
  expect(summary.certificates['EV-WORKSHOP'].first).toBe(summary.certificates['EV-SEMINAR'].last + 1);
  const html = readFileSync(path.join(out, 'docs', '参加証明書_EV-SEMINAR_第000001号-第000037号.html'), 'utf8');
  expect(html.match(/<h1[^>]*>参加証明書<\/h1>/g)).toHaveLength(37);
  expect(html.match(/page-break/g)!.length).toBeGreaterThanOrEqual(36);
});
