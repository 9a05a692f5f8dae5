import { createEmulator } from '../../emulator';
import { FORMS_SCOPE } from '../../emulator/forms';

function makeForm(emu: ReturnType<typeof createEmulator>) {
  const FormApp = emu.globals.FormApp;
  const form = FormApp.create('申込フォーム');
  form.addSectionHeaderItem().setTitle('ご案内');
  form.addTextItem().setTitle('氏名').setRequired(true);
  form.addMultipleChoiceItem().setTitle('所属').setChoiceValues(['A事業所', 'B事業所']).showOtherOption(true);
  form.addCheckboxItem().setTitle('希望テーマ').setChoiceValues(['面接', '定着']);
  form.addScaleItem().setTitle('満足度').setBounds(1, 5).setLabels('不満', '満足');
  form.addTextItem().setTitle('メール').setValidation(FormApp.createTextValidation().requireTextIsEmail().build());
  return form;
}

describe('emulated FormApp', () => {
  test('a new form is unpublished and refuses participants until published', () => {
    const emu = createEmulator({ now: new Date('2026-08-01T01:00:00Z') });
    const form = makeForm(emu);
    expect(form.isPublished()).toBe(false);
    expect(form.isAcceptingResponses()).toBe(false);
    expect(() => emu.forms.submit(form.getId(), { 氏名: '山田' })).toThrow(/回答を受け付けていません/);
    form.setPublished(true);
    expect(form.isAcceptingResponses()).toBe(true);
    expect(form.getPublishedUrl()).toMatch(/^https:\/\/docs\.google\.com\/forms\/d\/e\/.+\/viewform$/);
  });

  test('setDestination inserts 「フォームの回答 1」 first with タイムスタンプ and one column per question; a second call makes another sheet', () => {
    const emu = createEmulator({ now: new Date('2026-08-01T01:00:00Z') });
    const form = makeForm(emu);
    const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    form.setDestination(emu.globals.FormApp.DestinationType.SPREADSHEET, ss.getId());
    const sheet = ss.getSheets()[0]!;
    expect(sheet.getName()).toBe('フォームの回答 1');
    expect(sheet.getFormUrl()).toContain(form.getId());
    expect(sheet.getRange(1, 1, 1, 6).getValues()[0]).toEqual(['タイムスタンプ', '氏名', '所属', '希望テーマ', '満足度', 'メール']);
    expect(sheet.getFrozenRows()).toBe(1);
    form.addParagraphTextItem().setTitle('自由記述');
    expect(sheet.getRange(1, 7).getValue()).toBe('自由記述');
    form.getItems(emu.globals.FormApp.ItemType.TEXT)[0]!.setTitle('お名前');
    expect(sheet.getRange(1, 2).getValue()).toBe('お名前');
    expect(form.getDestinationId()).toBe(ss.getId());
    form.setDestination(emu.globals.FormApp.DestinationType.SPREADSHEET, ss.getId());
    expect(ss.getSheets()[0]!.getName()).toBe('フォームの回答 2');
  });

  test('participant answers are validated as the form UI does and land in the response sheet as Google writes them', () => {
    const emu = createEmulator({ now: new Date('2026-08-01T01:00:00Z') });
    const form = makeForm(emu);
    form.setPublished(true);
    const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    form.setDestination(emu.globals.FormApp.DestinationType.SPREADSHEET, ss.getId());
    expect(() => emu.forms.submit(form.getId(), { 所属: 'A事業所' })).toThrow('「氏名」は必須の質問です');
    expect(() => emu.forms.submit(form.getId(), { 氏名: 'x', 満足度: 9 })).toThrow(/満足度/);
    expect(() => emu.forms.submit(form.getId(), { 氏名: 'x', メール: 'not-an-email' })).toThrow(/メール/);
    const r = emu.forms.submit(form.getId(), { 氏名: '=HYPERLINK("x")', 所属: '自由記入の団体', 希望テーマ: ['面接', '定着'], 満足度: 4, メール: 'a@example.jp' });
    expect(r.row).toBe(2);
    expect(r.executions).toEqual([]); // no trigger installed
    const row = ss.getSheets()[0]!.getRange(2, 1, 1, 6).getValues()[0]!;
    expect(row[0]).toBeInstanceOf(Date);
    expect(row.slice(1)).toEqual(['=HYPERLINK("x")', '自由記入の団体', '面接, 定着', 4, 'a@example.jp']);
    expect(ss.getSheets()[0]!.getRange(2, 2).getFormula()).toBe('');
    const responses = form.getResponses();
    expect(responses).toHaveLength(1);
    expect(responses[0]!.getItemResponses().map((ir) => ir.getResponse())).toEqual(['=HYPERLINK("x")', '自由記入の団体', ['面接', '定着'], '4', 'a@example.jp']);
  });

  test('prefilled links carry entry ids, and "other" answers use __other_option__', () => {
    const emu = createEmulator();
    const form = makeForm(emu);
    const [, name, agency] = form.getItems();
    const url = form.createResponse()
      .withItemResponse(name!.asTextItem().createResponse('山田 花子'))
      .withItemResponse(agency!.asMultipleChoiceItem().createResponse('その他の団体'))
      .toPrefilledUrl();
    expect(url).toBe(`${form.getPublishedUrl()}?usp=pp_url&entry.${name!.getId()}=${encodeURIComponent('山田 花子')}&entry.${agency!.getId()}=__other_option__&entry.${agency!.getId()}.other_option_response=${encodeURIComponent('その他の団体')}`);
    expect(() => name!.asScaleItem()).toThrow(/is not a ScaleItem/);
  });

  test('a script submission stores the response but fires no trigger; FormApp needs the forms scope', () => {
    const emu = createEmulator();
    const form = makeForm(emu);
    const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    form.setDestination(emu.globals.FormApp.DestinationType.SPREADSHEET, ss.getId());
    const name = form.getItems()[1]!.asTextItem();
    form.createResponse().withItemResponse(name.createResponse('佐藤')).submit();
    expect(ss.getSheets()[0]!.getRange(2, 2).getValue()).toBe('佐藤');
    expect(emu.forms.executions).toEqual([]);
    const limited = createEmulator({ grantedScopes: [] });
    expect(() => limited.globals.FormApp.create('x')).toThrow(`You do not have permission to call FormApp.create. Required permissions: ${FORMS_SCOPE}`);
  });

  test('FormApp calls are counted in the ledger', () => {
    const emu = createEmulator();
    emu.ledger.within('make', () => makeForm(emu));
    expect(emu.ledger.byMethod('make')['FormApp.FormApp.create']).toBe(1);
    expect(emu.ledger.byService('make').FormApp).toBeGreaterThan(10);
  });
});
