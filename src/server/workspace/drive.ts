/**
 * Drive through the Advanced Drive service (Drive API v3), never the built-in Drive service.
 *
 * Why: the built-in service's reference lists only the broad `drive` / `drive.readonly` scopes for every method
 * (https://developers.google.com/apps-script/reference/drive/drive-app), so under our manifest's `drive.file` Apps
 * Script refuses each call ("You do not have permission to call …"). The Drive API accepts `drive.file` for
 * files the app created or the user opened with it (https://developers.google.com/drive/api/guides/about-auth):
 * everything the add-on keeps in Drive (its folder, its templates, the pamphlets, PDFs and reports) is made here with
 * Drive.Files.create / Drive.Files.copy, so every later call finds it. A file made by hand in Drive is invisible
 * under drive.file: the API answers "File not found: <id>." as if it did not exist.
 *
 * Each function is one round trip; results carry only the fields asked for (`fields`,
 * https://developers.google.com/drive/api/guides/fields-parameter).
 */
import { UserFacingError, isTransientFailure, errorText } from './errors';
import { effectiveUserEmail } from './log';

export const GOOGLE_DOCS_MIME = 'application/vnd.google-apps.document';
export const FOLDER_MIME = 'application/vnd.google-apps.folder';
const FIELDS = 'id,name,trashed,webViewLink';

export interface DriveItem {
  id: string;
  name: string;
  trashed: boolean;
  url: string;
}

type Files = NonNullable<typeof Drive>['Files'];

/** The advanced service's Files collection; the manifest enables it (`Drive`, v3), a copy without it gets a sentence. */
function files(): Files {
  if (typeof Drive === 'undefined' || !Drive || !Drive.Files) throw new UserFacingError('drive.advancedServiceMissing');
  return Drive.Files;
}

function item(f: GoogleAppsScript.Drive_v3.Drive.V3.Schema.File): DriveItem {
  return { id: String(f.id), name: String(f.name ?? ''), trashed: f.trashed === true, url: String(f.webViewLink ?? '') };
}

/** Google's wording for an id the API cannot see (deleted for good, or outside drive.file's reach). */
export function isNotFound(error: unknown): boolean {
  return /File not found/i.test(errorText(error));
}

/**
 * The file or folder, or null when Drive does not know it (or drive.file does not reach it). A passing outage is
 * rethrown: read as "gone", it would make a second folder or template beside the first.
 */
export function findById(id: string): DriveItem | null {
  try {
    return item(files().get(id, { fields: FIELDS }));
  } catch (e) {
    if (isNotFound(e) && !isTransientFailure(e)) return null;
    throw e;
  }
}

/** A folder of the add-on's own, in My Drive. */
export function createFolder(name: string): DriveItem {
  return item(files().create({ name, mimeType: FOLDER_MIME }, null as never, { fields: FIELDS }));
}

/**
 * An empty Google Doc made through the Drive API, so that it is a file this app created for drive.file (a Doc made by
 * DocumentApp.create is not documented to be one); DocumentApp.openById then edits it under the `documents` scope.
 */
export function createGoogleDoc(name: string, parentId?: string): DriveItem {
  return item(files().create({ name, mimeType: GOOGLE_DOCS_MIME, ...(parentId ? { parents: [parentId] } : {}) }, null as never, { fields: FIELDS }));
}

/**
 * A copy of the add-on's own file (the copy is the app's too), named and placed in one call. Its owner comes back with
 * it: the user who made the copy is the requesting user (`me`, https://developers.google.com/drive/api/reference/rest/v3/User),
 * so the 操作ログ line takes their address from here instead of asking Session (2 calls; log.ts effectiveUserEmail, which
 * keeps it for runs from the menu or the sidebar only). No owner is listed on a shared drive ("This field isn't
 * populated for items in shared drives", https://developers.google.com/drive/api/reference/rest/v3/files#File): then
 * the log line asks Session as before.
 */
export function copyFile(id: string, name: string, parentId?: string): DriveItem {
  const copy = files().copy({ name, ...(parentId ? { parents: [parentId] } : {}) }, id, { fields: `${FIELDS},owners(me,emailAddress)` });
  const me = (copy.owners ?? []).find((o) => o.me === true)?.emailAddress;
  if (me) effectiveUserEmail(me);
  return item(copy);
}

/** A file from a blob (the PDF), in the folder. */
export function createFileFromBlob(blob: GoogleAppsScript.Base.Blob, name: string, mimeType: string, parentId: string): DriveItem {
  return item(files().create({ name, mimeType, parents: [parentId] }, blob, { fields: FIELDS }));
}

/**
 * Drive query string literal: single quotes and backslashes escaped with a backslash
 * (https://developers.google.com/drive/api/guides/search-files).
 */
export function quoteQuery(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Whether a live (not trashed) file of this name is in the folder (My Drive when no folder) — one call. */
export function nameTaken(name: string, parentId?: string): boolean {
  const q = `name = ${quoteQuery(name)} and ${quoteQuery(parentId ?? 'root')} in parents and trashed = false`;
  const found = files().list({ q, pageSize: 1, fields: 'files(id)' });
  return (found.files ?? []).length > 0;
}

/** The live files of a folder (one call; a page holds up to 1,000, https://developers.google.com/drive/api/reference/rest/v3/files/list). */
export function listFolder(folderId: string): { id: string; name: string }[] {
  return (files().list({ q: `${quoteQuery(folderId)} in parents and trashed = false`, pageSize: 1000, fields: 'files(id,name)' }).files ?? []) as { id: string; name: string }[];
}

/**
 * The live files of a folder by id and by name, in one call — or null when they do not fit one page (then the caller
 * asks per name). A file listed here is live and so is the folder: Drive marks a file in a trashed folder `trashed`
 * ("either explicitly or from a trashed parent folder", https://developers.google.com/drive/api/reference/rest/v3/files#File),
 * so a document and its folder are checked, and every name in the folder known, by this one list.
 */
export function folderContents(folderId: string): { ids: Set<string>; names: Set<string> } | null {
  const found = files().list({ q: `${quoteQuery(folderId)} in parents and trashed = false`, pageSize: 1000, fields: 'nextPageToken,files(id,name)' });
  if (found.nextPageToken) return null;
  const list = found.files ?? [];
  return { ids: new Set(list.map((f) => String(f.id))), names: new Set(list.map((f) => String(f.name))) };
}

/** Moves a file to the trash. */
export function trash(id: string): void {
  files().update({ trashed: true }, id, null as never, { fields: 'id' });
}

/** A half-made document is moved to the trash so a re-run starts clean (and reuses the name). */
export function trashQuietly(id: string): void {
  try {
    trash(id);
  } catch {
    // The original failure is what the user needs to hear about.
  }
}
