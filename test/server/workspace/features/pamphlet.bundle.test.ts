import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadAddOn } from '../../../support/bundle';
import { toBase64 } from '../../../support/globals';
import type { CsvImportResult, PamphletPreview, PamphletResult, RpcResult } from '../../../../src/protocol';
import { documentText, validAgenciesCsv } from '../../../support/pamphlet';
import { GOOGLE_SCOPES, SCOPES } from '../../../../src/server/scopes';
import decodeQR from 'qr/decode.js';
import { InlineImageElement, ParagraphElement } from '../../../../emulator/documents';
import { decodeGif } from '../../../../emulator/gif';
import { readPdfPages } from '../../../../emulator/pdf-layout';

const fixture = readFileSync(path.join(__dirname, '..', '..', '..', 'fixtures', 'agencies.csv'), 'utf8');
const DOCS = SCOPES.documents;

function registry(options: Parameters<typeof loadAddOn>[0] = {}) {
  const emu = loadAddOn({ now: new Date('2026-02-02T09:00:00+09:00'), ...options });
  emu.run('setUpWorkbook');
  const imported = emu.run<RpcResult<CsvImportResult>>('rpcImportCsv', [toBase64(fixture)]);
  if (!imported.ok) throw new Error(imported.error.message);
  return emu;
}

function ok<T>(r: RpcResult<T>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function logRows(emu: ReturnType<typeof registry>): string[][] {
  const log = emu.active.sheets.find((s) => s.name === '操作ログ')!;
  return log.getDataRange().getDisplayValues().slice(1);
}

describe('the pamphlet through the built bundle', () => {
  test('the menu has both pamphlet entries', () => {
    const emu = loadAddOn();
    emu.run('onOpen', [{ authMode: 'NONE' }], { authMode: 'NONE' });
    const captions = emu.uiState.menus[0]!.items.filter((i) => 'caption' in i).map((i) => (i as { caption: string }).caption);
    expect(captions).toEqual(expect.arrayContaining(['パンフレットのひな形を作成', 'パンフレットを作成']));
  });

  test('menu 「パンフレットのひな形を作成」 then 「パンフレットを作成」: alerts with links, Doc and PDF in Drive, 操作ログ lines', () => {
    const emu = registry();
    emu.run('createPamphletTemplate');
    expect(emu.uiState.alerts.at(-1)!.prompt).toMatch(/^パンフレットのひな形を作成しました: https:\/\/docs\.google\.com\/document\/d\//);
    emu.run('generatePamphlet');
    const alert = emu.uiState.alerts.at(-1)!;
    expect(alert.title).toBe('パンフレットを作成');
    expect(alert.prompt).toMatch(/^パンフレット「就労支援機関ガイド_\d{4}-\d{2}-\d{2}」を作成しました（\d+団体）。/);
    expect(alert.prompt).toContain('掲載しなかった団体:\n・「団体」シート ');
    expect(alert.prompt).toContain('みらい就労ラボ（未同意）');
    const pdfs = [...emu.drive.files.values()].filter((f) => f.mimeType === 'application/pdf');
    expect(pdfs).toHaveLength(1);
    const log = logRows(emu);
    expect(log.map((r) => [r[2], r[3]])).toEqual(expect.arrayContaining([['パンフレットのひな形を作成', '成功'], ['パンフレットを作成', '成功']]));
    // The issue is recorded once, in 発行記録 with its PDF (設定 keeps no 「パンフレット最新…」 rows).
    const settings = emu.active.sheets.find((s) => s.name === '設定')!.getDataRange().getValues();
    expect(settings.some((r) => String(r[0]).startsWith('パンフレット最新'))).toBe(false);
    const [head, issued] = emu.active.sheets.find((s) => s.name === '発行記録')!.getDataRange().getValues();
    expect(String(issued![head!.indexOf('PDF')])).toMatch(/^https:\/\/drive\.google\.com\/file\/d\//);
  });

  test('操作ログ names who made the pamphlet: the address comes back with the copy (its owner, me), Session is not asked', () => {
    const emu = registry();
    emu.run('rpcCreatePamphletTemplate');
    ok(emu.run<RpcResult<PamphletResult>>('rpcGeneratePamphlet', [{ issuedOn: '2026-02-02' }], { operation: 'who' }));
    expect(emu.runtime.user.email).toMatch(/@/);
    expect(logRows(emu).at(-1)!.slice(1, 4)).toEqual([emu.runtime.user.email, 'パンフレットを作成', '成功']);
    expect(emu.ledger.byMethod('who')['Session.Session.getActiveUser']).toBeUndefined();
    expect(emu.ledger.byMethod('who')['Drive.Files.copy']).toBe(1);
  });

  test('without userinfo.email (granular consent) the pamphlet is made and 操作ログ says the user is unknown, though Drive named the owner', () => {
    const emu = registry();
    emu.run('rpcCreatePamphletTemplate');
    emu.runtime.grantedScopes = emu.runtime.manifestScopes.filter((s) => s !== SCOPES.email);
    ok(emu.run<RpcResult<PamphletResult>>('rpcGeneratePamphlet', [{ issuedOn: '2026-02-02' }]));
    expect(logRows(emu).at(-1)!.slice(1, 4)).toEqual(['(不明)', 'パンフレットを作成', '成功']);
  });

  test('the first pamphlet makes the hidden 発行記録 in 5 calls beyond its look-up (no getSheets to count the tabs): 30 in all', () => {
    const emu = registry();
    emu.run('rpcCreatePamphletTemplate');
    ok(emu.run<RpcResult<PamphletResult>>('rpcGeneratePamphlet', [{ issuedOn: '2026-02-01' }], { operation: 'first' }));
    const calls = emu.ledger.byMethod('first');
    expect(calls['SpreadsheetApp.Spreadsheet.getSheets']).toBeUndefined();
    expect(calls).toMatchObject({ 'SpreadsheetApp.Spreadsheet.insertSheet': 1, 'SpreadsheetApp.Sheet.addDeveloperMetadata': 1, 'SpreadsheetApp.Sheet.hideSheet': 1, 'SpreadsheetApp.Range.setValues': 1 });
    const record = emu.active.sheets.find((s) => s.name === '発行記録')!;
    expect(record.isSheetHidden()).toBe(true);
    expect(record.getDataRange().getValues().map((r) => r[0])).toEqual(['種類', 'パンフレット']);
    // The steady 27 less 発行記録's header read and appendRow (2), plus insertSheet, the mark, hideSheet, getRange and
    // setValues (5).
    expect(emu.ledger.count({ operation: 'first' })).toBe(30);
  });

  test('sidebar: preview creates nothing and matches what is then generated; the Doc is saved when the execution ends', () => {
    const emu = registry();
    emu.run('rpcCreatePamphletTemplate');
    const files = emu.drive.files.size;
    const preview = emu.run<RpcResult<PamphletPreview>>('rpcPreviewPamphlet');
    if (!preview.ok) throw new Error(preview.error.message);
    expect(emu.drive.files.size).toBe(files);
    expect(preview.value.templateProblems).toEqual([]);
    const generated = emu.run<RpcResult<PamphletResult>>('rpcGeneratePamphlet', [{ issuedOn: '2026-02-02' }]);
    if (!generated.ok) throw new Error(generated.error.message);
    expect(generated.value.included).toEqual(preview.value.included);
    expect(generated.value.excluded).toEqual(preview.value.excluded);
    expect(documentText(emu, generated.value.documentId)).toContain('令和8年2月2日');
    expect(emu.documents.docs.get(generated.value.documentId)!.dirty).toBe(false);
  });

  test('a broken template: a plain Japanese error over RPC, nothing created, a failed line in 操作ログ', () => {
    const emu = registry();
    const template = emu.run<RpcResult<{ id: string }>>('rpcCreatePamphletTemplate');
    if (!template.ok) throw new Error(template.error.message);
    const doc = emu.globals.DocumentApp.openById(template.value.id);
    doc.getBody().appendParagraph('{{#種別}}');
    doc.saveAndClose();
    const files = emu.drive.files.size;
    const r = emu.run<RpcResult<PamphletResult>>('rpcGeneratePamphlet');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('user');
    expect(r.error.message).toContain('区切り {{#種別}} が2か所にあります。1か所にしてください。');
    expect(r.error.message).not.toMatch(/at .*\.js|Error:/);
    expect(emu.drive.files.size).toBe(files);
    expect(logRows(emu).at(-1)!.slice(2, 4)).toEqual(['パンフレットを作成', '失敗']);
  });

  test('granular consent: without the Docs permission the user is told which one, in Japanese, and nothing is created', () => {
    const all = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', '..', 'appsscript.json'), 'utf8')).oauthScopes as string[];
    const emu = registry({ grantedScopes: all.filter((s) => s !== DOCS) });
    // The template needs Drive and the Docs API only (drive.file); the pamphlet's PDF needs documents (getAs).
    expect(emu.run<RpcResult<unknown>>('rpcCreatePamphletTemplate').ok).toBe(true);
    const docs = emu.documents.docs.size;
    const r = emu.run<RpcResult<unknown>>('rpcGeneratePamphlet', [{ issuedOn: '2026-02-02' }]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toContain('「Google ドキュメントの作成と編集」の権限が必要です');
    expect(emu.documents.docs.size).toBe(docs);
    // The preview still lists the agencies; once a template is set it names the missing permission.
    const preview = emu.run<RpcResult<PamphletPreview>>('rpcPreviewPamphlet');
    expect(preview.ok && preview.value.included.length).toBeGreaterThan(5);
    expect(preview.ok && preview.value.templateProblems[0]).toContain('「Google ドキュメントの作成と編集」の権限が必要です');
  });

  test('a Docs failure mid-way: the service error is reported plainly, the half-filled copy is trashed, a re-run succeeds', () => {
    // The Docs API calls of a whole run: documents.get of the template, then the one batchUpdate of the copy.
    const probe = registry();
    probe.run('rpcCreatePamphletTemplate');
    probe.run('rpcGeneratePamphlet', [{ issuedOn: '2026-02-02' }], { operation: 'probe' });
    expect(probe.ledger.byMethod('probe')).toMatchObject({ 'Docs.Documents.get': 1, 'Docs.Documents.batchUpdate': 1 });

    const emu = registry();
    emu.run('rpcCreatePamphletTemplate');
    emu.runtime.failAt({ atCall: 2, service: 'Docs', message: 'Service unavailable: Docs' });
    const failed = emu.run<RpcResult<PamphletResult>>('rpcGeneratePamphlet', [{ issuedOn: '2026-02-02' }]);
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    expect(failed.error.kind).toBe('service');
    expect(failed.error.message).toContain('Google のサービスが一時的に応答しませんでした');
    const copies = [...emu.drive.files.values()].filter((f) => f.name.startsWith('就労支援機関ガイド_'));
    expect(copies.map((f) => f.trashed)).toEqual([true]);
    const again = emu.run<RpcResult<PamphletResult>>('rpcGeneratePamphlet', [{ issuedOn: '2026-02-02' }]);
    expect(again.ok && again.value.name).toBe('就労支援機関ガイド_2026-02-02');
  });
});

describe('the built bundle under exactly the manifest\'s scopes (drive.file, never drive)', () => {
  test('template, pamphlet and report end to end through the menu and RPC: Drive.Files.* only, no DriveApp call', () => {
    const emu = registry();
    expect(emu.runtime.grantedScopes).toEqual(emu.runtime.manifestScopes);
    expect(emu.runtime.grantedScopes).not.toContain(GOOGLE_SCOPES.drive);
    emu.ledger.reset();
    emu.run('createPamphletTemplate');
    expect(emu.uiState.alerts.at(-1)!.prompt).toMatch(/^パンフレットのひな形を作成しました/);
    const pamphlet = emu.run<RpcResult<PamphletResult>>('rpcGeneratePamphlet', [{ issuedOn: '2026-02-02' }]);
    if (!pamphlet.ok) throw new Error(pamphlet.error.message);
    emu.run('createActivityReport');
    expect(emu.uiState.alerts.at(-1)!.title).toBe('活動報告書を作成');
    expect(emu.uiState.alerts.at(-1)!.prompt).not.toMatch(/権限|エラー/);
    const log = logRows(emu).map((r) => [r[2], r[3]]);
    expect(log).toEqual(expect.arrayContaining([['パンフレットのひな形を作成', '成功'], ['パンフレットを作成', '成功'], ['活動報告書を作成', '成功']]));
    expect(emu.ledger.count({ service: 'DriveApp' })).toBe(0);
    expect(emu.ledger.count({ service: 'Drive' })).toBeGreaterThan(0);
    // Every file the add-on left in Drive is one drive.file reaches (made by the Drive API).
    expect([...emu.drive.files.values()].every((f) => f.createdByApp)).toBe(true);
  });

  test('DriveApp under drive.file fails with Google\'s wording (why the add-on does not use it)', () => {
    const emu = registry();
    const id = [...emu.drive.files.values()][0]?.id ?? 'any-id';
    expect(() => emu.globals.DriveApp.getFileById(id)).toThrow(
      'Specified permissions are not sufficient to call DriveApp.getFileById. Required permissions: (https://www.googleapis.com/auth/drive.readonly || https://www.googleapis.com/auth/drive)',
    );
    expect(() => emu.globals.DriveApp.createFolder('x')).toThrow('Specified permissions are not sufficient to call DriveApp.createFolder. Required permissions: https://www.googleapis.com/auth/drive');
  });
});

test('a copy of the script without the Advanced Drive service says so in Japanese, and creates nothing', () => {
  const emu = registry({ advancedDrive: false });
  const docs = emu.documents.docs.size;
  const r = emu.run<RpcResult<unknown>>('rpcCreatePamphletTemplate');
  expect(r).toMatchObject({ ok: false, error: { kind: 'user', message: expect.stringContaining('Google ドライブ API（詳細サービス）が有効になっていない') } });
  expect(emu.documents.docs.size).toBe(docs);
});

describe('calls: the document in a handful, whatever the number of agencies (issue 18)', () => {
  function run(csv: string) {
    const emu = loadAddOn({ now: new Date('2026-02-02T09:00:00+09:00') });
    emu.run('setUpWorkbook');
    const imported = emu.run<RpcResult<CsvImportResult>>('rpcImportCsv', [toBase64(csv)]);
    if (!imported.ok) throw new Error(imported.error.message);
    emu.run('rpcCreatePamphletTemplate');
    // A first pamphlet makes the hidden 発行記録; the second is the steady state measured.
    emu.run('rpcGeneratePamphlet', [{ issuedOn: '2026-02-01' }]);
    const r = emu.run<RpcResult<PamphletResult>>('rpcGeneratePamphlet', [{ issuedOn: '2026-02-02' }], { operation: 'pamphlet' });
    if (!r.ok) throw new Error(r.error.message);
    const calls = emu.ledger.byMethod('pamphlet');
    const of = (service: string) => Object.entries(calls).filter(([m]) => m.startsWith(`${service}.`)).reduce((n, [, c]) => n + c, 0);
    return { included: r.value.included.length, total: emu.ledger.count({ operation: 'pamphlet' }), docs: of('Docs'), documentApp: of('DocumentApp'), drive: of('Drive'), calls };
  }

  test('16 and 300 agencies: one documents.get, one batchUpdate, the PDF in two, Drive in three; the same total', () => {
    const small = run(validAgenciesCsv(16));
    const large = run(validAgenciesCsv(300));
    expect([small.included, large.included]).toEqual([16, 300]);
    for (const r of [small, large]) {
      expect(r.calls).toMatchObject({ 'Docs.Documents.get': 1, 'Docs.Documents.batchUpdate': 1, 'DocumentApp.DocumentApp.openById': 1, 'DocumentApp.Document.getAs': 1 });
      // Drive: the folder's one list (template, folder, names taken), the copy, the PDF's create.
      expect([r.docs, r.documentApp, r.drive]).toEqual([2, 2, 3]);
    }
    expect(large.total).toBe(small.total);
    // Issue 18: 55 → 40 with the one-call sheet reads, the grants asked once and the lock left to the execution's end;
    // 40 → 29 with 設定 read as a view and no longer written (the issue recorded once, in 発行記録: its look-up, its
    // header row, appendRow) and the output folder listed once. The 29: the entry's locale, spreadsheet, grants (2) and
    // lock (2); 設定 (look-up, time zone, values) and 団体 (2); Drive list, documents.get, the company form's property
    // (2), copy, batchUpdate, the PDF (openById, getAs, create); 発行記録 (3); the flush; 操作ログ (3: look-up, header,
    // appendRow). 29 → 27 (session 10): the user's address comes back with the copy (its owner, `me`), not from Session.
    expect(small.total).toBe(27);
    for (const r of [small, large]) expect(Object.keys(r.calls).filter((m) => m.startsWith('Session.') && m !== 'Session.Session.getActiveUserLocale')).toEqual([]);
    // Recorded for the report (the rest is the sheets read and the entry's lock, grants and 操作ログ line).
    console.info(JSON.stringify({ pamphletCalls: { total: small.total, docs: small.docs, documentApp: small.documentApp, drive: small.drive } }));
  });
});

describe('an English-locale coordinator (issue 13: 操作ログ 結果 is data)', () => {
  test('their pamphlet is logged 成功 and counted by the activity report', () => {
    const emu = registry();
    emu.runtime.user.locale = 'en_US';
    emu.run('rpcCreatePamphletTemplate');
    const pamphlet = emu.run<RpcResult<PamphletResult>>('rpcGeneratePamphlet', [{ issuedOn: '2026-02-02' }]);
    if (!pamphlet.ok) throw new Error(pamphlet.error.message);
    expect(logRows(emu).map((r) => [r[2], r[3]])).toEqual(expect.arrayContaining([['パンフレットを作成', '成功']]));
    const report = emu.run<RpcResult<{ pamphlets: number }>>('rpcCreateActivityReport', [{}]);
    if (!report.ok) throw new Error(report.error.message);
    expect(report.value.pamphlets).toBe(1);
  });
});

describe('the 企業相談フォーム in the pamphlet (issue 17: its URL and QR code)', () => {
  const images = (emu: ReturnType<typeof registry>, id: string) => emu.documents.docs.get(id)!.saved.body.children
    .flatMap((p) => (p instanceof ParagraphElement ? p.children.filter((c) => c instanceof InlineImageElement) : [])) as InlineImageElement[];

  test('with the form: the URL text and an inline image whose QR code decodes to the form URL, in the Doc and its PDF', () => {
    const emu = registry();
    const forms = emu.run<RpcResult<{ intakeUrl: string }>>('rpcCreateConsultationForms');
    if (!forms.ok) throw new Error(forms.error.message);
    const formUrl = forms.value.intakeUrl;
    expect(formUrl).toMatch(/^https:\/\/docs\.google\.com\/forms\//);
    emu.run('rpcCreatePamphletTemplate');
    const r = emu.run<RpcResult<PamphletResult>>('rpcGeneratePamphlet', [{ issuedOn: '2026-02-02' }]);
    if (!r.ok) throw new Error(r.error.message);
    const text = documentText(emu, r.value.documentId);
    expect(text).toContain(`企業相談フォームからどうぞ（担当の機関からご連絡します）：${formUrl}`);
    expect(text).not.toContain('{{企業相談QR}}');
    const found = images(emu, r.value.documentId);
    expect(found).toHaveLength(1);
    const { width, height, grey } = decodeGif(found[0]!.bytes);
    const rgba = new Uint8Array(width * height * 4);
    grey.forEach((g, i) => rgba.set([g, g, g, 255], i * 4));
    expect(decodeQR({ width, height, data: rgba })).toBe(formUrl);
    expect(r.value.message).not.toContain('企業相談フォームがまだありません');
    const pdf = emu.drive.files.get(r.value.pdfId)!;
    const pages = readPdfPages(pdf.bytes!);
    const scans = pages.flatMap((p) => p.images).map(({ pixels: { width: w, height: h, grey: g } }) => {
      const scan = new Uint8Array(w * h * 4);
      g.forEach((v, i) => scan.set([v, v, v, 255], i * 4));
      return decodeQR({ width: w, height: h, data: scan });
    });
    expect(scans).toEqual([formUrl]);
  });

  test('calls (issue 18): the QR mark, a paragraph of its own, emptied and filled in 9 calls (was 12 and a last search): 41 in all (was 45)', () => {
    const emu = registry();
    ok(emu.run<RpcResult<unknown>>('rpcCreateConsultationForms'));
    ok(emu.run<RpcResult<unknown>>('rpcCreatePamphletTemplate'));
    ok(emu.run<RpcResult<PamphletResult>>('rpcGeneratePamphlet', [{ issuedOn: '2026-02-01' }]));
    const r = ok(emu.run<RpcResult<PamphletResult>>('rpcGeneratePamphlet', [{ issuedOn: '2026-02-02' }], { operation: 'qr' }));
    expect(images(emu, r.documentId)).toHaveLength(1);
    expect(documentText(emu, r.documentId)).not.toContain('{{企業相談QR}}');
    const calls = emu.ledger.byMethod('qr');
    // The mark: findText, getElement, getParent, asParagraph, clear, newBlob, appendInlineImage, setWidth, setHeight;
    // no asText/getStartOffset/getEndOffsetInclusive/deleteText, and no second findText that finds nothing.
    expect(calls).toMatchObject({ 'DocumentApp.Body.findText': 1, 'DocumentApp.Paragraph.clear': 1, 'Utilities.Utilities.newBlob': 1, 'DocumentApp.Document.saveAndClose': 1 });
    for (const gone of ['DocumentApp.Text.deleteText', 'DocumentApp.Text.asText', 'DocumentApp.RangeElement.getStartOffset']) expect(calls[gone]).toBeUndefined();
    // The steady 27 (below) + the QR in 12 (openById, getBody, the mark's 9, saveAndClose).
    expect(emu.ledger.count({ operation: 'qr' })).toBe(39);
  });

  test('a template without the company form\'s placeholders: the form\'s link is not read, no QR step (25 calls, the steady 27 less 2)', () => {
    const emu = registry();
    ok(emu.run<RpcResult<unknown>>('rpcCreateConsultationForms'));
    const template = ok(emu.run<RpcResult<{ id: string }>>('rpcCreatePamphletTemplate'));
    const doc = emu.globals.DocumentApp.openById(template.id);
    for (const p of doc.getBody().getParagraphs()) if (p.getText().includes('企業相談')) p.removeFromParent();
    doc.saveAndClose();
    ok(emu.run<RpcResult<PamphletResult>>('rpcGeneratePamphlet', [{ issuedOn: '2026-02-01' }]));
    const r = ok(emu.run<RpcResult<PamphletResult>>('rpcGeneratePamphlet', [{ issuedOn: '2026-02-02' }], { operation: 'plain' }));
    expect(documentText(emu, r.documentId)).not.toContain('企業相談');
    expect(images(emu, r.documentId)).toHaveLength(0);
    expect(emu.ledger.count({ operation: 'plain', service: 'PropertiesService' })).toBe(0);
    expect(emu.ledger.byMethod('plain')).toMatchObject({ 'DocumentApp.DocumentApp.openById': 1, 'DocumentApp.Document.getAs': 1 });
    expect(emu.ledger.count({ operation: 'plain', service: 'DocumentApp' })).toBe(2);
    expect(emu.ledger.count({ operation: 'plain' })).toBe(25);
  });

  test('without the form: a clear note where the QR code goes, no image, no URL line, and the result says so', () => {
    const emu = registry();
    emu.run('rpcCreatePamphletTemplate');
    const r = emu.run<RpcResult<PamphletResult>>('rpcGeneratePamphlet', [{ issuedOn: '2026-02-02' }]);
    if (!r.ok) throw new Error(r.error.message);
    const note = '（企業相談フォームがまだありません。「企業相談フォームの作成」のあとでパンフレットを作り直すと、ここにリンクと QR コードが入ります。）';
    const text = documentText(emu, r.value.documentId);
    expect(text).toContain(note);
    expect(text).not.toContain('企業相談フォームからどうぞ');
    expect(text).not.toContain('{{');
    expect(images(emu, r.value.documentId)).toHaveLength(0);
    expect(r.value.message.endsWith(`\n${note}`)).toBe(true);
  });
});
