/**
 * The permission names a user sees on Google's consent screen, by scope name (src/server/scopes.ts). The English
 * names other than drive.file are this project's paraphrase (no source for the consent screen's exact English).
 */
import type { ScopeName } from '../scopes';
import { catalog } from './catalog';

type ScopeKey = `scope.${ScopeName}`;

export const SCOPE_MESSAGES = catalog<ScopeKey | 'scope.quoted'>({
  'scope.quoted': [
    '「{name}」',
    '"{name}"',
  ],
  'scope.sheets': [
    'このスプレッドシートの表示と編集',
    'See and edit this spreadsheet',
  ],
  'scope.ui': [
    'スプレッドシート内でのメニューとサイドバーの表示',
    'Display menus and the sidebar in the spreadsheet',
  ],
  'scope.email': [
    'メールアドレスの表示（操作ログの記録）',
    'See your email address (for the operation log)',
  ],
  'scope.triggers': [
    'フォーム回答を受け取るトリガーの設定',
    'Set up the trigger that receives form responses',
  ],
  'scope.forms': [
    'Google フォームの作成と編集',
    'Create and edit Google Forms',
  ],
  'scope.documents': [
    'Google ドキュメントの作成と編集',
    'Create and edit Google Docs',
  ],
  // English as Google's scope description words it ("See, edit, create, and delete only the specific Google Drive files
  // you use with this app", the Drive API's scope list, e.g. https://googleapis.dev/dotnet/Google.Apis.Sheets.v4/latest/api/Google.Apis.Sheets.v4.SheetsService.Scope.html).
  'scope.driveFile': [
    'このアドオンで作成したファイルの管理',
    'See, edit, create, and delete only the specific Google Drive files you use with this app',
  ],
  'scope.calendar': [
    'Google カレンダーの予定の管理',
    'Manage Google Calendar events',
  ],
  'scope.mail': [
    'あなたとしてのメールの送信（参加者へのお知らせ）',
    'Send email as you (notices to participants)',
  ],
});
