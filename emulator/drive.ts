/**
 * DriveApp: files and folders, makeCopy, getAs(MimeType.PDF), createFile(blob), getFiles / getFilesByName.
 *
 * Google behaviour relied on:
 * - getFileById / getFolderById "throw a scripting exception if the file does not exist or the user does not
 *   have permission to access it". With only the per-file `drive.file` scope, the add-on can reach the files
 *   it created (or copied) itself; a file made by hand in Drive is invisible to it. The emulator marks every
 *   file `createdByApp` and refuses the others unless the broad `drive` / `drive.readonly` scope is granted.
 * - makeCopy(name, folder) of a Google Doc copies its saved content.
 * - getAs(MimeType.PDF) of a Google Doc exports what Docs has saved. The reference only says to call
 *   saveAndClose() before exporting; edits made in the same execution and not yet saved are not in the export.
 *   The emulator exports the content as of the last save (saveAndClose, or the end of an earlier execution),
 *   so a forgotten saveAndClose shows up as a stale PDF, not as an error.
 */
import { GasException, GasObject, Runtime } from './runtime';
import { Blob } from './services';
import { DocumentModel, DocumentStore, SectionElement } from './documents';
import { documentToPlainLines } from './render-html';
import { buildPdf } from './pdf';

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

export const DRIVE_FILE_SCOPE = 'https://www.googleapis.com/auth/drive.file';
const BROAD_DRIVE_SCOPES = ['https://www.googleapis.com/auth/drive', 'https://www.googleapis.com/auth/drive.readonly'];

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
  readonly rootId = 'root-folder';
  private nextId = 1;

  constructor(readonly runtime: Runtime, readonly documents: DocumentStore) {
    this.folders.set(this.rootId, { id: this.rootId, name: 'マイドライブ', parent: null, createdByApp: false, trashed: false });
    documents.onCreate = (model) => this.registerDocument(model, [this.rootId], true);
    documents.onRename = (id, name) => { const f = this.files.get(id); if (f) f.name = name; };
    documents.canOpen = (id) => { const f = this.files.get(id); return !!f && this.accessible(f); };
  }

  newId(prefix: string): string {
    return `${prefix}-${String(this.nextId++).padStart(4, '0')}-${Math.random().toString(36).slice(2, 10)}`;
  }

  registerDocument(model: DocumentModel, parents: string[], createdByApp: boolean): FileRecord {
    const record: FileRecord = { id: model.id, name: model.name, mimeType: MimeType.GOOGLE_DOCS, parents, createdByApp, trashed: false, created: this.runtime.now() };
    this.files.set(record.id, record);
    return record;
  }

  /** A file made by hand in Drive (not by the add-on): test fixture for the drive.file boundary. */
  addUserFile(name: string, mimeType: string, content: string | DocumentModel): FileRecord {
    if (content instanceof DocumentModel) {
      this.documents.docs.set(content.id, content);
      return this.registerDocument(content, [this.rootId], false);
    }
    const record: FileRecord = { id: this.newId('file'), name, mimeType, parents: [this.rootId], createdByApp: false, trashed: false, bytes: new TextEncoder().encode(content), created: this.runtime.now() };
    this.files.set(record.id, record);
    return record;
  }

  accessible(item: { createdByApp: boolean }): boolean {
    const granted = this.runtime.grantedScopes;
    if (this.runtime.manifestScopes.length === 0 || BROAD_DRIVE_SCOPES.some((s) => granted.includes(s))) return true;
    return item.createdByApp && granted.includes(DRIVE_FILE_SCOPE);
  }

  requireScope(method: string): void {
    if (this.runtime.manifestScopes.length === 0) return;
    const granted = this.runtime.grantedScopes;
    if (!granted.includes(DRIVE_FILE_SCOPE) && !BROAD_DRIVE_SCOPES.some((s) => granted.includes(s))) {
      throw new GasException(`You do not have permission to call DriveApp.${method}. Required permissions: ${DRIVE_FILE_SCOPE}`);
    }
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
    return new File(record, this.store) as never;
  }
  getBlob(): GBlob {
    if (this.record.mimeType === MimeType.GOOGLE_DOCS) return this.getAs(MimeType.PDF);
    return new Blob(new Uint8Array(this.record.bytes ?? []), this.record.mimeType, this.record.name) as never;
  }
  getAs(contentType: string): GBlob {
    if (this.record.mimeType === MimeType.GOOGLE_DOCS) {
      if (contentType !== MimeType.PDF) throw new GasException(`Converting from ${this.record.mimeType} to ${contentType} is not supported.`);
      const model = this.store.documents.docs.get(this.record.id)!;
      const lines = documentToPlainLines(model.saved);
      const blob = new Blob(buildPdf(lines, model.name), MimeType.PDF, `${model.name}.pdf`);
      pdfTextOfBlob.set(blob, lines);
      return blob as never;
    }
    if (contentType === this.record.mimeType) return this.getBlob();
    throw new GasException(`Converting from ${this.record.mimeType} to ${contentType} is not supported.`);
  }
}

/** Text lines of PDFs exported by the emulator, so that folder.createFile(pdf) can keep them for tests. */
const pdfTextOfBlob = new WeakMap<object, string[]>();

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
  store.requireScope('createFile');
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
  return new File(record, store);
}

function createFolderIn(store: DriveStore, parent: string, name: string): Folder {
  store.requireScope('createFolder');
  if (typeof name !== 'string' || name === '') throw new GasException('Invalid argument: name');
  const record: FolderRecord = { id: store.newId('folder'), name, parent, createdByApp: true, trashed: false };
  store.folders.set(record.id, record);
  return new Folder(record, store);
}

export function createDriveApp(store: DriveStore) {
  return {
    gasService: 'DriveApp',
    gasType: 'DriveApp',
    getFileById(id: string): File {
      store.requireScope('getFileById');
      const f = store.files.get(String(id));
      if (!f || !store.accessible(f)) throw notFound();
      return new File(f, store);
    },
    getFolderById(id: string): Folder {
      store.requireScope('getFolderById');
      const f = store.folders.get(String(id));
      if (!f || (f.id !== store.rootId && !store.accessible(f))) throw notFound();
      return new Folder(f, store);
    },
    getRootFolder(): Folder {
      store.requireScope('getRootFolder');
      return new Folder(store.folders.get(store.rootId)!, store);
    },
    createFolder(name: string): Folder {
      return createFolderIn(store, store.rootId, name);
    },
    createFile(blobOrName: unknown, content?: string, mimeType?: string): File {
      return createFileIn(store, store.rootId, blobOrName, content, mimeType);
    },
    getFiles(): FileIterator {
      store.requireScope('getFiles');
      return new FileIterator([...store.files.values()].filter((f) => !f.trashed && store.accessible(f)).map((f) => new File(f, store)));
    },
    getFilesByName(name: string): FileIterator {
      store.requireScope('getFilesByName');
      return new FileIterator([...store.files.values()].filter((f) => !f.trashed && f.name === name && store.accessible(f)).map((f) => new File(f, store)));
    },
  };
}

/** For the demo and tests: the document model behind a Drive file id. */
export function documentSections(store: DriveStore, id: string): { body: SectionElement; header: SectionElement | null; footer: SectionElement | null } | null {
  const m = store.documents.docs.get(id);
  return m ? { body: m.body, header: m.header, footer: m.footer } : null;
}
