/**
 * 設定: every key the add-on reads or writes, declared once. A key is the 項目 text the coordinator sees in the 設定
 * sheet (data, in Japanese); `SettingKey` is the type `Settings.get/set` accept, so a misspelt key fails the build.
 *   seed     — 初期設定 writes the row with this value when it is missing (existing values are never overwritten);
 *   durable  — the value names a file the add-on made, and is also kept as spreadsheet developer metadata
 *              (workspace/settings.ts), so that 初期設定 after 設定 was deleted restores it instead of making a new one.
 */
import { AGENCY_KINDS } from './schema';

interface SettingSpec {
  description: string;
  seed?: string;
  durable?: boolean;
}

export const SETTING_REGISTRY = {
  'ネットワーク名': { seed: '就労支援ネットワーク', description: 'パンフレットや報告書に表示する名称' },
  // ---- meetings (Calendar) ----
  'カレンダーID': { seed: '', description: '会議の招待を送るカレンダーのID（空欄なら実行した人のカレンダー）' },
  'カレンダー予定の1日上限': { seed: '5000', description: '1日に作成できる予定の数（個人アカウント 5000、Google Workspace 10000）' },
  // ---- pamphlet ----
  'パンフレット種別順': { seed: AGENCY_KINDS.join('、'), description: 'パンフレットで種別を並べる順（「、」区切り。ない種別は後ろに五十音順）' },
  'パンフレット名の形式': { seed: '就労支援機関ガイド_YYYY-MM-DD', description: 'パンフレットの文書名（YYYY・MM・DD は発行日）' },
  'パンフレットひな形ID': { durable: true, description: 'パンフレットのひな形（Google ドキュメント）のID' },
  'パンフレット出力フォルダID': { durable: true, description: 'パンフレットとひな形を置くフォルダ（アドオンが作成）' },
  'パンフレット最新文書': { description: '最後に作成したパンフレット（Google ドキュメント）' },
  'パンフレット最新PDF': { description: '最後に作成したパンフレット（PDF）' },
  'パンフレット作成日時': { description: '最後にパンフレットを作成した日時' },
  // ---- activity report ----
  '活動報告書ひな形id': { durable: true, description: '「活動報告書を作成」が使うひな形（Google ドキュメント）のid。空にすると次回新しく作ります' },
  '活動報告書の保存先フォルダid': { durable: true, description: '活動報告書とそのひな形を保存するフォルダのid（空欄ならマイドライブ）' },
  // ---- continuity (issue 20) ----
  '共有フォルダID': { description: 'ひな形と出力を置くネットワークの共有フォルダ（「ファイルを共有フォルダに移す」が作成）' },
} as const satisfies Record<string, SettingSpec>;

export type SettingKey = keyof typeof SETTING_REGISTRY;

const entries = Object.entries(SETTING_REGISTRY) as [SettingKey, SettingSpec][];

export function isSettingKey(key: string): key is SettingKey {
  return Object.prototype.hasOwnProperty.call(SETTING_REGISTRY, key);
}

/** Rows 初期設定 writes when missing, in this order. */
export const DEFAULT_SETTINGS: readonly { key: SettingKey; value: string; description: string }[] = entries
  .filter(([, s]) => s.seed !== undefined)
  .map(([key, s]) => ({ key, value: s.seed!, description: s.description }));

/** Settings that name files the add-on made, kept also as spreadsheet developer metadata. */
export const DURABLE_SETTINGS: readonly SettingKey[] = entries.filter(([, s]) => s.durable).map(([key]) => key);

export function settingDescription(key: SettingKey): string {
  return SETTING_REGISTRY[key].description;
}
