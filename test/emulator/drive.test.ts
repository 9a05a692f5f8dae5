/**
 * The emulated Advanced Drive service (Drive API v3, `Drive` global) and DriveApp's scope refusal, checked against
 * Google's documented behaviour (sources in emulator/drive.ts).
 */
import { createEmulator } from '../../emulator';
import { DocumentModel } from '../../emulator/documents';
import { MimeType } from '../../emulator/drive';
import { GOOGLE_SCOPES, SCOPES } from '../../src/server/scopes';

const DOCS = SCOPES.documents;
const DRIVE_FILE = SCOPES.driveFile;
const DRIVE = GOOGLE_SCOPES.drive;

function setUp(scopes: string[] = [DOCS, DRIVE_FILE]) {
  const emu = createEmulator({ grantedScopes: scopes, advancedDrive: true });
  emu.runtime.manifestScopes = scopes;
  return { emu, Drive: emu.globals.Drive!, DocumentApp: emu.globals.DocumentApp };
}

describe('emulated Advanced Drive service (v3)', () => {
  test('the Drive global exists only when the manifest enables it (appsscript.json does: Drive v3)', () => {
    expect(createEmulator({ advancedDrive: false }).globals.Drive).toBeUndefined();
    expect(createEmulator().globals.Drive).toBeDefined();
  });

  test('Files.create makes folders and Google Docs; without `fields` only kind, id, name and mimeType come back', () => {
    const { emu, Drive, DocumentApp } = setUp();
    const folder = Drive.Files.create({ name: '出力', mimeType: MimeType.FOLDER });
    expect(Object.keys(folder).sort()).toEqual(['id', 'kind', 'mimeType', 'name']);
    const doc = Drive.Files.create({ name: 'ひな形', mimeType: MimeType.GOOGLE_DOCS, parents: [folder.id!] }, null as never, { fields: 'id,webViewLink,parents' });
    expect(doc.webViewLink).toBe(`https://docs.google.com/document/d/${doc.id}/edit?usp=drivesdk`);
    expect(doc.parents).toEqual([folder.id]);
    expect((doc as Record<string, unknown>).name).toBeUndefined();
    // A new Doc is empty (one paragraph) and opens in DocumentApp.
    const opened = DocumentApp.openById(doc.id!);
    expect(opened.getBody().getNumChildren()).toBe(1);
    expect(emu.drive.files.get(doc.id!)!.createdByApp).toBe(true);
  });

  test('Files.create from a blob keeps its bytes (the PDF of a Doc, from Document.getAs)', () => {
    const { emu, Drive, DocumentApp } = setUp();
    const doc = Drive.Files.create({ name: '報告', mimeType: MimeType.GOOGLE_DOCS });
    const d = DocumentApp.openById(doc.id!);
    d.getBody().getChild(0).asParagraph().setText('保存済み');
    d.saveAndClose();
    const pdf = Drive.Files.create({ name: '報告.pdf', mimeType: MimeType.PDF }, DocumentApp.openById(doc.id!).getAs(MimeType.PDF), { fields: 'id,size' });
    expect(Number(pdf.size)).toBeGreaterThan(100);
    expect(emu.drive.files.get(pdf.id!)!.pdfText).toEqual(['保存済み']);
  });

  test('Files.copy copies what Docs saved, named and placed as asked; the copy is independent', () => {
    const { Drive, DocumentApp } = setUp();
    const folder = Drive.Files.create({ name: 'out', mimeType: MimeType.FOLDER });
    const src = Drive.Files.create({ name: 'ひな形', mimeType: MimeType.GOOGLE_DOCS });
    const d = DocumentApp.openById(src.id!);
    d.getBody().getChild(0).asParagraph().setText('{{名称}}');
    d.saveAndClose();
    const copy = Drive.Files.copy({ name: '版1', parents: [folder.id!] }, src.id!, { fields: 'id,name,parents' });
    expect(copy).toMatchObject({ name: '版1', parents: [folder.id] });
    DocumentApp.openById(copy.id!).getBody().replaceText('\\{\\{名称\\}\\}', 'A');
    expect(DocumentApp.openById(src.id!).getBody().getText()).toBe('{{名称}}');
  });

  test('`fields` sub-selections (owners(me,emailAddress)): the copy is the requesting user\'s, with only the fields asked', () => {
    // https://developers.google.com/drive/api/guides/fields-parameter ("owners(emailAddress)"-style sub-selections);
    // User.me: "Whether this user is the requesting user" (https://developers.google.com/drive/api/reference/rest/v3/User).
    const { emu, Drive } = setUp();
    const src = Drive.Files.create({ name: 'ひな形', mimeType: MimeType.GOOGLE_DOCS });
    const copy = Drive.Files.copy({ name: '版1' }, src.id!, { fields: 'id,owners(me,emailAddress)' });
    expect(Object.keys(copy).sort()).toEqual(['id', 'owners']);
    expect(copy.owners).toEqual([{ me: true, emailAddress: emu.runtime.user.email }]);
  });

  test('Files.list: name, mimeType, parents and trashed terms joined by and; trashed files are listed unless excluded', () => {
    const { Drive } = setUp();
    const folder = Drive.Files.create({ name: 'out', mimeType: MimeType.FOLDER });
    const a = Drive.Files.create({ name: "O'Brien \\ 版", mimeType: MimeType.GOOGLE_DOCS, parents: [folder.id!] });
    Drive.Files.create({ name: 'other', mimeType: MimeType.GOOGLE_DOCS, parents: [folder.id!] });
    Drive.Files.create({ name: "O'Brien \\ 版", mimeType: MimeType.GOOGLE_DOCS });
    const q = `name = 'O\\'Brien \\\\ 版' and '${folder.id}' in parents`;
    expect(Drive.Files.list({ q, fields: 'files(id)' }).files).toEqual([{ id: a.id }]);
    Drive.Files.update({ trashed: true }, a.id!, null as never);
    expect(Drive.Files.list({ q }).files).toHaveLength(1);
    expect(Drive.Files.list({ q: `${q} and trashed = false` }).files).toHaveLength(0);
    expect(Drive.Files.list({ q: `mimeType = '${MimeType.FOLDER}' and "root" in parents` }).files!.map((f) => f.id)).toEqual([folder.id]);
    // Query syntax the emulator does not model is refused loudly, never silently matched.
    expect(() => Drive.Files.list({ q: "name contains 'O'" })).toThrow('not emulated');
    expect(() => Drive.Files.list({ q: "name = 'a' or name = 'b'" })).toThrow('not emulated');
  });

  test('Files.update: trash, rename, move with addParents/removeParents; parents in the body is refused', () => {
    const { emu, Drive } = setUp();
    const a = Drive.Files.create({ name: 'a', mimeType: MimeType.FOLDER });
    const b = Drive.Files.create({ name: 'b', mimeType: MimeType.FOLDER });
    const f = Drive.Files.create({ name: 'doc', mimeType: MimeType.GOOGLE_DOCS, parents: [a.id!] });
    const moved = Drive.Files.update({ name: 'renamed' }, f.id!, null as never, { addParents: b.id, removeParents: a.id, fields: 'name,parents' });
    expect(moved).toEqual({ name: 'renamed', parents: [b.id] });
    expect(emu.documents.docs.get(f.id!)!.name).toBe('renamed');
    expect(Drive.Files.update({ trashed: true }, f.id!, null as never, { fields: 'trashed' })).toEqual({ trashed: true });
    expect(Drive.Files.get(f.id!, { fields: 'trashed' })).toEqual({ trashed: true });
    expect(() => Drive.Files.update({ parents: [a.id!] }, f.id!)).toThrow('API call to drive.files.update failed with error:');
  });

  test('under drive.file a file the app did not create is "File not found", as Google answers (GoogleJsonResponseException)', () => {
    const { emu, Drive, DocumentApp } = setUp();
    const handmade = emu.drive.addUserFile('手作りのひな形', MimeType.GOOGLE_DOCS, new DocumentModel('user-doc-1', '手作りのひな形'));
    let error: unknown;
    try { Drive.Files.get(handmade.id); } catch (e) { error = e; }
    expect((error as Error).name).toBe('GoogleJsonResponseException');
    expect((error as Error).message).toBe('API call to drive.files.get failed with error: File not found: user-doc-1.');
    expect(() => Drive.Files.copy({ name: 'x' }, handmade.id)).toThrow('API call to drive.files.copy failed with error: File not found: user-doc-1.');
    expect(() => Drive.Files.update({ trashed: true }, handmade.id, null as never)).toThrow('drive.files.update failed with error: File not found: user-doc-1.');
    expect(Drive.Files.list({ q: "name = '手作りのひな形'" }).files).toEqual([]);
    // DocumentApp is governed by `documents`, which covers every Doc of the user.
    expect(DocumentApp.openById(handmade.id).getName()).toBe('手作りのひな形');
    // A Doc made by DocumentApp.create is not assumed to be the app's for drive.file (the strict side, see drive.ts).
    const viaDocumentApp = DocumentApp.create('DocumentApp で作成');
    expect(() => Drive.Files.get(viaDocumentApp.getId())).toThrow('File not found');
  });

  test('under the broad drive scope every file is visible', () => {
    const { emu, Drive } = setUp([DOCS, DRIVE]);
    const handmade = emu.drive.addUserFile('手作り', MimeType.GOOGLE_DOCS, new DocumentModel('user-doc-2', '手作り'));
    expect(Drive.Files.get(handmade.id, { fields: 'name' })).toEqual({ name: '手作り' });
  });

  test('without any Drive scope each method fails with "insufficient authentication scopes"', () => {
    const { Drive } = setUp([DOCS]);
    expect(() => Drive.Files.create({ name: 'x', mimeType: MimeType.FOLDER })).toThrow(
      'API call to drive.files.create failed with error: Request had insufficient authentication scopes.',
    );
    expect(() => Drive.Files.list({})).toThrow('API call to drive.files.list failed with error: Request had insufficient authentication scopes.');
  });

  test('calls are counted as Drive.Files.* in the ledger (one round trip each)', () => {
    const { emu, Drive } = setUp();
    emu.ledger.within('op', () => {
      const f = Drive.Files.create({ name: 'x', mimeType: MimeType.FOLDER });
      Drive.Files.get(f.id!);
      Drive.Files.list({ q: 'trashed = false' });
    });
    expect(emu.ledger.byMethod('op')).toEqual({ 'Drive.Files.create': 1, 'Drive.Files.get': 1, 'Drive.Files.list': 1 });
  });
});
