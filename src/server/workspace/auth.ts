/**
 * Granular consent (rolled out to editor add-ons from August 2025) lets a user grant only some scopes. Each
 * operation names the scopes it needs; a missing one is reported by its Japanese name instead of failing mid-way.
 */
import { UserFacingError } from './errors';

export const SCOPE_LABELS: Record<string, string> = {
  'https://www.googleapis.com/auth/spreadsheets.currentonly': 'このスプレッドシートの表示と編集',
  'https://www.googleapis.com/auth/script.container.ui': 'スプレッドシート内でのメニューとサイドバーの表示',
  'https://www.googleapis.com/auth/userinfo.email': 'メールアドレスの表示（操作ログの記録）',
  'https://www.googleapis.com/auth/script.scriptapp': 'フォーム回答を受け取るトリガーの設定',
  'https://www.googleapis.com/auth/forms': 'Google フォームの作成と編集',
  'https://www.googleapis.com/auth/documents': 'Google ドキュメントの作成と編集',
  'https://www.googleapis.com/auth/drive.file': 'このアドオンで作成したファイルの管理',
  'https://www.googleapis.com/auth/calendar': 'Google カレンダーの予定の管理',
  'https://www.googleapis.com/auth/calendar.events': 'Google カレンダーの予定の管理',
  'https://www.googleapis.com/auth/script.send_mail': 'あなたとしてのメールの送信（参加者へのお知らせ）',
};

/** The scopes among `scopes` the user has not granted (one ScriptApp call, which itself needs no scope). */
export function missingGrants(scopes: readonly string[]): string[] {
  const info = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL, [...scopes]);
  if (info.getAuthorizationStatus() !== ScriptApp.AuthorizationStatus.REQUIRED) return [];
  const granted = new Set(info.getAuthorizedScopes() ?? []);
  const missing = scopes.filter((s) => !granted.has(s));
  return missing.length ? missing : [...scopes];
}

export function missingGrantError(missing: readonly string[]): UserFacingError {
  return new UserFacingError('error.missingGrant', { permission: missing.map((s) => SCOPE_LABELS[s] ?? s).join('」「') });
}

export function requireGrants(scopes: readonly string[]): void {
  const missing = missingGrants(scopes);
  if (missing.length) throw missingGrantError(missing);
}

export const SHEET_SCOPES = ['https://www.googleapis.com/auth/spreadsheets.currentonly'] as const;
