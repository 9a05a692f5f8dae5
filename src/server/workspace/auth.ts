/**
 * Granular consent (rolled out to editor add-ons from August 2025) lets a user grant only some scopes. Each
 * operation names the scopes it needs; a missing one is reported by its Japanese name instead of failing mid-way.
 */
import type { Param } from '../i18n/messages';
import { SCOPES, ScopeName } from '../scopes';
import { UserFacingError } from './errors';

const NAME_OF_SCOPE = new Map<string, ScopeName>(Object.entries(SCOPES).map(([name, url]) => [url, name as ScopeName]));

/** A scope's permission name as the consent screen words it, in the reader's language (the URL if not ours). */
export function scopeLabel(scope: string): Param {
  const name = NAME_OF_SCOPE.get(scope);
  return { key: 'scope.quoted', params: { name: name ? { key: `scope.${name}` } : scope } };
}

/**
 * An operation's optional scopes (`Operation.optionalScopes`) as the entry's one check found them: granted or not. Only
 * those are answered from it, within this execution (Apps Script starts each one afresh).
 */
let optional: ReadonlyMap<string, boolean> = new Map();

/**
 * The scopes among `scopes` the user has not granted (one ScriptApp call, which itself needs no scope). `also`: the
 * operation's optional scopes, asked in the same call and remembered for a later `missingGrants` of them (people10: 2
 * calls fewer). getAuthorizedScopes() lists the granted ones among those asked
 * (https://developers.google.com/apps-script/reference/script/authorization-info#getAuthorizedScopes()).
 */
export function missingGrants(scopes: readonly string[], also: readonly string[] = []): string[] {
  if (scopes.length && scopes.every((s) => optional.has(s))) return scopes.filter((s) => !optional.get(s));
  const asked = [...new Set([...scopes, ...also])];
  const info = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL, asked);
  const required = info.getAuthorizationStatus() === ScriptApp.AuthorizationStatus.REQUIRED;
  const listed = required ? info.getAuthorizedScopes() : asked;
  // No list (its return type allows null): the optional scopes must not refuse the operation — asked without them.
  if (!listed && also.length) return missingGrants(scopes);
  const granted = new Set(listed ?? []);
  // REQUIRED yet every scope listed as granted: nothing is vouched for (as before: all missing).
  if (required && asked.every((s) => granted.has(s))) granted.clear();
  optional = new Map(also.map((s) => [s, granted.has(s)]));
  return scopes.filter((s) => !granted.has(s));
}

export function missingGrantError(missing: readonly string[]): UserFacingError {
  return new UserFacingError('error.missingGrant', { permission: missing.map(scopeLabel) });
}

export function requireGrants(scopes: readonly string[]): void {
  const missing = missingGrants(scopes);
  if (missing.length) throw missingGrantError(missing);
}

export const SHEET_SCOPES = [SCOPES.sheets] as const;
