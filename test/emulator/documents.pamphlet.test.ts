import { createEmulator } from '../../emulator';
import { renderDocumentHtml } from '../../emulator/render-html';
import { documentSections } from '../../emulator/drive';
import { DocumentModel } from '../../emulator/documents';
import { MimeType } from '../../emulator/drive';
import { GOOGLE_SCOPES, SCOPES } from '../../src/server/scopes';

const DOCS = SCOPES.documents;
const DRIVE_FILE = SCOPES.driveFile;

const DRIVE = GOOGLE_SCOPES.drive;

/** The add-on's manifest grants drive.file; DriveApp's own behaviour is checked under `drive`, the scope it lists. */
function setUp(drive: 'drive.file' | 'drive' = 'drive.file') {
  const scopes = [DOCS, drive === 'drive' ? DRIVE : DRIVE_FILE];
  const emu = createEmulator({ grantedScopes: scopes });
  emu.runtime.manifestScopes = scopes;
  const { DocumentApp, DriveApp } = emu.globals;
  return { emu, DocumentApp, DriveApp };
}

describe('emulated DocumentApp', () => {
  test('a body holds headings, paragraphs, list items and tables; getText joins paragraphs with newlines', () => {
    const { DocumentApp } = setUp();
    const doc = DocumentApp.create('テスト');
    const body = doc.getBody();
    body.getChild(0).asParagraph().setText('題名');
    body.getChild(0).asParagraph().setHeading(DocumentApp.ParagraphHeading.TITLE);
    body.appendParagraph('本文');
    body.appendListItem('一');
    body.appendListItem('二');
    const table = body.appendTable([['a', 'b'], ['c\nd', 'e']]);
    expect(body.getNumChildren()).toBe(6); // appendTable adds an empty paragraph after the table
    expect(body.getChild(4).getType()).toBe(DocumentApp.ElementType.TABLE);
    expect(body.getChild(5).asParagraph().getText()).toBe('');
    expect(table.getCell(1, 0).getNumChildren()).toBe(2);
    expect(table.getCell(1, 0).getText()).toBe('c\nd');
    expect(body.getText().split('\n').slice(0, 4)).toEqual(['題名', '本文', '一', '二']);
    expect(body.getChild(2).asListItem().getListId()).toBe(body.getChild(3).asListItem().getListId());
  });

  test('replaceText uses the pattern as a regular expression, independently in each paragraph', () => {
    const { DocumentApp } = setUp();
    const body = DocumentApp.create('r').getBody();
    body.getChild(0).asParagraph().setText('前半{{名称}}');
    body.appendParagraph('後半 {{名称}} と {{a.b}}');
    body.replaceText('半.*後', 'X'); // would only match across the paragraph boundary
    expect(body.getText()).toBe('前半{{名称}}\n後半 {{名称}} と {{a.b}}');
    body.replaceText('\\{\\{名称\\}\\}', '東京');
    expect(body.getText()).toBe('前半東京\n後半 東京 と {{a.b}}');
    body.replaceText('a.b', 'zz'); // "." is a metacharacter: it also matches other characters
    expect(body.getText()).toContain('{{zz}}');
    body.replaceText('^後半', '$&!');
    expect(body.getText()).toContain('後半! 東京');
  });

  test('RE2 syntax that Google does not support throws instead of silently working', () => {
    const { DocumentApp } = setUp();
    const body = DocumentApp.create('r').getBody();
    body.getChild(0).asParagraph().setText('abab');
    expect(() => body.replaceText('(?<=a)b', 'x')).toThrow('Invalid regular expression pattern');
    expect(() => body.replaceText('a(?=b)', 'x')).toThrow('Invalid regular expression pattern');
    expect(() => body.replaceText('(ab)\\1', 'x')).toThrow('Invalid regular expression pattern');
    expect(() => body.findText('a++')).toThrow('Invalid regular expression pattern');
    body.replaceText('(?i)A', 'x'); // a leading flag group is RE2 and accepted
    expect(body.getText()).toBe('xbxb');
    const found = body.findText('\\Qxb\\E');
    expect(found.getStartOffset()).toBe(0);
    expect(found.getElement().asText().getText()).toBe('xbxb');
    expect(body.findText('xb', found)!.getStartOffset()).toBe(2);
    expect(body.findText('zz')).toBeNull();
  });

  test('copy() is detached and must be inserted by its type; attached elements and the last paragraph are protected', () => {
    const { DocumentApp } = setUp();
    const body = DocumentApp.create('c').getBody();
    const p = body.getChild(0).asParagraph();
    p.setText('元');
    const copy = p.copy();
    expect(copy.getParent()).toBeNull();
    copy.setText('写');
    body.insertParagraph(1, copy);
    expect(body.getText()).toBe('元\n写');
    expect(() => body.insertParagraph(0, p)).toThrow('Element must be detached.');
    const table = body.appendTable([['x']]);
    expect(() => body.insertParagraph(0, table.copy() as never)).toThrow("The parameters (DocumentApp.Table) don't match the method signature for DocumentApp.Body.insertParagraph.");
    body.insertTable(0, table.copy());
    expect(body.getChild(0).getType()).toBe(DocumentApp.ElementType.TABLE);
    const only = DocumentApp.create('d').getBody();
    expect(() => only.removeChild(only.getChild(0))).toThrow("Can't remove the last paragraph in a document section.");
  });

  test('a closed document cannot be edited; openById reopens it; headers and footers are their own sections', () => {
    const { DocumentApp } = setUp();
    const doc = DocumentApp.create('h');
    const header = doc.addHeader();
    header.getChild(0).asParagraph().setText('{{ネットワーク名}}');
    doc.addFooter().appendParagraph('フッター');
    doc.getBody().replaceText('ネットワーク', 'X');
    expect(doc.getHeader().getText()).toBe('{{ネットワーク名}}');
    const body = doc.getBody();
    doc.saveAndClose();
    expect(() => body.appendParagraph('late')).toThrow('Document is closed, its contents cannot be updated.');
    expect(() => doc.getBody()).toThrow('Document is closed, its contents cannot be updated.');
    const again = DocumentApp.openById(doc.getId());
    again.getBody().appendParagraph('ok');
    expect(again.getBody().getText()).toBe('\nok');
  });

  test('every call is counted in the ledger under DocumentApp', () => {
    const { emu, DocumentApp } = setUp();
    emu.ledger.within('op', () => {
      const body = DocumentApp.create('l').getBody();
      body.appendParagraph('a');
      body.appendParagraph('b').setHeading(DocumentApp.ParagraphHeading.HEADING1);
    });
    expect(emu.ledger.byMethod('op')).toEqual({
      'DocumentApp.DocumentApp.create': 1,
      'DocumentApp.Document.getBody': 1,
      'DocumentApp.Body.appendParagraph': 2,
      'DocumentApp.Paragraph.setHeading': 1,
    });
  });

  test('the documents scope is required', () => {
    const emu = createEmulator({ grantedScopes: [DRIVE_FILE] });
    emu.runtime.manifestScopes = [DOCS, DRIVE_FILE];
    expect(() => emu.globals.DocumentApp.create('x')).toThrow(`You do not have permission to call DocumentApp.create. Required permissions: ${DOCS}`);
  });
});

describe('emulated DriveApp (under the `drive` scope its reference lists)', () => {
  test('under drive.file alone every DriveApp method is refused with Google\'s wording, naming the scopes it lists', () => {
    const { DocumentApp, DriveApp } = setUp('drive.file');
    const doc = DocumentApp.create('ひな形');
    expect(() => DriveApp.getFileById(doc.getId())).toThrow(
      'Specified permissions are not sufficient to call DriveApp.getFileById. Required permissions: (https://www.googleapis.com/auth/drive.readonly || https://www.googleapis.com/auth/drive)',
    );
    expect(() => DriveApp.getFilesByName('x')).toThrow('Specified permissions are not sufficient to call DriveApp.getFilesByName.');
    expect(() => DriveApp.createFolder('出力')).toThrow(`Specified permissions are not sufficient to call DriveApp.createFolder. Required permissions: ${DRIVE}`);
    expect(() => DriveApp.getFolderById('root-folder')).toThrow('Specified permissions are not sufficient to call DriveApp.getFolderById.');
  });

  test('makeCopy copies a saved Doc into a folder; the copy is independent', () => {
    const { emu, DocumentApp, DriveApp } = setUp('drive');
    const doc = DocumentApp.create('ひな形');
    doc.getBody().getChild(0).asParagraph().setText('{{名称}}');
    doc.saveAndClose();
    const folder = DriveApp.createFolder('出力');
    const copy = DriveApp.getFileById(doc.getId()).makeCopy('版1', folder);
    expect(copy.getName()).toBe('版1');
    expect(folder.getFilesByName('版1').hasNext()).toBe(true);
    const opened = DocumentApp.openById(copy.getId());
    opened.getBody().replaceText('\\{\\{名称\\}\\}', 'A');
    expect(opened.getBody().getText()).toBe('A');
    expect(DocumentApp.openById(doc.getId()).getBody().getText()).toBe('{{名称}}');
    expect(emu.drive.files.get(copy.getId())!.parents).toEqual([folder.getId()]);
  });

  test('getAs(PDF) exports the saved content: edits not yet saved are missing from the PDF', () => {
    const { DocumentApp, DriveApp, emu } = setUp('drive');
    const doc = DocumentApp.create('PDF元');
    doc.getBody().getChild(0).asParagraph().setText('保存済み');
    doc.saveAndClose();
    const reopened = DocumentApp.openById(doc.getId());
    reopened.getBody().appendParagraph('未保存の追記');
    const folder = DriveApp.createFolder('out');
    const stale = folder.createFile(DriveApp.getFileById(doc.getId()).getAs(MimeType.PDF));
    expect(emu.drive.files.get(stale.getId())!.pdfText).toEqual(['保存済み']);
    reopened.saveAndClose();
    const blob = DriveApp.getFileById(doc.getId()).getAs(MimeType.PDF);
    expect(blob.getContentType()).toBe('application/pdf');
    expect(blob.getName()).toBe('PDF元.pdf');
    const fresh = folder.createFile(blob);
    expect(emu.drive.files.get(fresh.getId())!.pdfText).toEqual(['保存済み', '未保存の追記']);
    const pdf = Buffer.from(emu.drive.files.get(fresh.getId())!.bytes!).toString('latin1');
    expect(pdf).toMatch(/^%PDF-1\.4[\s\S]*%%EOF\n$/);
    // The cross-reference table points at each object, as a PDF reader needs.
    const xrefAt = Number(/startxref\n(\d+)/.exec(pdf)![1]);
    expect(pdf.slice(xrefAt, xrefAt + 4)).toBe('xref');
    const offsets = [...pdf.slice(xrefAt).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((o, i) => expect(pdf.slice(o, o + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
    expect(offsets.length).toBeGreaterThan(5);
  });

  test('a Doc made by hand is found under `drive`; an unknown id is not', () => {
    const { emu, DriveApp } = setUp('drive');
    const handmade = emu.drive.addUserFile('手作りのひな形', MimeType.GOOGLE_DOCS, new DocumentModel('user-doc-1', '手作りのひな形'));
    expect(DriveApp.getFileById(handmade.id).getName()).toBe('手作りのひな形');
    expect(() => DriveApp.getFileById('no-such-id')).toThrow('No item with the given ID could be found');
  });

  test('the HTML rendering escapes document text and renders headings, lists and tables', () => {
    const { emu, DocumentApp } = setUp();
    const doc = DocumentApp.create('<b>');
    const body = doc.getBody();
    body.getChild(0).asParagraph().setText('<script>alert(1)</script>');
    body.getChild(0).asParagraph().setHeading(DocumentApp.ParagraphHeading.HEADING1);
    body.appendListItem('a & b');
    body.appendTable([['"x"', "y'"]]);
    const html = renderDocumentHtml(documentSections(emu.drive, doc.getId())!, doc.getName());
    expect(html).toContain('<title>&lt;b&gt;</title>');
    expect(html).toContain('<h2>&lt;script&gt;alert(1)&lt;/script&gt;</h2>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<ul><li>a &amp; b</li></ul>');
    expect(html).toContain('<td><p>&quot;x&quot;</p></td><td><p>y&#39;</p></td>');
  });
});
