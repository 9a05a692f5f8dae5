import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { demoExport } from '../../../support/demo';

describe('demo: the pamphlet step', () => {
  test('exports docs/<document name>.html (escaped) and the PDF, and summary.json → pamphlet with order and reasons', () => {
    const out = demoExport();
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    const p = summary.pamphlet as { name: string; included: string[]; excluded: { name: string; reason: string }[] };
    expect(p.name).toBe('就労支援機関ガイド_2026-02-02');
    expect(p.excluded).toEqual(expect.arrayContaining([{ name: 'みらい就労ラボ', reason: '未同意' }, { name: 'ジョブコーチセンターともに', reason: '撤回' }]));
    expect(p.included).not.toContain('みらい就労ラボ');
    const html = readFileSync(path.join(out, 'docs', `${p.name}.html`), 'utf8');
    const positions = p.included.map((n) => html.indexOf(n.replace(/&/g, '&amp;')));
    expect(positions.every((x, i) => x > 0 && (i === 0 || x > positions[i - 1]!))).toBe(true);
    expect(html).toContain('カフェ&amp;ワークつばさ');
    expect(html).not.toMatch(/\{\{/);
    expect(existsSync(path.join(out, 'docs', `${p.name}.pdf`))).toBe(true);
  });
});
