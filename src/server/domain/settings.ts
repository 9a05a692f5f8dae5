/**
 * 設定: every key the add-on reads or writes, declared once. A key is the 項目 text the coordinator sees in the 設定
 * sheet (data, in Japanese); `SettingKey` is the type `Settings.get/set` accept, so a misspelt key fails the build.
 *   seed     — 初期設定 writes the row with this value when it is missing (existing values are never overwritten);
 *   durable  — the value names a file the add-on made, and is also kept as spreadsheet developer metadata
 *              (workspace/settings.ts), so that 初期設定 after 設定 was deleted restores it instead of making a new one.
 */
import { AGENCY_KINDS } from './schema';

interface SettingSpec {
  /** The 項目 text in the 設定 sheet. */
  key: string;
  description: string;
  seed?: string;
  durable?: boolean;
}

/** Each setting by a stable name; its 項目 (the Japanese key the sheet shows) is written here and nowhere else. */
export const SETTING_REGISTRY = {
  networkName: { key: 'ネットワーク名', seed: '就労支援ネットワーク', description: 'パンフレットや報告書に表示する名称' },
  // ---- meetings (Calendar) ----
  calendarId: { key: 'カレンダーID', seed: '', description: '会議の招待を送るカレンダーのID（空欄なら実行した人のカレンダー）' },
  calendarDailyLimit: { key: 'カレンダー予定の1日上限', seed: '5000', description: '1日に作成できる予定の数（個人アカウント 5000、Google Workspace 10000）' },
  // ---- participant mail (issue 15) ----
  reminderDays: { key: 'リマインド（日前）', seed: '2', description: 'リマインドメールを行事の何日前に送るか' },
  surveyReminderDays: { key: 'アンケート再送（日後）', seed: '', description: 'アンケートのお願いを行事の何日後に再送するか（空欄: 送らない）' },
  mailReplyTo: { key: '問い合わせ先メール', seed: '', description: '参加者メールの返信先・問い合わせ先' },
  // ---- pamphlet ----
  pamphletKindOrder: { key: 'パンフレット種別順', seed: AGENCY_KINDS.join('、'), description: 'パンフレットで種別を並べる順（「、」区切り。ない種別は後ろに五十音順）' },
  pamphletNamePattern: { key: 'パンフレット名の形式', seed: '就労支援機関ガイド_YYYY-MM-DD', description: 'パンフレットの文書名（YYYY・MM・DD は発行日）' },
  pamphletTemplateId: { key: 'パンフレットひな形ID', durable: true, description: 'パンフレットのひな形（Google ドキュメント）のID' },
  pamphletFolderId: { key: 'パンフレット出力フォルダID', durable: true, description: 'パンフレットとひな形を置くフォルダ（アドオンが作成）' },
  pamphletLatestDocument: { key: 'パンフレット最新文書', description: '最後に作成したパンフレット（Google ドキュメント）' },
  pamphletLatestPdf: { key: 'パンフレット最新PDF', description: '最後に作成したパンフレット（PDF）' },
  pamphletLatestAt: { key: 'パンフレット作成日時', description: '最後にパンフレットを作成した日時' },
  // ---- activity report ----
  reportTemplateId: { key: '活動報告書ひな形id', durable: true, description: '「活動報告書を作成」が使うひな形（Google ドキュメント）のid。空にすると次回新しく作ります' },
  reportFolderId: { key: '活動報告書の保存先フォルダid', durable: true, description: '活動報告書とそのひな形を保存するフォルダのid（空欄ならマイドライブ）' },
  // ---- personal data (issue 19, docs/privacy.md) ----
  retention: { key: '個人情報の保存期間', seed: '翌年度末', description: '行事のあと参加者の個人情報を残す期間（翌年度末・翌々年度末・6か月・2年など）。「個人情報の整理」が過ぎたものを削除します' },
  accommodationReaders: { key: '配慮事項の閲覧者', seed: '', description: '配慮事項フォームの回答を見られるコーディネーターのメールアドレス（「、」区切り）' },
  // ---- certificates (issue 15) ----
  certificateTemplateId: { key: '参加証明書ひな形ID', durable: true, description: '参加証明書のひな形（Google ドキュメント）のID。文面は直せます（{{氏名}} などの欄は残してください）' },
  // ---- companies (issue 17, domain/consultations.ts) ----
  consultNeighbours: { key: '企業相談_近隣', seed: '', description: '近隣の区市町村（例: 千代田区=中央区、港区; 港区=品川区）' },
  consultFollowUpDays: { key: '企業相談_督促日数', seed: '7', description: '状態が変わらない日数で要確認に' },
  consultAutoAssign: { key: '企業相談_自動割当', seed: 'しない', description: '「する」: 届いた相談を第1候補の団体に自動で割り当て、メールを送る' },
  // ---- continuity (issue 20) ----
  sharedFolderId: { key: '共有フォルダID', description: 'ひな形と出力を置くネットワークの共有フォルダ（「ファイルを共有フォルダに移す」が作成）' },
  // ---- 掲載情報の確認 (issue 16) ----
  roundMonths: { key: '掲載情報の確認間隔（月）', seed: '12', description: '最終確認日からの月数' },
  roundNoAnswerDays: { key: '掲載情報の督促（日後）', seed: '14', description: '依頼から回答なしとするまでの日数' },
} as const satisfies Record<string, SettingSpec>;

export type SettingName = keyof typeof SETTING_REGISTRY;
/** A 設定 key the add-on declares: what `Settings.get` and `Settings.set` accept. */
export type SettingKey = (typeof SETTING_REGISTRY)[SettingName]['key'];

const specs = Object.values(SETTING_REGISTRY) as readonly SettingSpec[];

/** Each setting's key by name: `SETTING.calendarId` is 'カレンダーID'. */
export const SETTING = Object.fromEntries(Object.entries(SETTING_REGISTRY).map(([name, spec]) => [name, spec.key])) as { [N in SettingName]: (typeof SETTING_REGISTRY)[N]['key'] };

export function isSettingKey(key: string): key is SettingKey {
  return specs.some((s) => s.key === key);
}

/** Rows 初期設定 writes when missing, in this order. */
export const DEFAULT_SETTINGS: readonly { key: SettingKey; value: string; description: string }[] = specs
  .filter((s) => s.seed !== undefined)
  .map((s) => ({ key: s.key as SettingKey, value: s.seed!, description: s.description }));

/** Settings that name files the add-on made, kept also as spreadsheet developer metadata. */
export const DURABLE_SETTINGS: readonly SettingKey[] = specs.filter((s) => s.durable).map((s) => s.key as SettingKey);

export function settingDescription(key: SettingKey): string {
  return specs.find((s) => s.key === key)!.description;
}
