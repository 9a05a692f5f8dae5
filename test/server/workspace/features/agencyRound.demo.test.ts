import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { demoExport } from '../../../support/demo';

test('demo: the round — 16 asked (14 by mail), 12 answer, the 3 silent ones with an address reminded, all changes but one applied, the pamphlet made again without the withheld e-mail and the withdrawn agency', () => {
  const out = demoExport();
  const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as Record<string, unknown>;
  // Applied: あおば 電話; かがやき URL; みなと 開所日時; ステップ 掲載しない項目 and 同意者; さくら 掲載同意 and 同意者. Rejected: あおば 特色.
  // Mailed: 14 (ハローワーク has no address; ともに withdrew). Reminded: みらい, はるかぜ, いずみ (ともに is by hand).
  expect(summary.agencyRound).toEqual({ requested: 16, answered: 12, accepted: 7, rejected: 1, noAnswer: 4, withheld: { ステップワーク神田: ['メール'] }, mailed: 14, reminded: 3 });
  const html = readFileSync(path.join(out, 'docs', '就労支援機関ガイド_2026-02-16.html'), 'utf8');
  expect(html).not.toContain('step@example.jp');
  expect(html).toContain('ステップワーク神田');
  expect(html).not.toContain('就労移行支援事業所さくら');
  expect(html).toContain('03-5211-0011');
  expect(html).not.toContain('テレワークの実習');
  expect(existsSync(path.join(out, 'docs', '就労支援機関ガイド_2026-02-16.pdf'))).toBe(true);
});
