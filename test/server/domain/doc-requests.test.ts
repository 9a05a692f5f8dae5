/**
 * The Docs request builders (domain/doc-requests.ts, domain/template.ts): plain data in, requests out. Every index
 * below is computed by hand from Google's arithmetic (body from 1, "\n" per paragraph, one index per table start,
 * row and cell), not by the code under test.
 */
import { DocJson, cellStarts, outlineOf, writeItems, TEXT_STYLE_FIELDS } from '../../../src/server/domain/doc-requests';
import { fillDocumentRequests, fillLinesSpans, fillParagraphRequests } from '../../../src/server/domain/template';

const para = (start: number, text: string, style: object = {}) => ({
  startIndex: start, endIndex: start + text.length + 1,
  paragraph: { elements: [{ startIndex: start, endIndex: start + text.length + 1, textRun: { content: `${text}\n`, textStyle: {} } }], paragraphStyle: { namedStyleType: 'NORMAL_TEXT', ...style } },
});

describe('outlineOf: Docs JSON → paragraphs and tables with their indexes', () => {
  // Body: section break [0,1), "Title" [1,7), table at 7: row 8, cell 9 → "a" [10,12), cell 12 → "" [13,14), table end 15, "End" [15,19).
  const doc: DocJson = {
    body: {
      content: [
        { endIndex: 1 },
        para(1, 'Title', { namedStyleType: 'HEADING_1' }),
        {
          startIndex: 7, endIndex: 15,
          table: { rows: 1, columns: 2, tableRows: [{ tableCells: [{ content: [para(10, 'a')] }, { content: [para(13, '')] }] }], tableStyle: { tableColumnProperties: [{ widthType: 'FIXED_WIDTH', width: { magnitude: 120, unit: 'PT' } }, { widthType: 'EVENLY_DISTRIBUTED' }] } },
        },
        para(15, 'End'),
      ],
    },
    headers: { h1: { content: [para(0, 'Head {{x}}')] } },
    documentStyle: { defaultHeaderId: 'h1' },
  };

  test('paragraph texts, styles and indexes; the table\'s cells and widths; the header as a segment', () => {
    const o = outlineOf(doc);
    expect(o.body.map((b) => b.kind)).toEqual(['paragraph', 'table', 'paragraph']);
    expect(o.body[0]).toMatchObject({ start: 1, end: 7, text: 'Title', style: { namedStyleType: 'HEADING_1' } });
    const table = o.body[1]!;
    if (table.kind !== 'table') throw new Error('table');
    expect(table.rows[0]!.map((cell) => cell.map((p) => [p.start, p.text]))).toEqual([[[10, 'a']], [[13, '']]]);
    expect(table.columnWidths).toEqual([{ magnitude: 120, unit: 'PT' }, null]);
    expect(o.header).toMatchObject({ id: 'h1', paragraphs: [{ start: 0, text: 'Head {{x}}', segmentId: 'h1' }] });
  });

  test('a paragraph may be deleted whole only when a paragraph follows it in its container', () => {
    const o = outlineOf(doc);
    // "Title" is followed by a table (its newline cannot go without the table); "End" is the body's last.
    expect(o.body.filter((b) => b.kind === 'paragraph').map((p) => (p as { removable: boolean }).removable)).toEqual([false, false]);
  });
});

describe('cellStarts: where each cell\'s text begins', () => {
  test('an empty 2×3 table at 2 has its cells at 5, 7, 9 and 12, 14, 16 (T+3 + r·(2C+1) + 2c)', () => {
    expect(cellStarts(2, [['', '', ''], ['', '', '']])).toEqual([[5, 7, 9], [12, 14, 16]]);
  });
  test('filled cells push the later ones by their length', () => {
    // T=11: cell (0,0) "x" at 14 (14–15), cell (0,1) at 17 ("yy\n" 17–19), row 1 at 20, its cells at 22 and 25.
    expect(cellStarts(11, [['x', 'yy'], ['z', '']])).toEqual([[14, 17], [22, 25]]);
  });
});

describe('writeItems: written backwards at one anchor', () => {
  test('a heading and a 2×2 table before the paragraph at 10', () => {
    const requests = writeItems(10, [
      { kind: 'paragraph', text: 'AB', style: { namedStyleType: 'HEADING_1' } },
      { kind: 'table', cells: [[{ text: 'x', bold: [{ start: 0, length: 1 }] }, { text: 'yy' }], [{ text: 'z' }, { text: '' }]] },
    ]);
    expect(requests).toEqual([
      // The table first: a newline at 10, the table at 11, its empty cells at 14, 16 / 19, 21, filled from the last back.
      { insertTable: { location: { index: 10 }, rows: 2, columns: 2 } },
      { insertText: { location: { index: 19 }, text: 'z' } },
      { insertText: { location: { index: 16 }, text: 'yy' } },
      { insertText: { location: { index: 14 }, text: 'x' } },
      // The name in (0,0) bold, at its filled position.
      { updateTextStyle: { range: { startIndex: 14, endIndex: 15 }, textStyle: { bold: true }, fields: 'bold' } },
      // The heading takes the empty paragraph the table left before itself: no newline added.
      { insertText: { location: { index: 10 }, text: 'AB' } },
      { updateParagraphStyle: { range: { startIndex: 10, endIndex: 13 }, paragraphStyle: { namedStyleType: 'HEADING_1' }, fields: 'namedStyleType,alignment' } },
      { updateTextStyle: { range: { startIndex: 10, endIndex: 12 }, textStyle: {}, fields: TEXT_STYLE_FIELDS } },
    ]);
  });

  test('into an empty anchor paragraph, the last paragraph item takes it', () => {
    expect(writeItems(5, [{ kind: 'paragraph', text: 'P' }, { kind: 'paragraph', text: 'Q' }], true).filter((r) => 'insertText' in r)).toEqual([
      { insertText: { location: { index: 5 }, text: 'Q' } },
      { insertText: { location: { index: 5 }, text: 'P\n' } },
    ]);
  });

  test('a paragraph after a table and a last paragraph get their own newline', () => {
    const requests = writeItems(5, [{ kind: 'paragraph', text: 'P' }, { kind: 'paragraph', text: 'Q' }]);
    expect(requests.filter((r) => 'insertText' in r)).toEqual([
      { insertText: { location: { index: 5 }, text: 'Q\n' } },
      { insertText: { location: { index: 5 }, text: 'P\n' } },
    ]);
  });
});

describe('fillParagraphRequests: placeholders replaced in place, from the last back', () => {
  const p = { kind: 'paragraph' as const, start: 5, end: 21, text: '発行：{{日}}（{{名}}）', style: {}, runStyle: {}, list: false, removable: true };
  test('each placeholder deleted and its value inserted where it stood; an empty value only deleted', () => {
    // 発行： is 3 code units: {{日}} at 8–13, （ at 13, {{名}} at 14–19.
    expect(fillParagraphRequests(p, { 日: 'D', 名: '' })).toEqual([
      { deleteContentRange: { range: { startIndex: 14, endIndex: 19 } } },
      { deleteContentRange: { range: { startIndex: 8, endIndex: 13 } } },
      { insertText: { location: { index: 8 }, text: 'D' } },
    ]);
  });
  test('a line whose placeholders are all empty goes whole — or is only emptied where its newline must stay', () => {
    expect(fillParagraphRequests(p, { 日: '', 名: '' })).toEqual([{ deleteContentRange: { range: { startIndex: 5, endIndex: 21 } } }]);
    expect(fillParagraphRequests({ ...p, removable: false }, { 日: '', 名: '' })).toEqual([{ deleteContentRange: { range: { startIndex: 5, endIndex: 20 } } }]);
  });
  test('UTF-16: a character outside the BMP counts two', () => {
    const q = { ...p, text: '𠮷{{日}}', end: 5 + 2 + 5 + 1 };
    expect(fillParagraphRequests(q, { 日: 'x' })[0]).toEqual({ deleteContentRange: { range: { startIndex: 7, endIndex: 12 } } });
  });
});

describe('fillDocumentRequests: edits from the end of the body back, then header and footer', () => {
  test('a section is deleted up to its closing paragraph\'s newline and its items written at its start', () => {
    const doc: DocJson = { body: { content: [{ endIndex: 1 }, para(1, '{{a}}'), para(7, '{{#s}}'), para(14, 'x'), para(16, '{{/s}}'), para(23, '{{a}}')] } };
    const o = outlineOf(doc);
    const requests = fillDocumentRequests(o, { a: 'A' }, [{ first: 1, last: 3, items: [{ kind: 'paragraph', text: 'S' }] }]);
    expect(requests.slice(0, 3)).toEqual([
      // The last paragraph first (23), then the section (7…22: its newline at 22 stays), then the first paragraph.
      { deleteContentRange: { range: { startIndex: 23, endIndex: 28 } } },
      { insertText: { location: { index: 23 }, text: 'A' } },
      { deleteContentRange: { range: { startIndex: 7, endIndex: 22 } } },
    ]);
    // The closing paragraph's remaining newline takes the section's last paragraph: no newline added.
    expect(requests[3]).toEqual({ insertText: { location: { index: 7 }, text: 'S' } });
    expect(requests.slice(-2)).toEqual([
      { deleteContentRange: { range: { startIndex: 1, endIndex: 6 } } },
      { insertText: { location: { index: 1 }, text: 'A' } },
    ]);
  });
});

describe('fillLinesSpans', () => {
  test('where the emphasised values land, lines left out', () => {
    expect(fillLinesSpans('名：{{名称}}\nFAX：{{FAX}}\n{{名称}}様', { 名称: 'あおば', FAX: '' }, ['名称'])).toEqual({
      text: '名：あおば\nあおば様',
      spans: [{ start: 2, length: 3 }, { start: 6, length: 3 }],
    });
  });
});
