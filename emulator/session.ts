/** Session: the user, locale and the script's time zone. */
import { createHash } from 'node:crypto';
import { GasObject, Runtime } from './runtime';

export class User extends GasObject implements Pick<GoogleAppsScript.Base.User, 'getEmail'> {
  readonly gasService = 'Session';
  readonly gasType = 'User';
  constructor(private readonly email: string) { super(); }
  getEmail(): string { return this.email; }
}

export function createSession(runtime: Runtime, scriptTimeZone: string) {
  return {
    gasService: 'Session',
    gasType: 'Session',
    getActiveUser: () => new User(runtime.authMode === 'FULL' ? runtime.user.email : ''),
    getEffectiveUser: () => new User(runtime.user.email),
    getScriptTimeZone: () => scriptTimeZone,
    /** Deprecated in the reference, still answering the script's time zone. */
    getTimeZone: () => scriptTimeZone,
    getActiveUserLocale: () => runtime.user.locale,
    getTemporaryActiveUserKey: () => createHash('sha256').update(runtime.user.email).digest('base64url').slice(0, 24),
  };
}
