/**
 * Owners, sharing and several users on the emulated Drive (emulator/drive-sharing.ts, emulator/accounts.ts), checked
 * against Google's documented behaviour (sources in those files' headers).
 */
import { createEmulator } from '../../emulator';
import { MimeType } from '../../emulator/drive';

const DOCS = 'https://www.googleapis.com/auth/documents';
const DRIVE_FILE = 'https://www.googleapis.com/auth/drive.file';
const SHEETS = 'https://www.googleapis.com/auth/spreadsheets.currentonly';
const EMAIL = 'https://www.googleapis.com/auth/userinfo.email';
const A = 'coordinator@example.jp';
const B = 'second@example.jp';

function setUp(scopes: string[] = [DOCS, DRIVE_FILE, SHEETS, EMAIL]) {
  const emu = createEmulator({ grantedScopes: scopes, advancedDrive: true });
  emu.runtime.manifestScopes = scopes;
  emu.users.add(B);
  return { emu, Drive: emu.globals.Drive!, DocumentApp: emu.globals.DocumentApp, Session: emu.globals.Session };
}

describe('Drive owners and permissions (drive.file)', () => {
  test('the creator owns what the app makes; owners and ownedByMe say so', () => {
    const { emu, Drive } = setUp();
    const doc = Drive.Files.create({ name: 'ひな形', mimeType: MimeType.GOOGLE_DOCS }, null as never, { fields: 'id,owners,ownedByMe' });
    expect(doc.owners).toEqual([{ kind: 'drive#user', emailAddress: A, me: true }]);
    expect((doc as Record<string, unknown>).ownedByMe).toBe(true);
    expect(emu.drive.sharing.ownerOf(doc.id!)).toBe(A);
  });

  test('Permissions.create shares an app-made file; list shows the owner and the writer; the owner cannot be removed', () => {
    const { emu, Drive } = setUp();
    const doc = Drive.Files.create({ name: 'ひな形', mimeType: MimeType.GOOGLE_DOCS });
    const p = Drive.Permissions!.create({ type: 'user', role: 'writer', emailAddress: B }, doc.id!, { sendNotificationEmail: false });
    expect(Object.keys(p).sort()).toEqual(['id', 'kind', 'role', 'type']);
    const list = Drive.Permissions!.list(doc.id!, { fields: 'permissions(id,role,emailAddress)' }).permissions!;
    expect(list.map((x) => [x.role, x.emailAddress])).toEqual([['owner', A], ['writer', B]]);
    expect(emu.drive.sharing.notifications).toEqual([]);
    const owner = list.find((x) => x.role === 'owner')!;
    expect(() => Drive.Permissions!.remove(doc.id!, owner.id!)).toThrow('API call to drive.permissions.delete failed with error: The owner of a file cannot be removed.');
    Drive.Permissions!.remove(doc.id!, p.id!);
    expect(Drive.Permissions!.list(doc.id!).permissions!.map((x) => x.role)).toEqual(['owner']);
    expect(() => Drive.Permissions!.remove(doc.id!, p.id!)).toThrow(`Permission not found: ${p.id}.`);
  });

  test('sharing e-mails the person unless sendNotificationEmail is false (Google defaults it to true)', () => {
    const { emu, Drive } = setUp();
    const doc = Drive.Files.create({ name: 'x', mimeType: MimeType.GOOGLE_DOCS });
    Drive.Permissions!.create({ type: 'user', role: 'reader', emailAddress: B }, doc.id!);
    expect(emu.drive.sharing.notifications).toEqual([{ fileId: doc.id, to: B, role: 'reader', by: A, message: '' }]);
  });

  test('a file the app did not create is out of reach: Permissions answer 404 like Files', () => {
    const { emu, Drive } = setUp();
    const handmade = emu.drive.addUserFile('手作り', 'text/plain', 'x');
    expect(() => Drive.Permissions!.create({ type: 'user', role: 'writer', emailAddress: B }, handmade.id)).toThrow(
      `API call to drive.permissions.create failed with error: File not found: ${handmade.id}.`);
    expect(() => Drive.Permissions!.list(handmade.id)).toThrow('File not found');
  });

  test('role=owner needs transferOwnership; the old owner becomes a writer', () => {
    const { emu, Drive } = setUp();
    const doc = Drive.Files.create({ name: 'x', mimeType: MimeType.GOOGLE_DOCS });
    expect(() => Drive.Permissions!.create({ type: 'user', role: 'owner', emailAddress: B }, doc.id!)).toThrow('transferOwnership');
    Drive.Permissions!.create({ type: 'user', role: 'owner', emailAddress: B }, doc.id!, { transferOwnership: true });
    expect(emu.drive.sharing.ownerOf(doc.id!)).toBe(B);
    expect(emu.drive.sharing.roleOf(A, doc.id!)).toBe('writer');
  });

  test('invalid requests are refused: no e-mail for a user, an unknown role', () => {
    const { Drive } = setUp();
    const doc = Drive.Files.create({ name: 'x', mimeType: MimeType.GOOGLE_DOCS });
    expect(() => Drive.Permissions!.create({ type: 'user', role: 'writer' }, doc.id!)).toThrow('Invalid sharing request');
    expect(() => Drive.Permissions!.create({ type: 'user', role: 'editor', emailAddress: B }, doc.id!)).toThrow('Invalid Value');
  });

  test('Permissions need drive or drive.file: without them the call fails with Google\'s scope wording', () => {
    const { emu, Drive } = setUp();
    const doc = Drive.Files.create({ name: 'x', mimeType: MimeType.GOOGLE_DOCS });
    emu.runtime.grantedScopes = [SHEETS, DOCS];
    expect(() => Drive.Permissions!.list(doc.id!)).toThrow('API call to drive.permissions.list failed with error: Request had insufficient authentication scopes.');
  });
});

describe('several users on one spreadsheet', () => {
  test('Session.getEffectiveUser and getActiveUser follow the account the execution runs as', () => {
    const { emu, Session } = setUp();
    expect(Session.getEffectiveUser().getEmail()).toBe(A);
    expect(emu.users.as(B, () => Session.getEffectiveUser().getEmail())).toBe(B);
    expect(emu.users.as(B, () => Session.getActiveUser().getEmail())).toBe(B);
    expect(Session.getEffectiveUser().getEmail()).toBe(A);
  });

  test('drive.file is per user: a file A made with the app stays invisible to the app running as B, even shared with B', () => {
    const { emu, Drive, DocumentApp } = setUp();
    const doc = Drive.Files.create({ name: 'ひな形', mimeType: MimeType.GOOGLE_DOCS });
    // Not shared yet: B cannot open it at all.
    expect(() => emu.users.as(B, () => DocumentApp.openById(doc.id!))).toThrow();
    Drive.Permissions!.create({ type: 'user', role: 'writer', emailAddress: B }, doc.id!, { sendNotificationEmail: false });
    // Shared: B opens it in Docs (DocumentApp, `documents` scope) …
    expect(emu.users.as(B, () => DocumentApp.openById(doc.id!).getName())).toBe('ひな形');
    // … but the add-on's Drive API calls made as B do not reach it (the app is not authorized on it for B).
    expect(() => emu.users.as(B, () => Drive.Files.get(doc.id!))).toThrow(`API call to drive.files.get failed with error: File not found: ${doc.id}.`);
    expect(() => emu.users.as(B, () => Drive.Files.copy({ name: 'c' }, doc.id!))).toThrow('File not found');
    // What B makes with the app is B's, in B's own My Drive, and invisible to A's app.
    const mine = emu.users.as(B, () => Drive.Files.create({ name: 'B のひな形', mimeType: MimeType.GOOGLE_DOCS }, null as never, { fields: 'id,owners,parents' }));
    expect(mine.owners![0]!.emailAddress).toBe(B);
    expect(mine.parents).toEqual([emu.drive.rootFor(B)]);
    expect(() => Drive.Files.get(mine.id!)).toThrow('File not found');
  });

  test('a user who revoked the grant: every scoped call fails for that user only', () => {
    const { emu, Drive } = setUp();
    emu.users.revoke(B);
    expect(() => emu.users.as(B, () => Drive.Files.list({}))).toThrow('Request had insufficient authentication scopes.');
    expect(() => emu.users.as(B, () => emu.globals.DocumentApp.create('x'))).toThrow('You do not have permission to call DocumentApp.create');
    expect(Drive.Files.list({}).files).toEqual([]);
  });
});

describe('shared drives (supportsAllDrives)', () => {
  function withSharedFolder() {
    const s = setUp();
    const drive = s.emu.drive.addSharedDrive('ネットワーク共有', { [A]: 'organizer', [B]: 'writer' });
    const folder = s.Drive.Files.create({ name: '就労支援ネットワーク', mimeType: MimeType.FOLDER });
    // A person moves the add-on's folder into the shared drive in Drive's UI.
    s.emu.drive.moveByHand(folder.id!, drive);
    return { ...s, drive, folder: folder.id! };
  }

  test('an app-made folder moved into a shared drive: reachable only with supportsAllDrives; the drive owns it', () => {
    const { Drive, folder, drive } = withSharedFolder();
    expect(() => Drive.Files.get(folder)).toThrow(`File not found: ${folder}.`);
    const got = Drive.Files.get(folder, { supportsAllDrives: true, fields: 'id,owners,driveId' });
    expect(got).toMatchObject({ id: folder, owners: [], driveId: drive });
    // The shared drive itself was not made by the app: drive.file does not reach it.
    expect(() => Drive.Files.create({ name: 'x', mimeType: MimeType.FOLDER, parents: [drive] }, null as never, { supportsAllDrives: true })).toThrow(`File not found: ${drive}.`);
  });

  test('moving an app-made file in: one parent exactly (addParents with removeParents), and only by its owner', () => {
    const { emu, Drive, folder } = withSharedFolder();
    const doc = Drive.Files.create({ name: 'パンフレット', mimeType: MimeType.GOOGLE_DOCS }, null as never, { fields: 'id,parents' });
    expect(() => Drive.Files.update({}, doc.id!, null as never, { addParents: folder, supportsAllDrives: true })).toThrow('A shared drive item must have exactly one parent.');
    const moved = Drive.Files.update({}, doc.id!, null as never, { addParents: folder, removeParents: doc.parents![0], supportsAllDrives: true, fields: 'parents,owners,driveId' });
    expect(moved).toMatchObject({ parents: [folder], owners: [] });
    // B made a file with the app, shared it with A as writer: A's app cannot see it (not authorized for A) …
    const bDoc = emu.users.as(B, () => {
      const f = Drive.Files.create({ name: 'B', mimeType: MimeType.GOOGLE_DOCS }, null as never, { fields: 'id,parents' });
      Drive.Permissions!.create({ type: 'user', role: 'writer', emailAddress: A }, f.id!, { sendNotificationEmail: false });
      return f;
    });
    expect(() => Drive.Files.update({}, bDoc.id!, null as never, { addParents: folder, removeParents: bDoc.parents![0], supportsAllDrives: true })).toThrow('File not found');
    // … and with the broad drive scope A still could not move it: only the owner moves a My Drive item into a shared drive.
    emu.runtime.grantedScopes = [...emu.runtime.grantedScopes, 'https://www.googleapis.com/auth/drive'];
    expect(() => Drive.Files.update({}, bDoc.id!, null as never, { addParents: folder, removeParents: bDoc.parents![0], supportsAllDrives: true })).toThrow(`The user does not have sufficient permissions for file ${bDoc.id}.`);
  });

  test('Files.list shows shared drive items only with includeItemsFromAllDrives', () => {
    const { Drive, folder } = withSharedFolder();
    expect((Drive.Files.list({ q: 'trashed = false' }).files ?? []).map((f) => f.id)).not.toContain(folder);
    expect((Drive.Files.list({ q: 'trashed = false', supportsAllDrives: true, includeItemsFromAllDrives: true }).files ?? []).map((f) => f.id)).toContain(folder);
  });

  test('a file deleted by hand is gone for every call', () => {
    const { emu, Drive, DocumentApp } = setUp();
    const doc = Drive.Files.create({ name: 'ひな形', mimeType: MimeType.GOOGLE_DOCS });
    emu.drive.deleteByHand(doc.id!);
    expect(() => Drive.Files.get(doc.id!)).toThrow('File not found');
    expect(() => DocumentApp.openById(doc.id!)).toThrow();
  });
});
