/**
 * The emulated PDF export set as a page (issue 14 item 19): headings larger and bold, Latin runs in Helvetica,
 * wrapping within the margins, tables ruled, header and footer on every page, page breaks — read back by the
 * preview's viewer (readPdfPages) from the file's bytes.
 */
import { layoutPdf, readPdfPages, textWidth } from '../../emulator/pdf-layout';

const para = (text: string, style: 'title' | 'h1' | 'normal' = 'normal', bold = false) => ({ kind: 'paragraph' as const, runs: [{ text, bold }], style });

test('a title, a bold name, a URL and a table: as a page, and read back as the viewer reads it', () => {
  const bytes = layoutPdf({
    title: '就労支援機関ガイド',
    header: [para('就労支援ネットワーク')],
    footer: [para('発行 2026-02-02')],
    body: [
      para('就労支援機関ガイド', 'title'),
      { kind: 'paragraph', runs: [{ text: 'ワークサポートあおば', bold: true }, { text: '（就労移行支援）', bold: false }], style: 'normal' },
      para('URL：https://aoba.example.jp'),
      { kind: 'table', rows: [[[para('電話')], [para('03-5211-0001')]], [[para('所在地')], [para('東京都千代田区神田錦町3-21')]]] },
    ],
  });
  expect(Buffer.from(bytes).subarray(0, 5).toString()).toBe('%PDF-');
  const text = Buffer.from(bytes).toString('latin1');
  expect(text).toContain('/BaseFont /Helvetica ');
  const [page, ...more] = readPdfPages(bytes);
  expect(more).toHaveLength(0);
  expect(page!.width).toBe(595);
  const lines = page!.lines.map((l) => ({ text: l.runs.map((r) => r.text).join(''), size: l.size, bold: l.runs.some((r) => r.bold), x: l.x, y: l.y, runs: l.runs }));
  const title = lines.find((l) => l.text === '就労支援機関ガイド' && l.size === 20)!;
  expect(title.bold).toBe(true);
  const name = lines.find((l) => l.text.startsWith('ワークサポートあおば'))!;
  expect(name.runs[0]).toEqual({ text: 'ワークサポートあおば', font: 'japanese', bold: true });
  expect(name.runs.at(-1)!.bold).toBe(false);
  const url = lines.find((l) => l.text === 'URL：https://aoba.example.jp')!;
  expect(url.runs.map((r) => [r.text, r.font])).toEqual([['URL', 'latin'], ['：', 'japanese'], ['https://aoba.example.jp', 'latin']]);
  // Header on top, footer at the bottom, body between.
  expect(lines.find((l) => l.text === '就労支援ネットワーク')!.y).toBeGreaterThan(title.y);
  expect(lines.find((l) => l.text === '発行 2026-02-02')!.y).toBeLessThan(url.y);
  // The table: a ruled grid (3 horizontal rules for 2 rows, 3 vertical per row), cells side by side.
  expect(page!.rules.filter((r) => r.y1 === r.y2).length).toBeGreaterThanOrEqual(3);
  const phone = lines.find((l) => l.text === '電話')!, number = lines.find((l) => l.text === '03-5211-0001')!;
  expect(number.y).toBe(phone.y);
  expect(number.x).toBeGreaterThan(phone.x);
});

test('long text wraps inside the margins (Japanese anywhere, Latin at spaces) and flows onto new pages, header on each', () => {
  const long = '障害者の就労を支える地域のネットワークです。'.repeat(12) + ' Lorem ipsum dolor sit amet, consectetur adipiscing elit.';
  const bytes = layoutPdf({ title: 't', header: [para('ヘッダー')], footer: [], body: Array.from({ length: 30 }, () => para(long)) });
  const pages = readPdfPages(bytes);
  expect(pages.length).toBeGreaterThan(1);
  for (const page of pages) {
    expect(page.lines.some((l) => l.runs.map((r) => r.text).join('') === 'ヘッダー')).toBe(true);
    for (const l of page.lines) {
      const width = l.runs.reduce((w, r) => w + textWidth(r.text, l.size, r.bold), 0);
      expect(l.x + width).toBeLessThanOrEqual(595 - 56 + 0.5);
      expect(l.y).toBeGreaterThan(30);
    }
  }
  // A Latin word is never split across lines.
  const texts = pages.flatMap((p) => p.lines.map((l) => l.runs.map((r) => r.text).join('')));
  for (const word of ['Lorem', 'ipsum', 'consectetur', 'adipiscing']) expect(texts.some((t) => t.includes(word))).toBe(true);
});
