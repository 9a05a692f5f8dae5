/** The permission names a user sees on Google's consent screen, by scope name (src/server/scopes.ts). */
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
  'scope.driveFile': [
    'このアドオンで作成したファイルの管理',
    'Manage the files this add-on created',
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
