import {
  PamphletAgencySource, TemplateOutline, closestNames, consultationFormUse, defaultTemplate, documentName, fillLine, fillLines, printedPhone,
  formatWareki, nextFreeName, pamphletItems, parseKindOrder, parseTemplate, placeholdersIn, selectAgencies,
} from '../../../src/server/domain/pamphlet';
import type { DocOutline, DocParagraph } from '../../../src/server/domain/doc-requests';
import { templateProblem } from '../../../src/server/i18n/messages';

export function agency(over: Partial<PamphletAgencySource> & { name: string }): PamphletAgencySource {
  return {
    row: 2, kana: '', kind: '就労移行支援', postalCode: '', address: '', station: '', phone: '', fax: '', email: '', url: '',
    disabilities: [], companySupport: [], companyContact: '', features: '', hours: '', consent: '同意', registryProblems: [], ...over,
  };
}

/** The default template as the workspace would read it back from the Doc. */
export function defaultOutline(): TemplateOutline {
  const t = defaultTemplate();
  return {
    body: t.body.map((el) => (el.type === 'TABLE' ? { type: 'TABLE' as const, text: '', cells: el.cells } : { type: 'PARAGRAPH' as const, text: el.text })),
    header: t.header,
    footer: t.footer,
  };
}

describe('selection: consent, registry check, grouping and 五十音 order', () => {
  test('only 同意 and valid rows are included; every other row says why', () => {
    const s = selectAgencies([
      agency({ row: 2, name: 'A', consent: '同意' }),
      agency({ row: 3, name: 'B', consent: '未同意' }),
      agency({ row: 4, name: 'C', consent: '撤回' }),
      agency({ row: 5, name: 'D', consent: '' }),
      agency({ row: 6, name: 'E', registryProblems: ['電話: 数字でない文字があります'] }),
    ], []);
    expect(s.included.map((e) => e.name)).toEqual(['A']);
    expect(s.excluded).toEqual([
      { row: 3, name: 'B', reason: '未同意' },
      { row: 4, name: 'C', reason: '撤回' },
      { row: 5, name: 'D', reason: '未同意' },
      { row: 6, name: 'E', reason: '名簿の確認で不備: 電話: 数字でない文字があります。' },
    ]);
  });

  test('groups follow the configured 種別 order (others after, 五十音); inside a group 名称カナ decides', () => {
    const s = selectAgencies([
      agency({ row: 2, name: '渋谷ワークス', kana: 'しぶやわーくす', kind: '就労継続支援B型' }),
      agency({ row: 3, name: '青葉センター', kana: 'アオバセンター', kind: '就労移行支援' }),
      agency({ row: 4, name: '梅の木', kana: 'うめのき', kind: '就労移行支援' }),
      agency({ row: 5, name: '愛和', kana: 'あいわ', kind: '就労移行支援' }),
      agency({ row: 6, name: 'ハローワーク', kana: 'はろーわーく', kind: 'ハローワーク専門援助部門' }),
      agency({ row: 7, name: '星', kana: 'ほし', kind: '就業・生活支援センター' }),
    ], parseKindOrder('就労継続支援B型、就労移行支援'));
    expect(s.groups.map((g) => g.kind)).toEqual(['就労継続支援B型', '就労移行支援', 'ハローワーク専門援助部門', '就業・生活支援センター']);
    // Kanji order would put 愛和 after 梅の木 and 青葉; kana (mixed hiragana/katakana) gives あいわ, あおば, うめのき.
    expect(s.groups[1]!.entries.map((e) => e.name)).toEqual(['愛和', '青葉センター', '梅の木']);
    expect(s.included.map((e) => e.name)).toEqual(['渋谷ワークス', '愛和', '青葉センター', '梅の木', 'ハローワーク', '星']);
  });

  test('values are the pamphlet fields only, formatted: 〒, phone hyphens, multi-values joined with ・; empty fields listed', () => {
    const [e] = selectAgencies([agency({
      name: '青葉', postalCode: '1500001', address: '東京都渋谷区神宮前1-1', phone: '0312345678', fax: '', disabilities: ['知的', '精神', ''],
      companySupport: ['職場実習', 'ジョブコーチ'],
    })], []).included;
    expect(e!.values.所在地).toBe('〒150-0001 東京都渋谷区神宮前1-1');
    expect(e!.values.電話).toBe('03-1234-5678');
    expect(e!.values.対象障害).toBe('知的・精神');
    expect(e!.values.企業向け支援).toBe('職場実習・ジョブコーチ');
    expect(e!.emptyFields).toEqual(['最寄駅', 'FAX', 'メール', 'URL', '企業向け窓口', '特色', '開所日時']);
    expect(Object.keys(e!.values).sort()).toEqual(['FAX', 'URL', 'メール', '企業向け支援', '企業向け窓口', '名称', '対象障害', '所在地', '最寄駅', '特色', '種別', '開所日時', '電話'].sort());
    expect(printedPhone('09012345678')).toBe('090-1234-5678');
    expect(printedPhone('03-1111-2222')).toBe('03-1111-2222');
  });
});

describe('lines and the agency table', () => {
  test('a line whose placeholders are all empty is left out; a line with one filled placeholder stays', () => {
    expect(fillLine('FAX：{{FAX}}', { FAX: '' })).toBeNull();
    expect(fillLine('電話：{{電話}}　FAX：{{FAX}}', { 電話: '03', FAX: '' })).toBe('電話：03　FAX：');
    expect(fillLine('固定の文', {})).toBe('固定の文');
    expect(fillLines('〒{{所在地}}\nFAX：{{FAX}}\n最寄駅：{{最寄駅}}', { 所在地: 'x', FAX: '', 最寄駅: 'y' })).toBe('〒x\n最寄駅：y');
    expect(fillLine('{{名称}} costs $& and $1', { 名称: '$1.*' })).toBe('$1.* costs $& and $1');
  });

  test('the group\'s heading in the template\'s style, then its table: the header row once, the agency row per agency, names bold', () => {
    const outline = defaultOutline();
    const result = parseTemplate(outline);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const p = (text: string, style = {}): DocParagraph => ({ kind: 'paragraph', start: 0, end: 0, text, style, runStyle: {}, list: false, removable: true });
    // The template as read from Docs (indexes do not matter here): the heading paragraph is HEADING_1.
    const doc: DocOutline = {
      header: null, footer: null,
      body: outline.body.map((el) => (el.type === 'TABLE'
        ? { kind: 'table' as const, start: 0, end: 0, rows: el.cells!.map((row) => row.map((cell) => cell.split('\n').map((line) => p(line)))), columnWidths: [{ magnitude: 100, unit: 'PT' }, null, null], cellStyle: null }
        : p(el.text, el.text.startsWith('{{種別}}') ? { namedStyleType: 'HEADING_1' } : {}))),
    };
    const s = selectAgencies([agency({ row: 2, name: 'い', kana: 'い', fax: '0311112222' }), agency({ row: 3, name: 'あ', kana: 'あ' })], []);
    const items = pamphletItems(doc, result.plan, s.groups, { ネットワーク名: 'N' });
    expect(items[0]).toEqual({ kind: 'paragraph', text: '就労移行支援（2団体）', style: { namedStyleType: 'HEADING_1' }, textStyle: {} });
    const table = items[1]!;
    if (table.kind !== 'table') throw new Error('table');
    expect(table.columnWidths).toEqual([{ magnitude: 100, unit: 'PT' }, null, null]);
    expect(table.cells.map((r) => r.map((c) => c.text))[0]).toEqual(['機関名', '所在地・連絡先', '企業向けの支援']);
    expect(table.cells.map((r) => r[0]!.text)).toEqual(['機関名', 'あ', 'い']);
    expect(table.cells.map((r) => r[0]!.bold)).toEqual([undefined, [{ start: 0, length: 1 }], [{ start: 0, length: 1 }]]);
    expect(table.cells[1]![1]!.text).toBe(''); // every line of the contact cell was empty
    expect(table.cells[2]![1]!.text).toBe('FAX：03-1111-2222');
  });
});

describe('template problems are reported and nothing is planned', () => {
  const withBody = (mutate: (o: TemplateOutline) => void) => {
    const o = defaultOutline();
    mutate(o);
    return parseTemplate(o);
  };
  const messages = (r: ReturnType<typeof parseTemplate>) => (r.ok ? [] : r.problems.map((p) => templateProblem('ja', p)));

  test('the default template is valid and its parts are found', () => {
    const r = parseTemplate(defaultOutline());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([r.plan.groupStart, r.plan.blockStart, r.plan.tableIndex, r.plan.blockEnd, r.plan.groupEnd]).toEqual([4, 6, 7, 8, 9]);
    expect(r.plan.groupBefore).toEqual([5]);
  });

  test('an unknown placeholder is reported with the closest known names', () => {
    const r = withBody((o) => { o.body[3]!.text = '電話番号：{{電話番号}} {{ネットワーク}}'; });
    expect(messages(r)).toEqual([
      expect.stringMatching(/^本文の4番目の段落の \{\{電話番号\}\} は使えない差し込み項目です。近い項目: \{\{電話\}\}/),
      expect.stringMatching(/\{\{ネットワーク\}\} は使えない差し込み項目です。近い項目: \{\{ネットワーク名\}\}/),
    ]);
    expect(closestNames('備考')).toHaveLength(3);
    expect(messages(withBody((o) => { o.header = '{{氏名}}'; }))[0]).toContain('ヘッダーの {{氏名}} は使えない差し込み項目です');
  });

  test('missing, duplicated, misplaced or out-of-order markers are clear errors', () => {
    expect(messages(withBody((o) => { o.body.splice(6, 1); }))).toEqual(['ひな形に区切り {{#団体}} がありません。']);
    expect(messages(withBody((o) => { o.body.push({ type: 'PARAGRAPH', text: '{{/種別}}' }); }))).toEqual(['区切り {{/種別}} が2か所にあります。1か所にしてください。']);
    expect(messages(withBody((o) => { o.body[8]!.text = '{{/団体}} ここまで'; }))).toContain('区切り {{/団体}} は、それだけを書いた段落に置いてください（本文の9番目の段落）。');
    expect(messages(withBody((o) => { [o.body[6], o.body[8]] = [o.body[8]!, o.body[6]!]; }))[0]).toMatch(/^区切りの順序が正しくありません/);
    expect(messages(withBody((o) => { o.body[3]!.text = '{{名称}}'; }))[0]).toContain('{{名称}} は団体の項目です');
    expect(messages(withBody((o) => { o.body[3]!.text = '{{名称'; }))[0]).toContain('閉じていない');
    expect(messages(withBody((o) => { o.body.splice(7, 0, { type: 'PARAGRAPH', text: '説明' }); }))[0]).toContain('表を1つだけ置いてください');
  });
});

describe('dates and names', () => {
  test('和暦 switches to 令和 on 2019-05-01 and writes 元年', () => {
    expect(formatWareki({ year: 2019, month: 4, day: 30 })).toBe('平成31年4月30日');
    expect(formatWareki({ year: 2019, month: 5, day: 1 })).toBe('令和元年5月1日');
    expect(formatWareki({ year: 2025, month: 8, day: 1 })).toBe('令和7年8月1日');
  });

  test('the document name follows the pattern; a taken name gets a suffix', () => {
    const name = documentName('就労支援機関ガイド_YYYY-MM-DD', { year: 2025, month: 8, day: 1 });
    expect(name).toBe('就労支援機関ガイド_2025-08-01');
    const taken = new Set([name, `${name}_2`]);
    expect(nextFreeName(name, (n) => taken.has(n))).toBe(`${name}_3`);
    expect(placeholdersIn('{{ 名称 }}{{#種別}}{{/団体}}{{発行日(西暦)}}')).toEqual(['名称', '発行日(西暦)']);
  });
});

describe('what the template asks of the company form (issue 18: the link read only when shown, the QR in fewer calls)', () => {
  const use = (mutate: (o: TemplateOutline) => void = () => {}) => {
    const o = defaultOutline();
    mutate(o);
    const r = parseTemplate(o);
    if (!r.ok) throw new Error('template');
    return consultationFormUse(o, r.plan);
  };
  const drop = (name: string) => (o: TemplateOutline) => { o.body = o.body.filter((el) => !el.text.includes(name)); };

  test('the default template: the link is read; one QR mark, a paragraph of its own', () => {
    expect(use()).toEqual({ link: true, qrMarks: 1 });
  });

  test('without either placeholder nothing is read; with the link alone no QR is put in', () => {
    expect(use((o) => { drop('企業相談フォーム}}')(o); drop('企業相談QR')(o); })).toEqual({ link: false, qrMarks: 0 });
    expect(use(drop('企業相談QR'))).toEqual({ link: true, qrMarks: 0 });
    // Only in the footer: still read (the link is filled there).
    expect(use((o) => { drop('企業相談フォーム}}')(o); drop('企業相談QR')(o); o.footer = '相談：{{ 企業相談フォーム }}'; })).toEqual({ link: true, qrMarks: 0 });
  });

  test('a QR mark sharing its paragraph, in a table or in the 種別 section is cut out as before (null)', () => {
    const qrAt = (o: TemplateOutline) => o.body.findIndex((el) => el.text.includes('企業相談QR'));
    expect(use((o) => { o.body[qrAt(o)]!.text = 'QR：{{企業相談QR}}'; }).qrMarks).toBeNull();
    expect(use((o) => { o.body[qrAt(o)]!.text = '{{企業相談QR}}{{企業相談QR}}'; }).qrMarks).toBeNull();
    expect(use((o) => { o.body.push({ type: 'TABLE', text: '', cells: [['見出し', 'QR：{{企業相談QR}}']] }); }).qrMarks).toBeNull();
    expect(use((o) => { o.body.splice(5, 0, { type: 'PARAGRAPH', text: '{{企業相談QR}}' }); }).qrMarks).toBeNull();
    // Two of their own (one in a table cell's line) are counted; spaces inside the braces are the same mark.
    expect(use((o) => { o.body.push({ type: 'TABLE', text: '', cells: [['見出し', 'a\n{{ 企業相談QR }}']] }); }).qrMarks).toBe(2);
  });
});
