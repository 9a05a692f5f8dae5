import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { withEmulator, toBase64 } from '../../../support/globals';
import { setUpWorkbook } from '../../../../src/server/workspace/features/setup';
import { importCsv } from '../../../../src/server/workspace/features/csvImport';
import { Settings } from '../../../../src/server/workspace/settings';
import { PAMPHLET_SETTINGS, createPamphletTemplate, generatePamphlet, pamphletSelection, previewPamphlet } from '../../../../src/server/workspace/features/pamphlet';
import { parseTemplate, PAMPHLET_FIELDS, placeholdersIn, TemplatePlan } from '../../../../src/server/domain/pamphlet';

/** Escapes a literal for an RE2 pattern (the naive fill's replaceText). */
const escapeRe2 = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** replaceText calls a naive fill makes: one per agency placeholder of the repeating rows, per agency. */
function naiveReplaceCalls(plan: TemplatePlan, agencyCount: number): number {
  const fields: readonly string[] = PAMPHLET_FIELDS;
  return plan.repeatingRows.flat().reduce((n, cell) => n + placeholdersIn(cell).filter((p) => fields.includes(p)).length, 0) * agencyCount;
}
import { AGENCY_KINDS } from '../../../../src/server/domain/schema';
import { UserFacingError } from '../../../../src/server/workspace/errors';
import { DEMO_AGENCIES_CSV } from '../../../../scripts/demo/agencies';
import { documentSections } from '../../../../emulator/drive';
import { documentHtml, documentText, filesIn, validAgenciesCsv } from '../../../support/pamphlet';
import { GOOGLE_SCOPES, SCOPES } from '../../../../src/server/scopes';

const fixture = readFileSync(path.join(__dirname, '..', '..', '..', 'fixtures', 'agencies.csv'), 'utf8');

function seeded(csv: string = fixture) {
  const emu = withEmulator({ now: new Date('2026-02-02T09:00:00+09:00') });
  const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
  setUpWorkbook(ss, 'ja');
  importCsv(ss, toBase64(csv), 'ja');
  return { emu, ss };
}

function withTemplate(csv?: string) {
  const s = seeded(csv);
  const template = createPamphletTemplate(s.ss, 'ja');
  return { ...s, template };
}

/** The outline of a Doc as the domain parses it, read from the emulator's model (no calls). */
function outlineOf(emu: ReturnType<typeof seeded>['emu'], id: string) {
  const sections = documentSections(emu.drive, id)!;
  return {
    body: sections.body.children.map((c) => (c.kind === 'TABLE'
      ? { type: 'TABLE' as const, text: '', cells: (c as unknown as { children: { children: { getText(): string }[] }[] }).children.map((r) => r.children.map((cell) => cell.getText())) }
      : { type: 'PARAGRAPH' as const, text: c.getText() })),
    header: sections.header?.getText() ?? null,
    footer: sections.footer?.getText() ?? null,
  };
}

describe('「パンフレットのひな形を作成」', () => {
  test('creates one valid template in the add-on folder, stores its id, and does not make a second one', () => {
    const { emu, ss, template } = withTemplate();
    expect(template.created).toBe(true);
    const settings = Settings.open(ss);
    expect(settings.get(PAMPHLET_SETTINGS.templateId)).toBe(template.id);
    const file = emu.drive.files.get(template.id)!;
    expect(file.createdByApp).toBe(true);
    expect(file.parents).toEqual([settings.get(PAMPHLET_SETTINGS.folderId)]);
    expect(parseTemplate(outlineOf(emu, template.id)).ok).toBe(true);
    const docsBefore = emu.documents.docs.size;
    const again = createPamphletTemplate(ss, 'ja');
    expect(again).toMatchObject({ created: false, id: template.id });
    expect(emu.documents.docs.size).toBe(docsBefore);
  });
});

describe('「パンフレットを作成」', () => {
  test('lists consented, valid agencies grouped by 種別 in the configured order and 五十音 within, with reasons for the rest', () => {
    const { emu, ss } = withTemplate();
    const result = generatePamphlet(ss, 'ja', { issuedOn: '2026-02-02' });
    expect(result.name).toBe('就労支援機関ガイド_2026-02-02');
    expect(result.excluded).toEqual(expect.arrayContaining([
      { name: 'みらい就労ラボ', row: 5, reason: '未同意' },
      { name: 'ジョブコーチセンターともに', row: 9, reason: '撤回' },
    ]));
    expect(result.excluded.find((x) => x.row === 10)!.reason).toMatch(/^名称が未入力|^名簿の確認で不備/);
    expect(result.excluded.find((x) => x.name === 'ワークスペースひかり')!.reason).toMatch(/^名簿の確認で不備: /);

    // Order: groups as in the default 種別 order, then 名称カナ within a group.
    const text = documentText(emu, result.documentId);
    const positions = result.included.map((n) => text.indexOf(n));
    expect(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!))).toBe(true);
    const headings = [...text.matchAll(/^(.+)（(\d+)団体）$/gm)].map((m) => m[1]!);
    expect(headings).toEqual(AGENCY_KINDS.filter((k) => headings.includes(k)));
    expect(headings.length).toBeGreaterThan(3);

    // Everything was filled; no marker or placeholder is left; header and footer too.
    expect(text).not.toMatch(/\{\{|\}\}/);
    const sections = documentSections(emu.drive, result.documentId)!;
    expect(sections.header!.getText()).toBe('就労支援ネットワーク　就労支援機関ガイド');
    expect(sections.footer!.getText()).toBe('発行：就労支援ネットワーク　令和8年2月2日（2026年2月2日）');
    expect(text).toContain(`掲載団体数：${result.included.length}`);
  });

  test('a line whose placeholders are all empty is left out; multi-values are joined with ・', () => {
    const { emu, ss } = withTemplate();
    const result = generatePamphlet(ss, 'ja', { issuedOn: '2026-02-02' });
    const html = documentHtml(emu, result.documentId);
    // かがやき has no FAX and no URL: its contact cell has no 「FAX：」 line.
    // The agency's name is bold (the Docs API batch styles it).
    const row = /<tr><td><p><strong>就労支援センターかがやき<\/strong><\/p><\/td><td>(.*?)<\/td><td>(.*?)<\/td><\/tr>/.exec(html)!;
    expect(row).not.toBeNull();
    expect(row[1]).not.toContain('FAX');
    expect(row[1]).toContain('<p>電話：03-5211-1234</p>');
    expect(row[2]).toContain('対象障害：身体・知的・精神・発達・難病');
    const aoba = /<tr><td><p><strong>ワークサポートあおば<\/strong><\/p><\/td><td>(.*?)<\/td>/.exec(html)!;
    expect(aoba[1]).toContain('<p>FAX：03-5211-0002</p>');
  });

  test('writes the Doc, then a PDF of the saved Doc beside it, and records both in 発行記録 (once: not in 設定)', () => {
    const { emu, ss } = withTemplate();
    const result = generatePamphlet(ss, 'ja', { issuedOn: '2026-02-02' });
    const folderId = Settings.open(ss).get(PAMPHLET_SETTINGS.folderId);
    expect(filesIn(emu, folderId)).toEqual(['パンフレットのひな形（就労支援機関ガイド）', '就労支援機関ガイド_2026-02-02', '就労支援機関ガイド_2026-02-02.pdf'].sort());
    const pdf = emu.drive.files.get(result.pdfId)!;
    expect(pdf.mimeType).toBe('application/pdf');
    expect(pdf.pdfText!.join('\n')).toBe(documentText(emu, result.documentId));
    const settings = Settings.open(ss);
    for (const key of [PAMPHLET_SETTINGS.latestDocument, PAMPHLET_SETTINGS.latestPdf, PAMPHLET_SETTINGS.latestAt]) expect(settings.has(key)).toBe(false);
    const record = ss.getSheetByName('発行記録')!;
    expect(record.isSheetHidden()).toBe(true);
    expect(record.getDataRange().getValues()).toEqual([
      ['種類', '発行日', '名称', '文書id', 'URL', '掲載団体id', 'PDF'],
      ['パンフレット', '2026-02-02', '就労支援機関ガイド_2026-02-02', result.documentId, result.url, expect.any(String), result.pdfUrl],
    ]);
  });

  test('a volunteer\'s own sheet named 発行記録 is never written: the run stops, naming it, and trashes what it made', () => {
    const { emu, ss } = withTemplate();
    const own = ss.insertSheet('発行記録');
    own.getRange(1, 1, 1, 2).setValues([['メモ', '担当']]);
    expect(() => generatePamphlet(ss, 'ja', { issuedOn: '2026-02-02' })).toThrow(/「発行記録」/);
    expect(own.getDataRange().getValues()).toEqual([['メモ', '担当']]);
    expect([...emu.drive.files.values()].filter((f) => f.name.startsWith('就労支援機関ガイド_') && !f.trashed)).toEqual([]);
  });

  test('a workbook whose 設定 has the 「パンフレット最新…」 rows of an earlier version keeps them current', () => {
    const { ss } = withTemplate();
    const old = Settings.open(ss);
    old.set(PAMPHLET_SETTINGS.latestDocument, 'https://docs.google.com/document/d/older/edit');
    old.flush();
    const result = generatePamphlet(ss, 'ja', { issuedOn: '2026-02-02' });
    const settings = Settings.open(ss);
    expect(settings.get(PAMPHLET_SETTINGS.latestDocument)).toBe(result.url);
    expect(settings.get(PAMPHLET_SETTINGS.latestPdf)).toBe(result.pdfUrl);
    expect(settings.get(PAMPHLET_SETTINGS.latestAt)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });

  test('a re-run makes a new version with a suffix and leaves the earlier one untouched', () => {
    const { emu, ss } = withTemplate();
    const first = generatePamphlet(ss, 'ja', { issuedOn: '2026-02-02' });
    const before = documentText(emu, first.documentId);
    // A volunteer changes the registry between the runs.
    const sheet = ss.getSheetByName('団体')!;
    sheet.getRange(5, 19 + 1).setValue('同意');
    const second = generatePamphlet(ss, 'ja', { issuedOn: '2026-02-02' });
    expect(second.name).toBe('就労支援機関ガイド_2026-02-02_2');
    expect(second.documentId).not.toBe(first.documentId);
    expect(documentText(emu, first.documentId)).toBe(before);
  });

  test('regex metacharacters: the placeholder name {{発行日(西暦)}} and a network name holding $& and .* are filled literally', () => {
    const { emu, ss } = withTemplate();
    const settings = Settings.open(ss);
    // (The value even holds the placeholder itself: it is written once, not matched again.)
    settings.set(PAMPHLET_SETTINGS.networkName, 'ネット$&ワーク.*(1)\\{{ネットワーク名}}');
    settings.flush();
    const result = generatePamphlet(ss, 'ja', { issuedOn: '2026-02-02' });
    const sections = documentSections(emu.drive, result.documentId)!;
    expect(sections.header!.getText()).toBe('ネット$&ワーク.*(1)\\{{ネットワーク名}}　就労支援機関ガイド');
    expect(sections.footer!.getText()).toBe('発行：ネット$&ワーク.*(1)\\{{ネットワーク名}}　令和8年2月2日（2026年2月2日）');
    expect(sections.footer!.getText()).toContain('（2026年2月2日）');
  });
});

describe('bad templates create nothing', () => {
  function breakTemplate(emu: ReturnType<typeof seeded>['emu'], id: string, change: (body: GoogleAppsScript.Document.Body) => void) {
    const doc = emu.globals.DocumentApp.openById(id);
    change(doc.getBody());
    doc.saveAndClose();
  }
  const attempt = (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) => {
    try {
      generatePamphlet(ss, 'ja', { issuedOn: '2026-02-02' });
    } catch (e) {
      if (e instanceof UserFacingError) return e.message;
      throw e;
    }
    throw new Error('no error');
  };

  test('an unknown placeholder is named with the closest known ones', () => {
    const { emu, ss, template } = withTemplate();
    breakTemplate(emu, template.id, (body) => body.appendParagraph('お問い合わせ：{{電話番号}}'));
    const files = emu.drive.files.size;
    const message = attempt(ss);
    expect(message).toContain('ひな形に直すところがあるため、パンフレットは作成していません。');
    expect(message).toMatch(/\{\{電話番号\}\} は使えない差し込み項目です。近い項目: \{\{電話\}\}/);
    expect(emu.drive.files.size).toBe(files);
  });

  test('a missing or unbalanced block marker is a clear message', () => {
    const { emu, ss, template } = withTemplate();
    breakTemplate(emu, template.id, (body) => {
      for (let i = 0; i < body.getNumChildren(); i++) {
        const p = body.getChild(i);
        if (p.getType() === DocumentApp.ElementType.PARAGRAPH && p.asParagraph().getText() === '{{/団体}}') { p.removeFromParent(); break; }
      }
    });
    const docs = emu.documents.docs.size;
    expect(attempt(ss)).toContain('ひな形に区切り {{/団体}} がありません。');
    expect(emu.documents.docs.size).toBe(docs);
    breakTemplate(emu, template.id, (body) => { body.appendParagraph('{{/団体}}'); body.appendParagraph('{{#団体}}'); });
    expect(attempt(ss)).toContain('{{#団体}} が2か所にあります');
  });

  test('a template made by hand (not by the add-on) is unreachable under drive.file and says what to do', () => {
    const { ss } = seeded();
    const settings = Settings.open(ss);
    settings.set(PAMPHLET_SETTINGS.templateId, 'handmade-doc-id');
    settings.flush();
    expect(attempt(ss)).toContain('ひな形（設定「パンフレットひな形ID」: handmade-doc-id）を開けません');
  });
});

describe('personal data', () => {
  test('no participant name or email from the ledger, and no agency field outside the pamphlet list, reaches the pamphlet', () => {
    const { emu, ss } = withTemplate();
    // Participants in the ledger, and agency columns that are not pamphlet fields, all with distinctive text.
    const ledger = ss.getSheetByName('参加者台帳')!;
    ledger.getRange(2, 1, 2, 7).setValues([
      ['r1', 'EV-1', '山田花子', 'やまだはなこ', 'ワークサポートあおば', '支援員', 'hanako.yamada@private.example'],
      ['r2', 'EV-1', '佐藤一郎', 'さとういちろう', '就労支援センターかがやき', '相談員', 'ichiro@private.example'],
    ]);
    const agencies = ss.getSheetByName('団体')!;
    const headers = agencies.getRange(1, 1, 1, agencies.getLastColumn()).getValues()[0]!;
    const col = (h: string) => headers.indexOf(h) + 1;
    agencies.getRange(2, col('備考')).setValue('秘密の備考メモ');
    agencies.getRange(2, col('運営法人')).setValue('秘密法人');
    agencies.getRange(2, col('利用者向け支援')).setValue('利用者向けの秘密');
    const result = generatePamphlet(ss, 'ja', { issuedOn: '2026-02-02' });
    const outputs = [documentText(emu, result.documentId), documentHtml(emu, result.documentId), emu.drive.files.get(result.pdfId)!.pdfText!.join('\n')];
    for (const out of outputs) {
      for (const secret of ['山田花子', 'やまだはなこ', 'hanako.yamada@private.example', '佐藤一郎', 'ichiro@private.example', '秘密の備考メモ', '秘密法人', '利用者向けの秘密', 'グループ', 'AG-0']) {
        expect(out).not.toContain(secret);
      }
    }
    expect(outputs[0]).toContain('ワークサポートあおば');
  });

  test('a template asking for a non-pamphlet field ({{備考}}, {{氏名}}, {{メールアドレス}}) is refused', () => {
    const { emu, ss, template } = withTemplate();
    const doc = emu.globals.DocumentApp.openById(template.id);
    doc.getBody().appendParagraph('{{備考}} {{氏名}}');
    doc.saveAndClose();
    let message = '';
    try { generatePamphlet(ss, 'ja'); } catch (e) { message = (e as Error).message; }
    expect(message).toContain('{{備考}} は使えない差し込み項目です');
    expect(message).toContain('{{氏名}} は使えない差し込み項目です');
    expect(PAMPHLET_FIELDS).not.toContain('備考');
  });
});

describe('preview', () => {
  test('shows included agencies in order, excluded with reasons and empty fields, and creates nothing', () => {
    const { emu, ss } = withTemplate();
    const files = emu.drive.files.size;
    const calls = emu.ledger.records.length;
    const preview = previewPamphlet(ss, 'ja');
    expect(emu.drive.files.size).toBe(files);
    const created = emu.ledger.records.slice(calls).filter((r) => /create|makeCopy|insert|append|set|remove|replace/i.test(r.method.split('.')[1]!));
    expect(created.map((r) => r.method)).toEqual([]);
    expect(preview.templateProblems).toEqual([]);
    const generated = generatePamphlet(ss, 'ja', { issuedOn: '2026-02-02' });
    expect(preview.included).toEqual(generated.included);
    expect(preview.excluded).toEqual(generated.excluded);
    const kagayaki = preview.groups.flatMap((g) => g.agencies).find((a) => a.name === '就労支援センターかがやき')!;
    expect(kagayaki.emptyFields).toEqual(['FAX', 'URL']);
  });
});

describe('calls: the pamphlet is written per 種別 group, not per agency', () => {
  /**
   * The yardstick, run on the emulator: fill a copy the straightforward way — per agency, copy the template's
   * block table, insert it, and call replaceText once per placeholder.
   */
  function naiveFill(emu: ReturnType<typeof seeded>['emu'], ss: GoogleAppsScript.Spreadsheet.Spreadsheet, templateId: string): void {
    const selection = pamphletSelection(ss, Settings.open(ss), 'ja');
    emu.ledger.within('naive', () => {
      const { Drive: drive, DocumentApp: docs } = emu.globals;
      const copy = drive!.Files.copy({ name: 'naive' }, templateId);
      const doc = docs.openById(copy.id!);
      const body = doc.getBody();
      const block = body.getTables()[0]!;
      for (const group of selection.groups) {
        for (const entry of group.entries) {
          const table = body.appendTable(block.copy());
          for (const name of placeholdersIn(block.getText())) {
            table.replaceText(escapeRe2(`{{${name}}}`), (entry.values as Record<string, string>)[name] ?? '');
          }
        }
      }
      doc.saveAndClose();
    });
  }

  function docsCallsFor(csv: string) {
    const { emu, ss, template } = withTemplate(csv);
    const plan = parseTemplate(outlineOf(emu, template.id));
    if (!plan.ok) throw new Error('template');
    const result = emu.ledger.within('pamphlet', () => generatePamphlet(ss, 'ja', { issuedOn: '2026-02-02' }));
    naiveFill(emu, ss, template.id);
    return {
      included: result.included.length,
      docs: emu.ledger.count({ operation: 'pamphlet', service: 'DocumentApp' }) + emu.ledger.count({ operation: 'pamphlet', service: 'Docs' }),
      drive: emu.ledger.count({ operation: 'pamphlet', service: 'Drive' }),
      naiveMeasured: emu.ledger.count({ operation: 'naive', service: 'DocumentApp' }),
      naiveReplaceOnly: naiveReplaceCalls(plan.plan, result.included.length),
    };
  }

  test('16 agencies (demo) and 200 agencies: ≥ 20× fewer Docs calls than one replaceText per placeholder per agency', () => {
    const demo = docsCallsFor(DEMO_AGENCIES_CSV);
    const small = docsCallsFor(validAgenciesCsv(40));
    const large = docsCallsFor(validAgenciesCsv(200));
    expect(large.included).toBe(200);
    // Both yardsticks: the measured naive fill, and its replaceText calls alone.
    expect(large.naiveMeasured).toBeGreaterThan(large.naiveReplaceOnly);
    expect(large.docs * 20).toBeLessThanOrEqual(large.naiveReplaceOnly);
    expect(large.docs * 20).toBeLessThanOrEqual(large.naiveMeasured);
    // Same four 種別 groups: the number of agencies does not change the number of Docs or Drive calls.
    expect(large.docs).toBe(small.docs);
    expect(large.drive).toBe(small.drive);
    expect(demo.docs).toBeLessThan(demo.naiveMeasured);
    // Recorded for the report (visible in the test output): demo (16 rows), 40 and 200 agencies.
    console.info(JSON.stringify({ demo, small, large }));
  });
});

describe('Drive through the Advanced Drive service, under the manifest\'s drive.file', () => {
  const driveCalls = (calls: Record<string, number>) => Object.fromEntries(Object.entries(calls).filter(([k]) => k.startsWith('Drive')));

  test('the emulator runs with exactly the manifest\'s scopes: drive.file, never the broad drive scope', () => {
    const { emu } = seeded();
    expect(emu.runtime.grantedScopes).toContain(SCOPES.driveFile);
    expect(emu.runtime.grantedScopes).not.toContain(GOOGLE_SCOPES.drive);
    expect(emu.runtime.grantedScopes).not.toContain(GOOGLE_SCOPES.driveReadonly);
  });

  test('the template: the folder and the Doc are made by Drive.Files.create (files this app created), no DriveApp call', () => {
    const { emu, ss } = seeded();
    emu.ledger.reset();
    const template = emu.ledger.within('template', () => createPamphletTemplate(ss, 'ja'));
    const calls = emu.ledger.byMethod('template');
    expect(driveCalls(calls)).toEqual({ 'Drive.Files.create': 2 });
    expect(emu.ledger.count({ operation: 'template', service: 'DriveApp' })).toBe(0);
    // Written through the Docs API by the id Drive gave: the body with a new header and footer, then their text.
    expect(calls['Docs.Documents.batchUpdate']).toBe(2);
    expect(emu.ledger.count({ operation: 'template', service: 'DocumentApp' })).toBe(0);
    const folderId = Settings.open(ss).get(PAMPHLET_SETTINGS.folderId);
    expect(emu.drive.folders.get(folderId)).toMatchObject({ createdByApp: true, trashed: false });
    expect(emu.drive.files.get(template.id)).toMatchObject({ createdByApp: true, parents: [folderId], mimeType: 'application/vnd.google-apps.document' });
    expect(template.url).toBe(`https://docs.google.com/document/d/${template.id}/edit?usp=drivesdk`);
  });

  test('generation: one list of the folder (template, folder and names), one copy, one PDF create — nothing else in Drive', () => {
    const { emu, ss } = withTemplate();
    emu.ledger.reset();
    const result = emu.ledger.within('gen', () => generatePamphlet(ss, 'ja', { issuedOn: '2026-02-02' }));
    expect(driveCalls(emu.ledger.byMethod('gen'))).toEqual({ 'Drive.Files.list': 1, 'Drive.Files.copy': 1, 'Drive.Files.create': 1 });
    expect(emu.ledger.count({ operation: 'gen', service: 'DriveApp' })).toBe(0);
    // The PDF comes from Document.getAs of the saved copy.
    expect(emu.ledger.byMethod('gen')['DocumentApp.Document.getAs']).toBe(1);
    const folderId = Settings.open(ss).get(PAMPHLET_SETTINGS.folderId);
    for (const id of [result.documentId, result.pdfId]) expect(emu.drive.files.get(id)).toMatchObject({ createdByApp: true, parents: [folderId], trashed: false });
    // A second run the same day finds the taken name in that same list: no call more.
    emu.ledger.reset();
    const second = emu.ledger.within('gen2', () => generatePamphlet(ss, 'ja', { issuedOn: '2026-02-02' }));
    expect(driveCalls(emu.ledger.byMethod('gen2'))['Drive.Files.list']).toBe(1);
    expect(second.name).not.toBe(result.name);
    // A template kept outside the folder is asked for (get), and so is the folder; names then one list each.
    emu.drive.files.get(Settings.open(ss).get(PAMPHLET_SETTINGS.templateId))!.parents = ['root-folder'];
    emu.ledger.reset();
    emu.ledger.within('gen3', () => generatePamphlet(ss, 'ja', { issuedOn: '2026-02-02' }));
    expect(driveCalls(emu.ledger.byMethod('gen3'))).toEqual({ 'Drive.Files.get': 2, 'Drive.Files.list': 4, 'Drive.Files.copy': 1, 'Drive.Files.create': 1 });
  });

  test('a template made by hand (not by the add-on) is "not found" under drive.file: a clear message, nothing created', () => {
    const { emu, ss } = withTemplate();
    const handmade = emu.drive.addUserFile('手作り', 'application/vnd.google-apps.document', 'x');
    const settings = Settings.open(ss);
    settings.set(PAMPHLET_SETTINGS.templateId, handmade.id);
    settings.flush();
    const files = emu.drive.files.size;
    expect(() => generatePamphlet(ss, 'ja', { issuedOn: '2026-02-02' })).toThrow(UserFacingError);
    expect(() => generatePamphlet(ss, 'ja', { issuedOn: '2026-02-02' })).toThrow(/ひな形.*を開けません/);
    expect(emu.drive.files.size).toBe(files);
  });

  test('a template in a trashed output folder is trashed too (Drive): a clear message, nothing created', () => {
    const { emu, ss } = withTemplate();
    emu.drive.folders.get(Settings.open(ss).get(PAMPHLET_SETTINGS.folderId))!.trashed = true;
    const files = emu.drive.files.size;
    expect(() => generatePamphlet(ss, 'ja', { issuedOn: '2026-02-02' })).toThrow(/ひな形.*を開けません/);
    expect(emu.drive.files.size).toBe(files);
  });

  test('a trashed output folder is replaced by a fresh one, recorded in 設定 (the template kept elsewhere)', () => {
    const { emu, ss } = withTemplate();
    const old = Settings.open(ss).get(PAMPHLET_SETTINGS.folderId);
    emu.drive.files.get(Settings.open(ss).get(PAMPHLET_SETTINGS.templateId))!.parents = ['root-folder'];
    emu.drive.folders.get(old)!.trashed = true;
    generatePamphlet(ss, 'ja', { issuedOn: '2026-02-02' });
    const now = Settings.open(ss).get(PAMPHLET_SETTINGS.folderId);
    expect(now).not.toBe(old);
    expect(emu.drive.folders.get(now)).toMatchObject({ trashed: false, createdByApp: true });
  });
});
