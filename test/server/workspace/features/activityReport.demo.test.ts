/** `npm run demo` through the built bundle: the survey summary and the activity report the issue asks for. */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { demoExport } from '../../../support/demo';
import { DEMO_EVENTS, surveyAnswers } from '../../../../scripts/demo/forms';

describe('demo: surveys and the activity report', () => {
  const out = demoExport();
  const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));

  test('summary.report: 12 → 16 agencies, 42 and 31 participants (40 and 30 registrations, and the walk-ins)', () => {
    expect(summary.report).toMatchObject({ membersAtStart: 12, membersAtEnd: 16, period: { label: '令和7年度', start: '2025-04-01', end: '2026-03-31' } });
    // Registrations, plus the walk-ins who checked in at the QR form on the day (2 and 1, scripts/demo/checkin.ts).
    const walkIns: Record<string, number> = { 'EV-SEMINAR': 2, 'EV-WORKSHOP': 1 };
    expect(summary.report.events.map((e: { title: string; participants: number }) => [e.title, e.participants])).toEqual(DEMO_EVENTS.map((e) => [e.title, e.registrations + walkIns[e.id]!]));
  });

  test('summary.survey: responses and means recomputed from the answers the demo submitted', () => {
    // The forms step submits surveyAnswers(i) for i < 31 (seminar) and i < 24 (workshop, one duplicate firing).
    for (const [id, n, workshop] of [['EV-SEMINAR', 31, false], ['EV-WORKSHOP', 24, true]] as const) {
      const answers = Array.from({ length: n }, (_, i) => surveyAnswers(i, workshop));
      expect(summary.survey[id].responses).toBe(n);
      const scales = Object.keys(answers[0]!).filter((q) => typeof answers[0]![q] === 'number');
      expect(Object.keys(summary.survey[id].means).sort()).toEqual(scales.sort());
      for (const q of scales) {
        const xs = answers.map((a) => a[q] as number);
        expect(summary.survey[id].means[q]).toBeCloseTo(Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 100) / 100, 10);
      }
    }
  });

  test('exports: sheets/アンケート集計.json with no formulas, the report in docs/, the charts', () => {
    const sheet = JSON.parse(readFileSync(path.join(out, 'sheets', 'アンケート集計.json'), 'utf8'));
    expect(sheet.formulas.flat().every((f: string) => f === '')).toBe(true);
    // One line per event: responses over attendance (31 of 37 checked in at the seminar: 35 registrants and 2 walk-ins).
    expect(sheet.displayValues.find((r: string[]) => r[0] === 'EV-SEMINAR').slice(3, 7)).toEqual(['31', '37', '42', '83.8%']);
    for (const id of ['EV-SEMINAR', 'EV-WORKSHOP']) {
      const detail = JSON.parse(readFileSync(path.join(out, 'sheets', `アンケート集計_${id}.json`), 'utf8'));
      expect(detail.formulas.flat().every((f: string) => f === '')).toBe(true);
    }
    const docs = readdirSync(path.join(out, 'docs')).filter((f) => f.startsWith('活動報告書_'));
    expect(docs).toEqual([`${summary.report.name}.html`]);
    const html = readFileSync(path.join(out, 'docs', docs[0]!), 'utf8');
    expect(html).toContain('期首 12団体 → 期末 16団体');
    // No participant's name or email from the ledger.
    const ledger = JSON.parse(readFileSync(path.join(out, 'sheets', '参加者台帳.json'), 'utf8'));
    const header: string[] = ledger.values[0];
    for (const row of ledger.values.slice(1)) {
      expect(html).not.toContain(row[header.indexOf('氏名')]);
      expect(html).not.toContain(row[header.indexOf('メール')]);
    }
    expect(JSON.parse(readFileSync(path.join(out, 'charts', 'アンケート集計_EV-SEMINAR.json'), 'utf8'))).toHaveLength(5);
    expect(JSON.parse(readFileSync(path.join(out, 'charts', 'アンケート集計_EV-WORKSHOP.json'), 'utf8'))).toHaveLength(6);
  });
});
