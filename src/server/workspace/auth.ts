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

/** The scopes among `scopes` the user has not granted (one ScriptApp call, which itself needs no scope). */
export function missingGrants(scopes: readonly string[]): string[] {
  const info = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL, [...scopes]);
  if (info.getAuthorizationStatus() !== ScriptApp.AuthorizationStatus.REQUIRED) return [];
  const granted = new Set(info.getAuthorizedScopes() ?? []);
  const missing = scopes.filter((s) => !granted.has(s));
  return missing.length ? missing : [...scopes];
}

export function missingGrantError(missing: readonly string[]): UserFacingError {
  return new UserFacingError('error.missingGrant', { permission: missing.map(scopeLabel) });
}

export function requireGrants(scopes: readonly string[]): void {
  const missing = missingGrants(scopes);
  if (missing.length) throw missingGrantError(missing);
}

export const SHEET_SCOPES = [SCOPES.sheets] as const;
