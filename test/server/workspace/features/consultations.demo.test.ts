/**
 * 企業相談 (issue 17) through `npm run demo` (the built bundle): the default run submits six varied inquiries and
 * exports summary.json "consultations" ({ number, status, assigned, candidates: [{ agency, reasons }] }) and the
 * assignment mails in mail/outbox.json; `--consultations FILE.csv` submits each row as a company would.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { demoExport } from '../../../support/demo';
import { DEMO_AGENCIES_CSV } from '../../../../scripts/demo/agencies';

type Summary = { consultations: { number: string; status: string; assigned: string | null; candidates: { agency: string; reasons: string[] }[] }[] };
type Outbox = { kind: string; to: string[]; subject: string; body: string }[];

function demo(args: string[]) {
  const out = demoExport(args);
  const read = <T>(file: string) => JSON.parse(readFileSync(path.join(out, file), 'utf8')) as T;
  return { summary: read<Summary>('summary.json'), outbox: read<Outbox>('mail/outbox.json') };
}

test('the default demo: six inquiries with ranked candidates and reasons; each assignment mailed to the agency and the company', () => {
  const { summary, outbox } = demo([]);
  const c = summary.consultations;
  expect(c.map((i) => i.number)).toEqual(['K-0001', 'K-0002', 'K-0003', 'K-0004', 'K-0005', 'K-0006']);
  for (const i of c) {
    expect(Object.keys(i).sort()).toEqual(['assigned', 'candidates', 'number', 'status']);
    for (const cand of i.candidates) expect(cand.reasons.length).toBeGreaterThanOrEqual(3);
  }
  const assigned = c.filter((i) => i.assigned !== null);
  expect(assigned.length).toBeGreaterThanOrEqual(2);
  expect(new Set(c.map((i) => i.status)).size).toBeGreaterThanOrEqual(3); // 受付, 担当決定, 対応中, 完了 among them
  // The company that did not agree to share (株式会社ひみつ商会) has no candidates and nobody assigned.
  expect(c[5]).toMatchObject({ assigned: null, candidates: [] });
  const toAgencies = outbox.filter((m) => m.kind === 'consult-agency');
  const toCompanies = outbox.filter((m) => m.kind === 'consult-company');
  // Each assigned agency with an address (the demo registry's メール) gets its request; every company its notice.
  const [header, ...rows] = DEMO_AGENCIES_CSV.trim().split('\n').map((l) => l.split(','));
  const emailOf = new Map(rows.map((r) => [r[0]!, (r[header!.indexOf('メール')] ?? '').trim()]));
  const withAddress = assigned.filter((i) => emailOf.get(i.assigned!));
  expect(withAddress.length).toBeGreaterThanOrEqual(2);
  expect(toAgencies.map((m) => m.body.split(' 御中')[0]).sort()).toEqual(withAddress.map((i) => i.assigned).sort());
  expect(toCompanies.length).toBe(assigned.length);
  expect(toCompanies.map((m) => m.subject).join('\n')).not.toContain('ひみつ');
  for (const i of assigned) expect(toCompanies.some((m) => m.body.includes(`${i.assigned!}からご連絡します。`))).toBe(true);
}, 300_000);

test('--consultations FILE.csv: each row submitted as a company would (lists with ;)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'consult-csv-'));
  const file = path.join(dir, 'consultations.csv');
  writeFileSync(file, [
    '会社名,業種,所在地,担当者メール,相談内容,対象障害,自由記述,共有同意',
    'テスト精機株式会社,製造業,千代田区,hr@test-seiki.example.jp,職場実習の受入;定着支援,知的;精神,実習から始めたい,同意する',
    'CSV商事,卸売・小売業,港区,soumu@csv.example.jp,見学,,,同意しない',
  ].join('\n'));
  const { summary } = demo(['--consultations', file]);
  expect(summary.consultations.map((i) => i.number)).toEqual(['K-0001', 'K-0002']);
  expect(summary.consultations[0]!.candidates[0]!.reasons[0]).toMatch(/職場実習の受入・定着支援|職場実習の受入/);
  expect(summary.consultations[1]).toMatchObject({ assigned: null, candidates: [] });
}, 300_000);
