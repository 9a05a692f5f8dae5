/**
 * Who may reach a Drive file, and the Advanced Drive service's Permissions collection (Drive API v3).
 *
 * Google behaviour relied on:
 * - A file in My Drive has one owner, the user who created it; access is the owner plus the file's permissions
 *   (user, group, domain, anyone) with a role: owner, organizer, fileOrganizer, writer, commenter, reader
 *   (https://developers.google.com/drive/api/guides/ref-roles). Permissions on a folder propagate to what is in it
 *   (https://developers.google.com/drive/api/guides/manage-sharing, "permission propagation").
 * - A shared drive's items are owned by the shared drive, not a person; its members' roles reach every item in it
 *   (https://developers.google.com/drive/api/guides/about-shareddrives). A request that touches a shared drive item
 *   must say `supportsAllDrives=true`, otherwise the API answers as if the item did not exist
 *   (https://developers.google.com/drive/api/guides/enable-shareddrives); a shared drive item has exactly one parent
 *   ("A shared drive item must have exactly one parent.", https://zenn.dev/galapagos/articles/5958bb9a7b0c60).
 * - `drive.file` reaches a file only for the user who created it with the app (or opened it with the app's picker):
 *   access is per user and per file (https://developers.google.com/drive/api/guides/about-auth: "files that you open
 *   with an app or that the user shares with an app while using the Google Picker API"; a vendor's manual states the
 *   consequence: a file the app created for one user cannot be used by the app for another user, even when shared —
 *   https://driveconnect.me/help/drive-connects-use-of-google-service-accounts/). Sharing a file with a second
 *   coordinator therefore lets that person open it in Docs/Drive (and DocumentApp, under `documents`), but not the
 *   add-on's Drive API calls made as them. The emulator keeps, per file, the users for whom the app is authorized.
 * - permissions.create/delete need `drive` or `drive.file`; list/get also the read-only Drive scopes (the googleapis
 *   176.0.0 package's copy of each method's "Authorization scopes", see emulator/scopes.ts). `transferOwnership` "is
 *   required as an acknowledgement of the side effect" of role=owner, and the current owner becomes a writer;
 *   `sendNotificationEmail` "defaults to true for users and groups"
 *   (https://developers.google.com/drive/api/reference/rest/v3/permissions/create).
 * - A user without the right to share gets 403 "The user does not have sufficient permissions for file <id>."
 *   (insufficientFilePermissions, https://developers.google.com/drive/api/guides/handle-errors).
 * ASSUMED without a source: the wording of the owner-without-transferOwnership refusal, of removing the owner, and of
 * an unknown permission id; that readers and commenters cannot list a file's permissions; that only the owner may
 * move a My Drive item into a shared drive; that the app's per-file grant survives a move into a shared drive; that a
 * permission's default response fields are kind, id, type and role; that ownership transfers only within the owner's
 * domain (consumer accounts' pending-owner flow is not emulated).
 */
import { createHash } from 'node:crypto';
import { GasException, GasObject, Runtime } from './runtime';

export type Role = 'owner' | 'organizer' | 'fileOrganizer' | 'writer' | 'commenter' | 'reader';
const RANK: Record<Role, number> = { reader: 1, commenter: 2, writer: 3, fileOrganizer: 4, organizer: 5, owner: 6 };
const ROLES = Object.keys(RANK) as Role[];

export interface PermissionRecord {
  id: string;
  type: 'user' | 'group' | 'domain' | 'anyone';
  role: Role;
  emailAddress?: string;
  domain?: string;
}

/** Sharing state of one file or folder. */
export interface Acl {
  /** The person who owns it (null on a shared drive, whose items the drive owns). */
  owner: string | null;
  permissions: PermissionRecord[];
  /** Users for whom the app is authorized on this file under drive.file (who created it through the app). */
  appUsers: Set<string>;
}

export interface SharedDrive { id: string; name: string; members: PermissionRecord[] }

/** A notification Google e-mails when a file is shared (permissions.create with sendNotificationEmail). */
export interface SharingNotification { fileId: string; to: string; role: Role; by: string; message: string }

/** What the sharing model needs to know about the store's items. */
export interface ItemGraph {
  exists(id: string): boolean;
  createdByApp(id: string): boolean;
  /** Parent ids (a folder's one parent, a file's parents). */
  parentsOf(id: string): string[];
  isRoot(id: string): boolean;
}

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/** Google's permission id is stable per grantee (published as the user's permissionId). */
export function permissionIdFor(type: PermissionRecord['type'], who: string): string {
  if (type === 'anyone') return 'anyoneWithLink';
  return `perm-${createHash('sha256').update(`${type}:${who.toLowerCase()}`).digest('hex').slice(0, 16)}`;
}

export class Sharing {
  readonly acl = new Map<string, Acl>();
  readonly sharedDrives = new Map<string, SharedDrive>();
  readonly notifications: SharingNotification[] = [];
  /** The account that owns what existed before any other user appeared (the emulator's first user). */
  readonly primaryUser: string;

  constructor(private readonly runtime: Runtime, private readonly graph: ItemGraph) {
    this.primaryUser = runtime.user.email;
  }

  /** A new item, made by the current user (through the app when `createdByApp`). */
  stamp(id: string, createdByApp: boolean): Acl {
    const user = this.runtime.user.email;
    const acl: Acl = { owner: user, permissions: [], appUsers: new Set(createdByApp ? [user] : []) };
    this.acl.set(id, acl);
    return acl;
  }

  aclOf(id: string): Acl {
    let acl = this.acl.get(id);
    if (!acl) {
      // Made before sharing was modelled (or by a fixture): the primary user's, through the app when marked so.
      acl = { owner: this.primaryUser, permissions: [], appUsers: new Set(this.graph.createdByApp(id) ? [this.primaryUser] : []) };
      this.acl.set(id, acl);
    }
    return acl;
  }

  /** The shared drive an item lives in, or null for My Drive. */
  driveIdOf(id: string): string | null {
    const seen = new Set<string>();
    const walk = (x: string): string | null => {
      if (seen.has(x)) return null;
      seen.add(x);
      if (this.sharedDrives.has(x)) return x;
      for (const p of this.graph.parentsOf(x)) {
        const d = walk(p);
        if (d) return d;
      }
      return null;
    };
    return walk(id);
  }

  /** The owner Google reports: nobody for a shared drive item. */
  ownerOf(id: string): string | null {
    return this.driveIdOf(id) ? null : this.aclOf(id).owner;
  }

  /** The strongest role `email` holds on the item, directly or through a folder above it (null: no access). */
  roleOf(email: string, id: string): Role | null {
    let best: Role | null = null;
    const consider = (r: Role | null) => { if (r && (!best || RANK[r] > RANK[best])) best = r; };
    const matches = (p: PermissionRecord) =>
      p.type === 'anyone' || (p.type === 'user' || p.type === 'group' ? p.emailAddress?.toLowerCase() === email.toLowerCase() : p.domain?.toLowerCase() === domainOf(email));
    const seen = new Set<string>();
    const walk = (x: string, inherited: boolean) => {
      if (seen.has(x)) return;
      seen.add(x);
      const drive = this.sharedDrives.get(x);
      if (drive) { for (const m of drive.members) if (matches(m)) consider(m.role); return; }
      if (this.graph.isRoot(x)) { if (!inherited && this.aclOf(x).owner === email) consider('owner'); return; }
      const acl = this.aclOf(x);
      if (acl.owner === email && !this.driveIdOf(x)) consider(inherited ? 'writer' : 'owner');
      for (const p of acl.permissions) if (matches(p)) consider(p.role);
      for (const parent of this.graph.parentsOf(x)) walk(parent, true);
    };
    walk(id, false);
    return best;
  }

  atLeast(email: string, id: string, role: Role): boolean {
    const r = this.roleOf(email, id);
    return r !== null && RANK[r] >= RANK[role];
  }

  /** Whether the app, running as `email`, is authorized on the item under drive.file. */
  appAuthorized(email: string, id: string): boolean {
    return this.aclOf(id).appUsers.has(email);
  }

  /** The permissions Google lists for the item: the owner's, the item's own, and a shared drive's members. */
  listed(id: string): PermissionRecord[] {
    const out: PermissionRecord[] = [];
    const owner = this.ownerOf(id);
    if (owner) out.push({ id: permissionIdFor('user', owner), type: 'user', role: 'owner', emailAddress: owner });
    out.push(...this.aclOf(id).permissions);
    const drive = this.driveIdOf(id);
    if (drive) for (const m of this.sharedDrives.get(drive)!.members) if (!out.some((p) => p.id === m.id)) out.push(m);
    return out;
  }
}

// ---------- Drive.Permissions ----------

export function permissionError(method: string, message: string): GasException {
  const e = new GasException(`API call to drive.permissions.${method} failed with error: ${message}`);
  e.name = 'GoogleJsonResponseException';
  return e;
}

type ApiPermission = GoogleAppsScript.Drive_v3.Drive.V3.Schema.Permission;

/** Resolves an id the current user's app may touch (throws Google's 404 otherwise). */
export type Resolve = (id: string, method: string, args: Record<string, unknown>) => string;

const DEFAULT_PERMISSION_FIELDS = ['kind', 'id', 'type', 'role'];
function resource(p: PermissionRecord, fields: string | undefined): ApiPermission {
  const full: Record<string, unknown> = { kind: 'drive#permission', id: p.id, type: p.type, role: p.role };
  if (p.emailAddress) full.emailAddress = p.emailAddress;
  if (p.domain) full.domain = p.domain;
  const wanted = fields === undefined ? DEFAULT_PERMISSION_FIELDS : fields.split(',').map((s) => s.trim());
  if (wanted.includes('*')) return full as ApiPermission;
  return Object.fromEntries(wanted.filter((k) => k in full).map((k) => [k, full[k]])) as ApiPermission;
}

export class PermissionsCollection extends GasObject implements Pick<GoogleAppsScript.Drive_v3.Drive.V3.Collection.PermissionsCollection, 'create' | 'list' | 'get' | 'remove'> {
  readonly gasService = 'Drive';
  readonly gasType = 'Permissions';
  constructor(private readonly sharing: Sharing, private readonly runtime: Runtime, private readonly resolve: Resolve) { super(); }

  private me(): string { return this.runtime.user.email; }

  private requireRole(id: string, method: string, role: Role): void {
    if (!this.sharing.atLeast(this.me(), id, role)) throw permissionError(method, `The user does not have sufficient permissions for file ${id}.`);
  }

  create(body: ApiPermission, fileId: string, optionalArgs: Record<string, unknown> = {}): ApiPermission {
    const id = this.resolve(fileId, 'create', optionalArgs);
    this.requireRole(id, 'create', 'writer');
    const b = (body ?? {}) as Record<string, unknown>;
    const type = String(b.type ?? '') as PermissionRecord['type'];
    const role = String(b.role ?? '') as Role;
    if (!['user', 'group', 'domain', 'anyone'].includes(type)) throw permissionError('create', 'Invalid Value');
    if (!ROLES.includes(role)) throw permissionError('create', 'Invalid Value');
    const email = b.emailAddress === undefined ? '' : String(b.emailAddress).trim();
    if ((type === 'user' || type === 'group') && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw permissionError('create', 'Invalid sharing request');
    const domain = type === 'domain' ? String(b.domain ?? '').trim() : '';
    if (type === 'domain' && !domain) throw permissionError('create', 'Invalid sharing request');
    const acl = this.sharing.aclOf(id);
    if (role === 'owner') {
      if (optionalArgs.transferOwnership !== true) throw permissionError('create', "The transferOwnership parameter must be enabled when the permission role is 'owner'.");
      if (this.sharing.driveIdOf(id)) throw permissionError('create', 'Shared drive items cannot have an owner.');
      if (acl.owner !== this.me()) throw permissionError('create', `The user does not have sufficient permissions for file ${id}.`);
      if (type !== 'user' || domainOf(email) !== domainOf(this.me())) throw permissionError('create', 'Ownership can only be transferred to another user in the same organization as the current owner.');
      if (optionalArgs.sendNotificationEmail === false) throw permissionError('create', 'sendNotificationEmail must not be disabled for ownership transfers.');
    }
    const who = type === 'domain' ? domain : email;
    const record: PermissionRecord = { id: permissionIdFor(type, who), type, role, ...(email ? { emailAddress: email } : {}), ...(domain ? { domain } : {}) };
    if (role === 'owner') {
      const previous = acl.owner!;
      acl.owner = email;
      acl.permissions = acl.permissions.filter((p) => p.id !== record.id);
      acl.permissions.push({ id: permissionIdFor('user', previous), type: 'user', role: 'writer', emailAddress: previous });
    } else {
      // A second grant to the same person replaces the first (one permission per grantee).
      acl.permissions = acl.permissions.filter((p) => p.id !== record.id);
      acl.permissions.push(record);
    }
    if ((type === 'user' || type === 'group') && optionalArgs.sendNotificationEmail !== false) {
      this.sharing.notifications.push({ fileId: id, to: email, role, by: this.me(), message: String(optionalArgs.emailMessage ?? '') });
    }
    return resource(record, optionalArgs.fields as string | undefined);
  }

  list(fileId: string, optionalArgs: Record<string, unknown> = {}): GoogleAppsScript.Drive_v3.Drive.V3.Schema.PermissionList {
    const id = this.resolve(fileId, 'list', optionalArgs);
    this.requireRole(id, 'list', 'writer');
    const fields = optionalArgs.fields as string | undefined;
    const inner = fields ? /permissions\(([^)]*)\)/.exec(fields)?.[1] : undefined;
    return { kind: 'drive#permissionList', permissions: this.sharing.listed(id).map((p) => resource(p, inner)) } as never;
  }

  get(fileId: string, permissionId: string, optionalArgs: Record<string, unknown> = {}): ApiPermission {
    const id = this.resolve(fileId, 'get', optionalArgs);
    const p = this.sharing.listed(id).find((x) => x.id === String(permissionId));
    if (!p) throw permissionError('get', `Permission not found: ${permissionId}.`);
    return resource(p, optionalArgs.fields as string | undefined);
  }

  remove(fileId: string, permissionId: string, optionalArgs: Record<string, unknown> = {}): void {
    const id = this.resolve(fileId, 'delete', optionalArgs);
    this.requireRole(id, 'delete', 'writer');
    const acl = this.sharing.aclOf(id);
    const owner = this.sharing.ownerOf(id);
    if (owner && permissionIdFor('user', owner) === String(permissionId)) throw permissionError('delete', 'The owner of a file cannot be removed.');
    const before = acl.permissions.length;
    acl.permissions = acl.permissions.filter((p) => p.id !== String(permissionId));
    if (acl.permissions.length === before) throw permissionError('delete', `Permission not found: ${permissionId}.`);
  }
}
