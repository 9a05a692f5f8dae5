/**
 * One store of Drive files and folders behind two services: the built-in DriveApp and the Advanced Drive service
 * (`Drive`, Drive API v3, only when appsscript.json enables it).
 *
 * Google behaviour relied on:
 * - DriveApp's reference lists only the broad scopes: `drive.readonly` or `drive` for getters (getFileById,
 *   getFolderById, getFiles, getFilesByName, getRootFolder), `drive` for everything that writes (createFolder,
 *   createFile, makeCopy, setTrashed, moveTo…) — https://developers.google.com/apps-script/reference/drive/drive-app
 *   (each method's "Authorization"). `drive.file` is not among them, so under a manifest that grants only
 *   `drive.file` every DriveApp call fails ("Specified permissions are not sufficient to call DriveApp.getFileById.
 *   Required permissions: (https://www.googleapis.com/auth/drive.readonly || https://www.googleapis.com/auth/drive)"
 *   — checked, with the wording's sources, by the one mechanism for every service in emulator/scopes.ts) — the
 *   wording Apps Script users report (e.g. https://github.com/ftomassetti/DriveInvoicing/issues/1 for the form,
 *   and Google's https://github.com/googleworkspace/redriveapp README: DriveApp "forces use of the full /auth/drive
 *   scope").
 * - The Drive API's `drive.file` scope reaches only files the app created or that the user opened/shared with it
 *   (https://developers.google.com/drive/api/guides/about-auth); any other id answers 404 "File not found: <id>."
 *   (redriveapp README: 'you will get a "File not Found" error from Drive'), which the advanced service surfaces as
 *   GoogleJsonResponseException "API call to drive.files.copy failed with error: File not found: <id>."
 *   (https://github.com/ericyd/gdrive-copy/issues/186). The emulator marks files `createdByApp` when the Drive API
 *   or DriveApp made them and refuses the others unless a broad scope is granted.
 * - Whether a Doc made by DocumentApp.create counts as "created by the app" for `drive.file` is not documented: the
 *   emulator takes the strict side (it does not), so the add-on creates its Docs with Drive.Files.create.
 * - makeCopy(name, folder) of a Google Doc copies its saved content.
 * - getAs(MimeType.PDF) of a Google Doc exports what Docs has saved. The reference only says to call
 *   saveAndClose() before exporting; edits made in the same execution and not yet saved are not in the export.
 *   The emulator exports the content as of the last save (saveAndClose, or the end of an earlier execution),
 *   so a forgotten saveAndClose shows up as a stale PDF, not as an error.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from './paths';
import { GasException, GasObject, Runtime } from './runtime';
import { Blob } from './services';
import { DocumentModel, DocumentStore, SectionElement } from './documents';
import { documentToPlainLines } from './render-html';
import { documentToPdf } from './pdf-document';
import { PermissionsCollection, Role, Sharing } from './drive-sharing';
import { GOOGLE_SCOPES } from '../src/server/scopes';

export const MimeType = {
  GOOGLE_DOCS: 'application/vnd.google-apps.document',
  GOOGLE_SHEETS: 'application/vnd.google-apps.spreadsheet',
  GOOGLE_FORMS: 'application/vnd.google-apps.form',
  FOLDER: 'application/vnd.google-apps.folder',
  PDF: 'application/pdf',
  PLAIN_TEXT: 'text/plain',
  HTML: 'text/html',
  CSV: 'text/csv',
  JSON: 'application/json',
  MICROSOFT_WORD: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

export const DRIVE_FILE_SCOPE = GOOGLE_SCOPES.driveFile;
export const DRIVE_SCOPE = GOOGLE_SCOPES.drive;
export const DRIVE_READONLY_SCOPE = GOOGLE_SCOPES.driveReadonly;
const BROAD_DRIVE_SCOPES = [DRIVE_SCOPE, DRIVE_READONLY_SCOPE];

type GFile = GoogleAppsScript.Drive.File;
type GFolder = GoogleAppsScript.Drive.Folder;
type GFileIterator = GoogleAppsScript.Drive.FileIterator;
type GBlob = GoogleAppsScript.Base.Blob;

export interface FileRecord {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  createdByApp: boolean;
  trashed: boolean;
  /** Bytes of a non-Google file (e.g. the exported PDF). */
  bytes?: Uint8Array;
  /** For a PDF exported from a Doc: the lines of text it shows (what a test can read back). */
  pdfText?: string[];
  created: Date;
}

export interface FolderRecord { id: string; name: string; parent: string | null; createdByApp: boolean; trashed: boolean }

export class DriveStore {
  readonly files = new Map<string, FileRecord>();
  readonly folders = new Map<string, FolderRecord>();
  /** The first user's My Drive; every other user has their own (`rootFor`). */
  readonly rootId = 'root-folder';
  private readonly roots = new Set<string>([this.rootId]);
  private nextId = 1;
  /** Owners, permissions, shared drives and the app's per-user drive.file grants (emulator/drive-sharing.ts). */
  readonly sharing: Sharing;

  constructor(readonly runtime: Runtime, readonly documents: DocumentStore) {
    this.folders.set(this.rootId, { id: this.rootId, name: 'マイドライブ', parent: null, createdByApp: false, trashed: false });
    this.sharing = new Sharing(runtime, {
      exists: (id) => this.files.has(id) || this.folders.has(id),
      createdByApp: (id) => (this.files.get(id) ?? this.folders.get(id))?.createdByApp === true,
      parentsOf: (id) => { const f = this.files.get(id); if (f) return f.parents; const d = this.folders.get(id); return d?.parent ? [d.parent] : []; },
      isRoot: (id) => this.roots.has(id),
    });
    // Not `createdByApp`: see the header (DocumentApp.create and drive.file).
    documents.onCreate = (model) => this.registerDocument(model, [this.rootFor()], false);
    documents.onRename = (id, name) => { const f = this.files.get(id); if (f) f.name = name; };
    // DocumentApp needs `documents`, which covers every Doc the user can open (the reference lists only that scope
    // for openById); drive.file does not limit it, sharing does. A Doc that is not in Drive at all is missing.
    documents.canOpen = (id) => { const f = this.files.get(id); return !!f && this.sharing.roleOf(this.runtime.user.email, id) !== null; };
    documents.exportAs = (model, contentType) => exportDocument(model, contentType);
  }

  /** The current user's My Drive root (made when another user first needs one). */
  rootFor(email = this.runtime.user.email): string {
    if (email === this.sharing.primaryUser) return this.rootId;
    const id = `root-${email}`;
    if (!this.folders.has(id)) {
      this.folders.set(id, { id, name: 'マイドライブ', parent: null, createdByApp: false, trashed: false });
      this.roots.add(id);
      this.sharing.acl.set(id, { owner: email, permissions: [], appUsers: new Set() });
    }
    return id;
  }

  isRoot(id: string): boolean { return this.roots.has(id); }

  /** A shared drive (fixture: an organisation's drive with its members' roles). Its id is its root folder's. */
  addSharedDrive(name: string, members: Record<string, Role>): string {
    const id = `0A-shared-drive-${this.sharing.sharedDrives.size + 1}`;
    this.folders.set(id, { id, name, parent: null, createdByApp: false, trashed: false });
    this.sharing.sharedDrives.set(id, {
      id, name,
      members: Object.entries(members).map(([email, role]) => ({ id: `perm-member-${email}`, type: 'user' as const, role, emailAddress: email })),
    });
    this.sharing.acl.set(id, { owner: null, permissions: [], appUsers: new Set() });
    return id;
  }

  /** A person shares an item in Drive's UI (no app involved). */
  shareByHand(id: string, email: string, role: Role): void {
    const acl = this.sharing.aclOf(id);
    const pid = `perm-hand-${email}`;
    acl.permissions = [...acl.permissions.filter((p) => p.id !== pid), { id: pid, type: 'user', role, emailAddress: email }];
  }

  /** A person moves an item in Drive's UI (e.g. the add-on's folder into a shared drive). */
  moveByHand(id: string, folderId: string): void {
    const f = this.files.get(id);
    if (f) { f.parents = [folderId]; return; }
    const d = this.folders.get(id);
    if (!d) throw new Error(`moveByHand: no item ${id}`);
    d.parent = folderId;
  }

  /** A person deletes an item for good (emptied from the trash): every id in it answers "not found". */
  deleteByHand(id: string): void {
    this.files.delete(id);
    this.documents.docs.delete(id);
    this.folders.delete(id);
    for (const f of [...this.files.values()]) if (f.parents.includes(id)) this.deleteByHand(f.id);
  }

  newId(prefix: string): string {
    return `${prefix}-${String(this.nextId++).padStart(4, '0')}-${Math.random().toString(36).slice(2, 10)}`;
  }

  registerDocument(model: DocumentModel, parents: string[], createdByApp: boolean): FileRecord {
    const record: FileRecord = { id: model.id, name: model.name, mimeType: MimeType.GOOGLE_DOCS, parents, createdByApp, trashed: false, created: this.runtime.now() };
    this.files.set(record.id, record);
    this.sharing.stamp(record.id, createdByApp);
    return record;
  }

  /** Records a new item as the current user's (owner, and the app's drive.file grant when the app made it). */
  stamp<T extends { id: string; createdByApp: boolean }>(record: T): T {
    this.sharing.stamp(record.id, record.createdByApp);
    return record;
  }

  /** A file made by hand in Drive (not by the add-on): test fixture for the drive.file boundary. */
  addUserFile(name: string, mimeType: string, content: string | DocumentModel): FileRecord {
    if (content instanceof DocumentModel) {
      this.documents.docs.set(content.id, content);
      return this.registerDocument(content, [this.rootId], false);
    }
    const record: FileRecord = { id: this.newId('file'), name, mimeType, parents: [this.rootFor()], createdByApp: false, trashed: false, bytes: new TextEncoder().encode(content), created: this.runtime.now() };
    this.files.set(record.id, record);
    return this.stamp(record);
  }

  /** DriveApp's reach: what the user can open, all of it under a broad scope, the app's own under drive.file. */
  accessible(item: { id: string; createdByApp: boolean }): boolean {
    const user = this.runtime.user.email;
    if (this.sharing.roleOf(user, item.id) === null) return false;
    const granted = this.runtime.grantedScopes;
    if (this.runtime.manifestScopes.length === 0 || BROAD_DRIVE_SCOPES.some((s) => granted.includes(s))) return true;
    return item.createdByApp && this.sharing.appAuthorized(user, item.id) && granted.includes(DRIVE_FILE_SCOPE);
  }

  filesIn(folderId: string): FileRecord[] {
    return [...this.files.values()].filter((f) => !f.trashed && f.parents.includes(folderId) && this.accessible(f));
  }
}

const notFound = () => new GasException('No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.');

export class File extends GasObject implements Pick<GFile,
  'getId' | 'getName' | 'setName' | 'getUrl' | 'getMimeType' | 'makeCopy' | 'getAs' | 'getBlob' | 'moveTo' | 'setTrashed' | 'isTrashed' | 'getDateCreated'> {
  readonly gasService = 'DriveApp';
  readonly gasType = 'File';
  constructor(readonly record: FileRecord, private readonly store: DriveStore) { super(); }
  getId(): string { return this.record.id; }
  getName(): string { return this.record.name; }
  setName(name: string): GFile {
    this.record.name = String(name);
    const doc = this.store.documents.docs.get(this.record.id);
    if (doc) doc.name = this.record.name;
    return this as never;
  }
  getUrl(): string {
    return this.record.mimeType === MimeType.GOOGLE_DOCS
      ? `https://docs.google.com/document/d/${this.record.id}/edit?usp=drivesdk`
      : `https://drive.google.com/file/d/${this.record.id}/view?usp=drivesdk`;
  }
  getMimeType(): string { return this.record.mimeType; }
  getDateCreated(): GoogleAppsScript.Base.Date { return new Date(this.record.created.getTime()) as never; }
  isTrashed(): boolean { return this.record.trashed; }
  setTrashed(trashed: boolean): GFile { this.record.trashed = trashed; return this as never; }
  moveTo(destination: GFolder): GFile {
    this.record.parents = [(destination as unknown as Folder).record.id];
    return this as never;
  }
  makeCopy(nameOrDestination?: unknown, destination?: unknown): GFile {
    const name = typeof nameOrDestination === 'string' ? nameOrDestination : `${this.record.name} のコピー`;
    const folder = (nameOrDestination instanceof Folder ? nameOrDestination : destination instanceof Folder ? destination : null) as Folder | null;
    const parents = folder ? [folder.record.id] : [...this.record.parents];
    if (this.record.mimeType === MimeType.GOOGLE_DOCS) {
      const source = this.store.documents.docs.get(this.record.id)!;
      const copy = source.copyAs(this.store.documents.newId(), name);
      this.store.documents.docs.set(copy.id, copy);
      return new File(this.store.registerDocument(copy, parents, true), this.store) as never;
    }
    const record: FileRecord = { ...this.record, id: this.store.newId('file'), name, parents, createdByApp: true, created: this.store.runtime.now() };
    this.store.files.set(record.id, record);
    return new File(this.store.stamp(record), this.store) as never;
  }
  getBlob(): GBlob {
    if (this.record.mimeType === MimeType.GOOGLE_DOCS) return this.getAs(MimeType.PDF);
    return new Blob(new Uint8Array(this.record.bytes ?? []), this.record.mimeType, this.record.name) as never;
  }
  getAs(contentType: string): GBlob {
    if (this.record.mimeType === MimeType.GOOGLE_DOCS) return exportDocument(this.store.documents.docs.get(this.record.id)!, contentType) as never;
    if (contentType === this.record.mimeType) return this.getBlob();
    throw new GasException(`Converting from ${this.record.mimeType} to ${contentType} is not supported.`);
  }
}

/** Text lines of PDFs exported by the emulator, so that folder.createFile(pdf) can keep them for tests. */
const pdfTextOfBlob = new WeakMap<object, string[]>();

/** A Doc as a PDF of what Docs has saved (see the header); no other conversion is emulated. */
function exportDocument(model: DocumentModel, contentType: string): Blob {
  if (contentType !== MimeType.PDF) throw new GasException(`Converting from ${MimeType.GOOGLE_DOCS} to ${contentType} is not supported.`);
  const lines = documentToPlainLines(model.saved);
  // Laid out as a page (headings, bold, tables, header and footer): emulator/pdf-layout.ts.
  const blob = new Blob(documentToPdf(model.saved, model.name), MimeType.PDF, `${model.name}.pdf`);
  pdfTextOfBlob.set(blob, lines);
  return blob;
}

export class FileIterator extends GasObject implements Pick<GFileIterator, 'hasNext' | 'next' | 'getContinuationToken'> {
  readonly gasService = 'DriveApp';
  readonly gasType = 'FileIterator';
  private i = 0;
  constructor(private readonly items: File[]) { super(); }
  hasNext(): boolean { return this.i < this.items.length; }
  next(): GFile {
    const item = this.items[this.i++];
    if (!item) throw new GasException('Cannot retrieve the next object: iterator has reached the end.');
    return item as never;
  }
  getContinuationToken(): string { return String(this.i); }
}

export class Folder extends GasObject implements Pick<GFolder,
  'getId' | 'getName' | 'setName' | 'getUrl' | 'createFile' | 'createFolder' | 'getFiles' | 'getFilesByName' | 'isTrashed' | 'setTrashed'> {
  readonly gasService = 'DriveApp';
  readonly gasType = 'Folder';
  constructor(readonly record: FolderRecord, private readonly store: DriveStore) { super(); }
  getId(): string { return this.record.id; }
  getName(): string { return this.record.name; }
  setName(name: string): GFolder { this.record.name = String(name); return this as never; }
  getUrl(): string { return `https://drive.google.com/drive/folders/${this.record.id}`; }
  isTrashed(): boolean { return this.record.trashed; }
  /** https://developers.google.com/apps-script/reference/drive/folder#setTrashed(Boolean) */
  setTrashed(trashed: boolean): GFolder { this.record.trashed = trashed; return this as never; }
  createFile(blobOrName: unknown, content?: string, mimeType?: string): GFile {
    return createFileIn(this.store, this.record.id, blobOrName, content, mimeType) as never;
  }
  createFolder(name: string): GFolder {
    return createFolderIn(this.store, this.record.id, name) as never;
  }
  getFiles(): GFileIterator {
    return new FileIterator(this.store.filesIn(this.record.id).map((f) => new File(f, this.store))) as never;
  }
  getFilesByName(name: string): GFileIterator {
    return new FileIterator(this.store.filesIn(this.record.id).filter((f) => f.name === name).map((f) => new File(f, this.store))) as never;
  }
}

function createFileIn(store: DriveStore, folderId: string, blobOrName: unknown, content?: string, mimeType?: string): File {
  let record: FileRecord;
  const now = store.runtime.now();
  if (blobOrName instanceof Blob) {
    const name = blobOrName.getName();
    if (!name) throw new GasException('Blob object must have non-null name for this operation.');
    record = { id: store.newId('file'), name, mimeType: blobOrName.getContentType() ?? MimeType.PLAIN_TEXT, parents: [folderId], createdByApp: true, trashed: false, bytes: new Uint8Array(blobOrName.bytes), created: now };
    const text = pdfTextOfBlob.get(blobOrName);
    if (text) record.pdfText = text;
  } else if (typeof blobOrName === 'string') {
    record = { id: store.newId('file'), name: blobOrName, mimeType: mimeType ?? MimeType.PLAIN_TEXT, parents: [folderId], createdByApp: true, trashed: false, bytes: new TextEncoder().encode(content ?? ''), created: now };
  } else {
    throw new GasException(`The parameters (${typeof blobOrName}) don't match the method signature for DriveApp.Folder.createFile.`);
  }
  store.files.set(record.id, record);
  return new File(store.stamp(record), store);
}

function createFolderIn(store: DriveStore, parent: string, name: string): Folder {
  if (typeof name !== 'string' || name === '') throw new GasException('Invalid argument: name');
  const record: FolderRecord = { id: store.newId('folder'), name, parent, createdByApp: true, trashed: false };
  store.folders.set(record.id, record);
  return new Folder(store.stamp(record), store);
}

export function createDriveApp(store: DriveStore) {
  return {
    gasService: 'DriveApp',
    gasType: 'DriveApp',
    getFileById(id: string): File {
      const f = store.files.get(String(id));
      if (!f || !store.accessible(f)) throw notFound();
      return new File(f, store);
    },
    getFolderById(id: string): Folder {
      const f = store.folders.get(String(id));
      if (!f || (!store.isRoot(f.id) && !store.accessible(f))) throw notFound();
      return new Folder(f, store);
    },
    getRootFolder(): Folder {
      return new Folder(store.folders.get(store.rootFor())!, store);
    },
    createFolder(name: string): Folder {
      return createFolderIn(store, store.rootFor(), name);
    },
    createFile(blobOrName: unknown, content?: string, mimeType?: string): File {
      return createFileIn(store, store.rootFor(), blobOrName, content, mimeType);
    },
    getFiles(): FileIterator {
      return new FileIterator([...store.files.values()].filter((f) => !f.trashed && store.accessible(f)).map((f) => new File(f, store)));
    },
    getFilesByName(name: string): FileIterator {
      return new FileIterator([...store.files.values()].filter((f) => !f.trashed && f.name === name && store.accessible(f)).map((f) => new File(f, store)));
    },
  };
}

/** For the demo and tests: the document model behind a Drive file id. */
export function documentSections(store: DriveStore, id: string): { body: SectionElement; header: SectionElement | null; footer: SectionElement | null } | null {
  const m = store.documents.docs.get(id);
  return m ? { body: m.body, header: m.header, footer: m.footer } : null;
}

// ---------- Advanced Drive service (Drive API v3) ----------

// Each method's scopes (the Drive API v3 reference's "Authorization scopes") are checked by the one mechanism for
// every service, emulator/scopes.ts (ADVANCED_SCOPES). Files.export is not emulated: in Apps Script the advanced
// service's export returns nothing (@types/google-apps-script: `export(fileId, mimeType): void`); the add-on exports
// with Document.getAs.
/** Scopes under which the Drive API sees every file of the user, not only the app's own. */
const API_WIDE_SCOPES = [DRIVE_SCOPE, DRIVE_READONLY_SCOPE, GOOGLE_SCOPES.driveMetadata, GOOGLE_SCOPES.driveMetadataReadonly];

/** How the advanced service surfaces an API error (as emulator/calendar.ts does for Calendar). */
export function driveError(method: string, message: string): GasException {
  const e = new GasException(`API call to drive.files.${method} failed with error: ${message}`);
  e.name = 'GoogleJsonResponseException';
  return e;
}

type ApiFile = GoogleAppsScript.Drive_v3.Drive.V3.Schema.File;
type Item = { kind: 'file'; record: FileRecord } | { kind: 'folder'; record: FolderRecord };

/**
 * The API's `trashed`: "Whether the file has been trashed, either explicitly or from a trashed parent folder"
 * (https://developers.google.com/drive/api/reference/rest/v3/files#File) — a file in a trashed folder answers true,
 * in files.get and in a `trashed = …` query alike.
 */
function trashedOf(item: Item, store: DriveStore): boolean {
  if (item.record.trashed) return true;
  const seen = new Set<string>();
  let parents = item.kind === 'file' ? (item.record as FileRecord).parents : [(item.record as FolderRecord).parent ?? ''];
  while (parents.length) {
    const next: string[] = [];
    for (const p of parents) {
      const folder = store.folders.get(p);
      if (!folder || seen.has(p)) continue;
      seen.add(p);
      if (folder.trashed) return true;
      if (folder.parent) next.push(folder.parent);
    }
    parents = next;
  }
  return false;
}

/**
 * The file resource as Drive v3 describes it (the fields the emulator knows). `owners` lists the owner (none on a
 * shared drive), `driveId` the shared drive, `ownedByMe` whether the requesting user owns it.
 */
function resourceOf(item: Item, store: DriveStore): Record<string, unknown> {
  const r = item.record;
  const owner = store.sharing.ownerOf(r.id);
  const driveId = store.sharing.driveIdOf(r.id);
  const people = {
    owners: owner ? [{ kind: 'drive#user', emailAddress: owner, me: owner === store.runtime.user.email }] : [],
    ownedByMe: owner === store.runtime.user.email,
    ...(driveId ? { driveId } : {}),
  };
  if (item.kind === 'folder') {
    const f = r as FolderRecord;
    return {
      kind: 'drive#file', id: f.id, name: f.name, mimeType: MimeType.FOLDER, trashed: trashedOf(item, store), parents: f.parent ? [f.parent] : [],
      webViewLink: `https://drive.google.com/drive/folders/${f.id}`, ...people,
    };
  }
  const f = r as FileRecord;
  return {
    kind: 'drive#file', id: f.id, name: f.name, mimeType: f.mimeType, trashed: trashedOf(item, store), parents: [...f.parents],
    createdTime: f.created.toISOString(),
    webViewLink: f.mimeType === MimeType.GOOGLE_DOCS ? `https://docs.google.com/document/d/${f.id}/edit?usp=drivesdk` : `https://drive.google.com/file/d/${f.id}/view?usp=drivesdk`,
    ...(f.bytes ? { size: String(f.bytes.length) } : {}), ...people,
  };
}

/**
 * The `fields` system parameter: without it a file answers kind, id, name and mimeType
 * (https://developers.google.com/drive/api/guides/fields-parameter); `*` is every field; `files(a,b)` selects
 * inside a list. A field the emulator does not know is simply absent (Google would answer it).
 */
function splitFields(fields: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of fields) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) { out.push(current.trim()); current = ''; continue; }
    current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
const DEFAULT_FILE_FIELDS = 'kind,id,name,mimeType';
function pick(resource: Record<string, unknown>, fields: string | undefined): ApiFile {
  const wanted = splitFields(fields ?? DEFAULT_FILE_FIELDS);
  if (wanted.includes('*')) return { ...resource } as ApiFile;
  const out: Record<string, unknown> = {};
  for (const field of wanted) {
    // `owners(me,emailAddress)`: a sub-selection, applied to each element of a list (or to an object).
    const sub = /^(\w+)\((.*)\)$/.exec(field);
    const key = sub ? sub[1]! : field;
    if (!(key in resource)) continue;
    const value = resource[key];
    const inner = (v: unknown) => (v && typeof v === 'object' ? pick(v as Record<string, unknown>, sub![2]) : v);
    out[key] = !sub ? value : Array.isArray(value) ? value.map(inner) : inner(value);
  }
  return out as ApiFile;
}

/**
 * The part of the Drive query language the add-on uses (https://developers.google.com/drive/api/guides/search-files):
 * terms joined by `and` — `name = '…'`, `mimeType = '…'` (also `!=`), `'<id>' in parents`, `trashed = false|true`.
 * Strings in single or double quotes (Google's own sample uses `"root" in parents`), `\'` and `\\` escaped.
 * Anything else (or, not, contains, parentheses, dates, fullText, properties…) is refused loudly as not emulated,
 * never silently matched.
 */
type Term = (item: Item) => boolean;
function parseQuery(q: string, rootId: string, store: DriveStore): Term[] {
  const terms: Term[] = [];
  let rest = q.trim();
  const str = String.raw`(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")`;
  const unescape = (m: RegExpExecArray, i: number) => (m[i] ?? m[i + 1] ?? '').replace(/\\(.)/g, '$1');
  const patterns: [RegExp, (m: RegExpExecArray) => Term][] = [
    [new RegExp(String.raw`^name\s*(=|!=)\s*${str}`), (m) => { const v = unescape(m, 2); const eq = m[1] === '='; return (it) => (it.record.name === v) === eq; }],
    [new RegExp(String.raw`^mimeType\s*(=|!=)\s*${str}`), (m) => { const v = unescape(m, 2); const eq = m[1] === '='; return (it) => (mimeOf(it) === v) === eq; }],
    [new RegExp(String.raw`^${str}\s+in\s+parents`), (m) => { const v = unescape(m, 1); const id = v === 'root' ? rootId : v; return (it) => parentsOf(it).includes(id); }],
    [/^trashed\s*=\s*(true|false)/, (m) => { const v = m[1] === 'true'; return (it) => trashedOf(it, store) === v; }],
  ];
  while (rest) {
    const match = patterns.map(([re, make]) => { const m = re.exec(rest); return m ? { m, make } : null; }).find((x) => x);
    if (!match) throw new Error(`Drive.Files.list: the query term «${rest}» is not emulated (emulator/drive.ts parseQuery lists what is).`);
    terms.push(match.make(match.m));
    rest = rest.slice(match.m[0].length).trim();
    if (!rest) break;
    const and = /^and\s+/i.exec(rest);
    if (!and) throw new Error(`Drive.Files.list: «${rest}» is not emulated (only «and» joins terms).`);
    rest = rest.slice(and[0].length);
  }
  return terms;
}
function mimeOf(it: Item): string { return it.kind === 'folder' ? MimeType.FOLDER : (it.record as FileRecord).mimeType; }
function parentsOf(it: Item): string[] { return it.kind === 'folder' ? ((it.record as FolderRecord).parent ? [(it.record as FolderRecord).parent!] : []) : (it.record as FileRecord).parents; }

export class FilesCollection extends GasObject implements Pick<GoogleAppsScript.Drive_v3.Drive.V3.Collection.FilesCollection, 'create' | 'copy' | 'get' | 'list' | 'update'> {
  readonly gasService = 'Drive';
  readonly gasType = 'Files';
  constructor(private readonly store: DriveStore) { super(); }

  /**
   * Whether the API, as the current user under the granted scopes, sees this item: the user must be able to open it
   * (owner, a permission, a shared drive's member); drive.file narrows that to the items the app is authorized on for
   * this user; a shared drive's items only when the request says supportsAllDrives (emulator/drive-sharing.ts).
   */
  visible(item: { id: string; createdByApp: boolean }, args: Record<string, unknown> = {}): boolean {
    const user = this.store.runtime.user.email;
    if (this.store.sharing.roleOf(user, item.id) === null) return false;
    if (this.store.sharing.driveIdOf(item.id) && args.supportsAllDrives !== true) return false;
    const granted = this.store.runtime.grantedScopes;
    if (this.store.runtime.manifestScopes.length === 0 || API_WIDE_SCOPES.some((s) => granted.includes(s))) return true;
    return item.createdByApp && this.store.sharing.appAuthorized(user, item.id) && granted.includes(DRIVE_FILE_SCOPE);
  }
  item(id: string, method: string, args: Record<string, unknown> = {}): Item {
    const key = String(id);
    const file = this.store.files.get(key);
    if (file && this.visible(file, args)) return { kind: 'file', record: file };
    const folder = this.store.folders.get(key === 'root' ? this.store.rootFor() : key);
    // The user's own root folder ('root' alias) is always reachable as a parent.
    if (folder && (folder.id === this.store.rootFor() || this.visible(folder, args))) return { kind: 'folder', record: folder };
    throw driveError(method, `File not found: ${key}.`);
  }
  private parentIds(parents: unknown, method: string, args: Record<string, unknown>): string[] {
    if (parents === undefined || parents === null) return [this.store.rootFor()];
    if (!Array.isArray(parents)) throw driveError(method, 'Invalid Value');
    return parents.map((p) => {
      const it = this.item(String(p), method, args);
      if (it.kind !== 'folder') throw driveError(method, 'The specified parent is not a folder.');
      if (!this.store.sharing.atLeast(this.store.runtime.user.email, it.record.id, 'writer')) throw driveError(method, `The user does not have sufficient permissions for file ${it.record.id}.`);
      return it.record.id;
    });
  }

  /**
   * `resource` (name, mimeType, parents) and an optional blob. A folder is the folder MIME type; a Google Doc the
   * Docs MIME type without content (an empty document, as Docs makes it); anything else keeps the blob's bytes.
   * Converting uploaded content into a Google Doc is not emulated.
   */
  create(resource: ApiFile, mediaData?: GoogleAppsScript.Base.Blob, optionalArgs: Record<string, unknown> = {}): ApiFile {
    const r = (resource ?? {}) as Record<string, unknown>;
    const blob = mediaData as unknown as Blob | undefined | null;
    const parents = this.parentIds(r.parents, 'create', optionalArgs);
    const mimeType = String(r.mimeType ?? blob?.getContentType() ?? 'application/octet-stream');
    const name = String(r.name ?? blob?.getName() ?? 'Untitled');
    const now = this.store.runtime.now();
    if (mimeType === MimeType.FOLDER) {
      if (blob) throw driveError('create', 'Invalid Value');
      const folder: FolderRecord = { id: this.store.newId('folder'), name, parent: parents[0]!, createdByApp: true, trashed: false };
      this.store.folders.set(folder.id, folder);
      this.store.stamp(folder);
      return pick(resourceOf({ kind: 'folder', record: folder }, this.store), optionalArgs.fields as string | undefined);
    }
    if (mimeType === MimeType.GOOGLE_DOCS) {
      if (blob) throw new Error('Drive.Files.create: converting uploaded content into a Google Doc is not emulated.');
      const model = new DocumentModel(this.store.documents.newId(), name);
      this.store.documents.docs.set(model.id, model);
      const record = this.store.registerDocument(model, parents, true);
      return pick(resourceOf({ kind: 'file', record }, this.store), optionalArgs.fields as string | undefined);
    }
    if (mimeType.startsWith('application/vnd.google-apps.')) throw new Error(`Drive.Files.create: ${mimeType} is not emulated.`);
    const record: FileRecord = {
      id: this.store.newId('file'), name, mimeType, parents, createdByApp: true, trashed: false,
      bytes: blob ? new Uint8Array(blob.bytes) : new Uint8Array(), created: now,
    };
    const text = blob ? pdfTextOfBlob.get(blob) : undefined;
    if (text) record.pdfText = text;
    this.store.files.set(record.id, record);
    this.store.stamp(record);
    return pick(resourceOf({ kind: 'file', record }, this.store), optionalArgs.fields as string | undefined);
  }

  /** A Google Doc copies what Docs has saved. Without `parents` the copy goes where the source is (assumed). */
  copy(resource: ApiFile, fileId: string, optionalArgs: Record<string, unknown> = {}): ApiFile {
    const source = this.item(fileId, 'copy', optionalArgs);
    if (source.kind === 'folder') throw driveError('copy', 'This file cannot be copied by the user.');
    const src = source.record as FileRecord;
    const r = (resource ?? {}) as Record<string, unknown>;
    const parents = r.parents === undefined ? [...src.parents] : this.parentIds(r.parents, 'copy', optionalArgs);
    const name = r.name === undefined ? `Copy of ${src.name}` : String(r.name);
    let record: FileRecord;
    if (src.mimeType === MimeType.GOOGLE_DOCS) {
      const copy = this.store.documents.docs.get(src.id)!.copyAs(this.store.documents.newId(), name);
      this.store.documents.docs.set(copy.id, copy);
      record = this.store.registerDocument(copy, parents, true);
    } else {
      record = { ...src, id: this.store.newId('file'), name, parents, createdByApp: true, trashed: false, created: this.store.runtime.now() };
      this.store.files.set(record.id, record);
      this.store.stamp(record);
    }
    return pick(resourceOf({ kind: 'file', record }, this.store), optionalArgs.fields as string | undefined);
  }

  /** Metadata only: `alt: 'media'` (content) is not emulated. A trashed file is still found (trashed: true). */
  get(fileId: string, optionalArgs: Record<string, unknown> = {}): ApiFile & string {
    if (optionalArgs.alt === 'media') throw new Error('Drive.Files.get with alt=media is not emulated.');
    return pick(resourceOf(this.item(fileId, 'get', optionalArgs), this.store), optionalArgs.fields as string | undefined) as never;
  }

  /**
   * "This method returns *all* files by default, including trashed files" (@types/google-apps-script's copy of the
   * reference): only `q` narrows. Under drive.file only the app's own files are listed. One page holds them all.
   */
  list(optionalArgs: Record<string, unknown> = {}): GoogleAppsScript.Drive_v3.Drive.V3.Schema.FileList {
    const terms = optionalArgs.q === undefined ? [] : parseQuery(String(optionalArgs.q), this.store.rootFor(), this.store);
    // Shared drive items are listed only when asked for (includeItemsFromAllDrives with supportsAllDrives).
    const args = optionalArgs.includeItemsFromAllDrives === true ? optionalArgs : { ...optionalArgs, supportsAllDrives: false };
    const items: Item[] = [
      ...[...this.store.files.values()].filter((f) => this.visible(f, args)).map((record) => ({ kind: 'file' as const, record })),
      ...[...this.store.folders.values()].filter((f) => !this.store.isRoot(f.id) && !this.store.sharing.sharedDrives.has(f.id) && this.visible(f, args)).map((record) => ({ kind: 'folder' as const, record })),
    ];
    const matched = items.filter((it) => terms.every((t) => t(it)));
    const pageSize = optionalArgs.pageSize === undefined ? 100 : Number(optionalArgs.pageSize);
    const fields = optionalArgs.fields as string | undefined;
    const inner = fields ? /(?:^|,)\s*files\(([^)]*)\)/.exec(fields)?.[1] : undefined;
    const files = matched.slice(0, pageSize).map((it) => pick(resourceOf(it, this.store), inner ?? (fields ? (splitFields(fields).includes('files') ? '*' : DEFAULT_FILE_FIELDS) : DEFAULT_FILE_FIELDS)));
    if (matched.length > pageSize) throw new Error('Drive.Files.list: paging (nextPageToken) is not emulated; ask for a larger pageSize.');
    return { kind: 'drive#fileList', incompleteSearch: false, files } as GoogleAppsScript.Drive_v3.Drive.V3.Schema.FileList;
  }

  /**
   * Patch semantics: `name`, `trashed`; parents change only through `addParents` / `removeParents` (comma-separated
   * ids) — Drive v3 refuses `parents` in an update body. Replacing content (mediaData) is not emulated.
   */
  update(resource: ApiFile, fileId: string, mediaData?: GoogleAppsScript.Base.Blob | null, optionalArgs: Record<string, unknown> = {}): ApiFile {
    if (mediaData) throw new Error('Drive.Files.update with new content is not emulated.');
    const it = this.item(fileId, 'update', optionalArgs);
    const r = (resource ?? {}) as Record<string, unknown>;
    if (r.parents !== undefined) throw driveError('update', "The resource body includes fields which are not directly writable.");
    const add = optionalArgs.addParents ? this.parentIds(String(optionalArgs.addParents).split(','), 'update', optionalArgs) : [];
    const remove = optionalArgs.removeParents ? String(optionalArgs.removeParents).split(',').map((s) => s.trim()) : [];
    const me = this.store.runtime.user.email;
    if (!this.store.sharing.atLeast(me, it.record.id, 'writer')) throw driveError('update', `The user does not have sufficient permissions for file ${it.record.id}.`);
    if (add.length || remove.length) {
      const sharing = this.store.sharing;
      const currentParents = it.kind === 'file' ? (it.record as FileRecord).parents : [(it.record as FolderRecord).parent ?? ''];
      const next = [...currentParents.filter((p) => !remove.includes(p)), ...add.filter((p) => !currentParents.includes(p))];
      const fromDrive = sharing.driveIdOf(it.record.id);
      const toDrive = next.map((p) => sharing.driveIdOf(p)).find((d) => d) ?? null;
      if ((fromDrive || toDrive) && next.length !== 1) throw driveError('update', 'A shared drive item must have exactly one parent.');
      // Out of My Drive into a shared drive: the item changes hands (the drive will own it), so only its owner may.
      if (!fromDrive && toDrive && sharing.ownerOf(it.record.id) !== me) throw driveError('update', `The user does not have sufficient permissions for file ${it.record.id}.`);
    }
    if (r.name !== undefined) {
      it.record.name = String(r.name);
      const doc = this.store.documents.docs.get(it.record.id);
      if (doc) doc.name = it.record.name;
    }
    if (r.trashed !== undefined) it.record.trashed = r.trashed === true;
    if (it.kind === 'file') {
      const f = it.record as FileRecord;
      f.parents = [...f.parents.filter((p) => !remove.includes(p)), ...add.filter((p) => !f.parents.includes(p))];
    } else if (add.length || remove.length) {
      const f = it.record as FolderRecord;
      f.parent = add[0] ?? (remove.includes(f.parent ?? '') ? null : f.parent);
    }
    return pick(resourceOf(it, this.store), optionalArgs.fields as string | undefined);
  }
}

/** The `Drive` global exists only when the manifest enables the advanced service (otherwise it is undefined). */
export function createAdvancedDrive(store: DriveStore) {
  const files = new FilesCollection(store);
  const resolve = (id: string, method: string, args: Record<string, unknown>) => {
    try {
      return files.item(id, method, args).record.id;
    } catch {
      const e = new GasException(`API call to drive.permissions.${method} failed with error: File not found: ${id}.`);
      e.name = 'GoogleJsonResponseException';
      throw e;
    }
  };
  return { gasService: 'Drive', gasType: 'Drive', Files: files, Permissions: new PermissionsCollection(store.sharing, store.runtime, resolve) };
}

export function advancedDriveEnabled(manifestPath = path.join(projectRoot(), 'appsscript.json')): boolean {
  return advancedServiceEnabled('drive', 'Drive', 'v3', manifestPath);
}

/** Whether appsscript.json enables an advanced service under this symbol and version. */
export function advancedServiceEnabled(serviceId: string, userSymbol: string, version: string, manifestPath = path.join(projectRoot(), 'appsscript.json')): boolean {
  try {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as { dependencies?: { enabledAdvancedServices?: { serviceId: string; userSymbol: string; version?: string }[] } };
    return (m.dependencies?.enabledAdvancedServices ?? []).some((s) => s.serviceId === serviceId && s.userSymbol === userSymbol && s.version === version);
  } catch {
    return false;
  }
}
