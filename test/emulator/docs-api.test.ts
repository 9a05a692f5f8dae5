/**
 * The Advanced Docs service on the emulator (emulator/docs-api.ts): one document model for DocumentApp and the REST
 * API, Google's index arithmetic, and each request refused as Google refuses it (wording and sources in
 * emulator/fidelity-docs.ts). Indexes below are computed by hand.
 */
import { createEmulator } from '../../emulator';
import { LAYOUT_BLOCK } from '../../emulator/docs-api';
import { writeItems, type DocItem } from '../../src/server/domain/doc-requests';

type Req = GoogleAppsScript.Docs.Schema.Request & Record<string, unknown>;

function world(options: Parameters<typeof createEmulator>[0] = {}) {
  const emu = createEmulator(options);
  const { DocumentApp, Docs } = emu.globals;
  // Body: "Hello" [1,7), a 1×2 table at 7 (row 8, cell 9: "a" [10,12), cell 12: "" [13,14), end 15), "End" [15,19).
  const doc = DocumentApp.create('t');
  const body = doc.getBody();
  body.getChild(0).asParagraph().setText('Hello');
  body.appendTable([['a', '']]);
  body.getChild(2).asParagraph().setText('End');
  doc.addHeader().setText('Head');
  doc.saveAndClose();
  const id = doc.getId();
  const update = (requests: Req[]) => Docs!.Documents.batchUpdate({ requests }, id);
  const text = () => DocumentApp.openById(id).getBody().getText();
  return { emu, DocumentApp, Docs: Docs!, id, update, text };
}

const fails = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
  throw new Error('did not fail');
};

describe('one document, two APIs', () => {
  test('what DocumentApp wrote, documents.get reads with Google\'s indexes', () => {
    const { Docs, id } = world();
    const json = Docs.Documents.get(id);
    const content = json.body!.content!;
    expect(content.map((e) => [e.startIndex ?? 0, e.endIndex])).toEqual([[0, 1], [1, 7], [7, 15], [15, 19]]);
    const table = content[2]!.table!;
    expect(table.tableRows![0]!.tableCells!.map((c) => [c.startIndex, c.endIndex, c.content![0]!.startIndex])).toEqual([[9, 12, 10], [12, 14, 13]]);
    expect(content[1]!.paragraph!.elements![0]!.textRun!.content).toBe('Hello\n');
    const header = (json.headers as Record<string, GoogleAppsScript.Docs.Schema.Header>)[json.documentStyle!.defaultHeaderId!]!;
    expect(header.content![0]).toMatchObject({ startIndex: 0, endIndex: 5 });
  });

  test('what the REST API wrote, DocumentApp reads: text, paragraphs split at "\\n", heading, bold', () => {
    const { DocumentApp, update, id } = world();
    update([
      { insertText: { location: { index: 6 }, text: ' world\nNew' } },
      { updateParagraphStyle: { range: { startIndex: 1, endIndex: 2 }, paragraphStyle: { namedStyleType: 'HEADING_1' }, fields: 'namedStyleType' } },
      { updateTextStyle: { range: { startIndex: 7, endIndex: 12 }, textStyle: { bold: true }, fields: 'bold' } },
      { insertText: { location: { index: 10 + 10 }, text: 'z' } }, // before the cell's "a", shifted by the 10 code units inserted
    ]);
    const body = DocumentApp.openById(id).getBody();
    expect(body.getChild(0).asParagraph().getText()).toBe('Hello world');
    expect(String(body.getChild(0).asParagraph().getHeading())).toBe('HEADING1');
    expect(body.getChild(1).asParagraph().getText()).toBe('New');
    expect(body.getChild(2).asTable().getCell(0, 0).getText()).toBe('za');
    // "world" (7–12) bold: DocumentApp's Text runs carry it.
    const runs = (body.getChild(0) as unknown as { children: { text: string; bold: boolean }[] }).children;
    expect(runs.map((r) => [r.text, r.bold])).toEqual([['Hello ', false], ['world', true]]);
  });

  test('insertTable: a newline before it, the table at index + 1, its cells empty paragraphs', () => {
    const { Docs, update, id } = world();
    update([{ insertTable: { location: { index: 15 }, rows: 1, columns: 1 } }, { insertText: { location: { index: 19 }, text: 'c' } }]);
    const content = Docs.Documents.get(id).body!.content!;
    // "" [15,16) before the new table at 16: row 17, cell 18, "c" [19,21), end 22; "End" [22,26).
    expect(content.slice(3).map((e) => [e.startIndex, e.endIndex, e.table ? 'table' : e.paragraph!.elements![0]!.textRun!.content])).toEqual([
      [15, 16, '\n'], [16, 22, 'table'], [22, 26, 'End\n'],
    ]);
  });

  test('deleteContentRange across a paragraph boundary merges the two; a whole table can go', () => {
    const { update, text } = world();
    update([{ deleteContentRange: { range: { startIndex: 3, endIndex: 17 } } }]);
    // "He" + ("llo\n", the table, "En" deleted) + "d".
    expect(text()).toBe('Hed');
  });
});

describe('table styles and new segments', () => {
  test('column widths and borders written through REST are the table DocumentApp reads, and read back by documents.get', () => {
    const { Docs, DocumentApp, update, id } = world();
    const border = { color: { color: { rgbColor: { red: 1, green: 0, blue: 0 } } }, width: { magnitude: 2, unit: 'PT' }, dashStyle: 'SOLID' };
    update([
      { updateTableColumnProperties: { tableStartLocation: { index: 7 }, columnIndices: [1], tableColumnProperties: { widthType: 'FIXED_WIDTH', width: { magnitude: 90, unit: 'PT' } }, fields: 'width,widthType' } },
      { updateTableCellStyle: { tableStartLocation: { index: 7 }, tableCellStyle: { borderTop: border, borderBottom: border, borderLeft: border, borderRight: border }, fields: 'borderTop,borderBottom,borderLeft,borderRight' } },
    ]);
    const table = DocumentApp.openById(id).getBody().getChild(1).asTable();
    expect(table.getAttributes()).toMatchObject({ BORDER_COLOR: '#ff0000', BORDER_WIDTH: 2 });
    const json = Docs.Documents.get(id).body!.content![2]!.table!;
    expect(json.tableStyle!.tableColumnProperties!.map((c) => c.widthType)).toEqual(['EVENLY_DISTRIBUTED', 'FIXED_WIDTH']);
    expect(fails(() => update([{ updateTableColumnProperties: { tableStartLocation: { index: 8 }, columnIndices: [0], tableColumnProperties: { widthType: 'FIXED_WIDTH', width: { magnitude: 90 } }, fields: 'width' } }]))).toContain('Invalid requests[0].updateTableColumnProperties:');
  });

  test('createFooter names the new footer in its reply; text goes in with the footer\'s segment id, from 0', () => {
    const { Docs, DocumentApp, update, id } = world();
    const reply = update([{ createFooter: { type: 'DEFAULT' } }]);
    const footerId = (reply.replies![0] as { createFooter: { footerId: string } }).createFooter.footerId;
    update([{ insertText: { location: { segmentId: footerId, index: 0 }, text: 'Foot' } }]);
    expect(DocumentApp.openById(id).getFooter().getText()).toBe('Foot');
    expect(Docs.Documents.get(id).documentStyle!.defaultFooterId).toBe(footerId);
    expect(fails(() => update([{ createFooter: { type: 'DEFAULT' } }]))).toContain('Invalid requests[0].createFooter:');
  });
});

describe('refused as Google refuses it (whole batch: nothing applied)', () => {
  const prefix = 'GoogleJsonResponseException: API call to docs.documents.batchUpdate failed with error: Invalid requests[';
  test('empty insert text', () => {
    const { update } = world();
    expect(fails(() => update([{ insertText: { location: { index: 1 }, text: '' } }]))).toBe(`${prefix}0].insertText: Insert text requests must specify text to insert.`);
  });
  test('an index inside a table\'s structure (the table\'s, a row\'s or a cell\'s own index) or on the section break', () => {
    const { update } = world();
    for (const index of [7, 8, 9, 0]) {
      expect(fails(() => update([{ insertText: { location: { index }, text: 'x' } }]))).toBe(`${prefix}0].insertText: The insertion index must be inside the bounds of an existing paragraph.`);
    }
  });
  test('an index at or past the end of the segment', () => {
    const { update } = world();
    expect(fails(() => update([{ insertText: { location: { index: 19 }, text: 'x' } }]))).toBe(`${prefix}0].insertText: Index 19 must be less than the end index of the referenced segment, 19.`);
  });
  test('deleting the final newline of the body or of a cell', () => {
    const { update } = world();
    expect(fails(() => update([{ deleteContentRange: { range: { startIndex: 15, endIndex: 19 } } }]))).toBe(`${prefix}0].deleteContentRange: The range cannot include the newline character at the end of the segment.`);
    expect(fails(() => update([{ deleteContentRange: { range: { startIndex: 10, endIndex: 12 } } }]))).toBe(`${prefix}0].deleteContentRange: The range cannot include the newline character at the end of the segment.`);
  });
  test('deleting part of a table, or the newline just before it', () => {
    const { update } = world();
    expect(fails(() => update([{ deleteContentRange: { range: { startIndex: 3, endIndex: 11 } } }]))).toBe(`${prefix}0].deleteContentRange: Invalid deletion range. Cannot delete the requested range.`);
    expect(fails(() => update([{ deleteContentRange: { range: { startIndex: 6, endIndex: 7 } } }]))).toBe(`${prefix}0].deleteContentRange: Invalid deletion range. Cannot delete the requested range.`);
  });
  test('atomic: a valid request before an invalid one is not applied; the failing request is named by its place', () => {
    const { update, text } = world();
    const before = text();
    expect(fails(() => update([{ insertText: { location: { index: 1 }, text: 'ok ' } }, {} as Req]))).toBe(`${prefix}1]: No request set.`);
    expect(fails(() => update([{ insertText: { location: { index: 1 }, text: 'ok ' } }, { insertText: { location: { index: 99 }, text: 'x' } }]))).toContain('Invalid requests[1].insertText: Index 99');
    expect(text()).toBe(before);
  });
  test('requests apply in order: the second sees what the first inserted', () => {
    const { update, text } = world();
    update([{ insertText: { location: { index: 1 }, text: 'ab' } }, { insertText: { location: { index: 3 }, text: 'c' } }]);
    expect(text().split('\n')[0]).toBe('abcHello');
  });
});

describe('scopes (emulator/scopes.ts ADVANCED_SCOPES)', () => {
  test('without documents (nor drive / drive.file): Google\'s insufficient-scopes error', () => {
    const emu = createEmulator({ grantedScopes: ['https://www.googleapis.com/auth/spreadsheets.currentonly'] } as Parameters<typeof createEmulator>[0]);
    expect(fails(() => emu.globals.Docs!.Documents.get('x'))).toBe('GoogleJsonResponseException: API call to docs.documents.get failed with error: Request had insufficient authentication scopes.');
  });
});

describe('insertPageBreak (certificates, issue 15)', () => {
  test('a page break and its newline before the text at the index; the break takes one index; DocumentApp sees a PageBreak', () => {
    const { Docs, DocumentApp, update, id } = world();
    update([{ insertPageBreak: { location: { index: 15 } } }]);
    const content = Docs.Documents.get(id).body!.content!;
    // "Hello" [1,7), the table [7,15), the break's paragraph [15,17): the break at 15, its newline at 16; "End" [17,21).
    expect(content.map((e) => [e.startIndex ?? 0, e.endIndex])).toEqual([[0, 1], [1, 7], [7, 15], [15, 17], [17, 21]]);
    expect(content[3]!.paragraph!.elements!.map((e) => Object.keys(e).filter((k) => k !== 'startIndex' && k !== 'endIndex')[0])).toEqual(['pageBreak', 'textRun']);
    const p = DocumentApp.openById(id).getBody().getChild(2).asParagraph();
    expect(String(p.getChild(0).getType())).toBe('PAGE_BREAK');
    // Text inserted after the break lands after it, and the indexes still count it.
    update([{ insertText: { location: { index: 16 }, text: 'x' } }]);
    expect(Docs.Documents.get(id).body!.content![3]!.paragraph!.elements!.map((e) => e.textRun?.content ?? 'PB')).toEqual(['PB', 'x\n']);
    expect(Docs.Documents.get(id).body!.content![4]).toMatchObject({ startIndex: 18, endIndex: 22 });
  });
  test('refused in a table cell and in the header, and nothing of the batch applied', () => {
    const { Docs, update, id } = world();
    const before = JSON.stringify(Docs.Documents.get(id));
    expect(fails(() => update([{ insertText: { location: { index: 1 }, text: 'A' } }, { insertPageBreak: { location: { index: 11 } } }]))).toMatch(/Invalid requests\[1\]\.insertPageBreak/);
    const header = Docs.Documents.get(id).documentStyle!.defaultHeaderId!;
    expect(fails(() => update([{ insertPageBreak: { location: { index: 0, segmentId: header } } }]))).toMatch(/insertPageBreak/);
    expect(JSON.stringify(Docs.Documents.get(id))).toBe(before);
  });
});

describe('a batch is its requests applied in order (the layout kept between requests is speed only)', () => {
  // Items as the add-on writes them (domain writeItems: from the last back, tables filled from their last cell),
  // then edits that move, split and delete what came before; one batch against one request per batch.
  const items: DocItem[] = [
    { kind: 'paragraph', text: '見出し', style: { namedStyleType: 'HEADING_1' }, bold: [{ start: 0, length: 2 }] },
    { kind: 'table', cells: Array.from({ length: 12 }, (_, r) => [{ text: `名前${r}`, bold: [{ start: 0, length: 2 }] }, { text: r % 3 ? `所属${r}` : '' }, { text: `${r}` }]), columnWidths: [{ magnitude: 90, unit: 'PT' }, null, null] },
    { kind: 'pageBreak' },
    // Nine paragraphs written at one place, one after the other (each a split kept in the layout).
    ...Array.from({ length: 9 }, (_, i): DocItem => ({ kind: 'paragraph', text: `おわり${i}`, textStyle: { italic: true } })),
  ];
  // Edits inside the table right after it was filled (no newline: the kept layout is shifted, not made again): text
  // into one cell, then a deletion inside a later cell, which must be found by the cells' shifted bounds.
  const cellsAfterWrite = (() => {
    const w = world();
    w.update(writeItems(15, items) as Req[]);
    const table = w.Docs.Documents.get(w.id).body!.content!.find((e) => e.table?.rows === 12)!.table!;
    return table.tableRows!.map((row) => row.tableCells!.map((c) => c.content![0]!.startIndex!));
  })();
  const requests = (): Req[] => [
    ...(writeItems(15, items) as Req[]),
    { insertText: { location: { index: cellsAfterWrite[2]![0]! }, text: 'QQ' } },
    { deleteContentRange: { range: { startIndex: cellsAfterWrite[5]![0]! + 2 + 1, endIndex: cellsAfterWrite[5]![0]! + 2 + 3 } } },
    { insertText: { location: { index: cellsAfterWrite[5]![2]! + 2 - 2 }, text: '!' } },
    { insertText: { location: { index: 3 }, text: 'AB\nCD' } },
    { updateTextStyle: { range: { startIndex: 2, endIndex: 9 }, textStyle: { bold: true }, fields: 'bold' } },
    { insertText: { location: { index: 40 }, text: 'xyz' } },
    { deleteContentRange: { range: { startIndex: 4, endIndex: 6 } } },
    { insertText: { location: { index: 30 }, text: 'after the deletion' } },
    { insertText: { location: { segmentId: 'kix.header0', index: 0 }, text: 'H: ' } },
  ];
  const strip = (d: GoogleAppsScript.Docs.Schema.Document) => ({ ...d, documentId: '' });

  test('the same document, every index the same', () => {
    const one = world();
    const each = world();
    one.update(requests());
    for (const r of requests()) each.update([r]);
    expect(strip(one.Docs.Documents.get(one.id))).toEqual(strip(each.Docs.Documents.get(each.id)));
    expect(one.text()).toContain('名前11');
    expect(one.text()).toContain('QQ名前2');
    expect(one.text()).toContain('名\t所属5\t!5');
  });

  test('the same with blocks of 4 paragraphs: many blocks, shifted and cut', () => {
    const size = LAYOUT_BLOCK.size;
    LAYOUT_BLOCK.size = 4;
    try {
      const one = world();
      const each = world();
      one.update(requests());
      for (const r of requests()) each.update([r]);
      expect(strip(one.Docs.Documents.get(one.id))).toEqual(strip(each.Docs.Documents.get(each.id)));
      // Twelve paragraphs added before "Hello" (its block cut), then "End" found where they moved it: 15 + 12 × 3.
      const splits: Req[] = [
        ...Array.from({ length: 12 }, (): Req => ({ insertText: { location: { index: 1 }, text: 'ab\n' } })),
        { insertText: { location: { index: 52 }, text: 'Z' } },
        { updateTextStyle: { range: { startIndex: 51, endIndex: 55 }, textStyle: { bold: true }, fields: 'bold' } },
      ];
      const w = world();
      w.update(splits);
      expect(w.text().split('\n').slice(-1)).toEqual(['EZnd']);
      expect(w.Docs.Documents.get(w.id).body!.content!.at(-1)).toMatchObject({ startIndex: 51, endIndex: 56, paragraph: { elements: [{ textRun: { content: 'EZnd\n', textStyle: { bold: true } } }] } });
    } finally {
      LAYOUT_BLOCK.size = size;
    }
  });

  test('a request refused late in a long batch leaves nothing applied, with its own index', () => {
    const { update, text, Docs, id } = world();
    const before = Docs.Documents.get(id);
    const batch = [...requests(), { insertText: { location: { index: 100000 }, text: 'x' } }];
    expect(fails(() => update(batch))).toContain(`Invalid requests[${batch.length - 1}].insertText: Index 100000 must be less than the end index of the referenced segment`);
    expect(Docs.Documents.get(id)).toEqual(before);
    expect(text()).toBe('Hello\na\t\nEnd');
  });
});
