/**
 * The spreadsheet as a database: each sheet's Japanese headers (what volunteers see) mapped to stable keys.
 * Columns are found by header text, so a volunteer may reorder columns freely. Setup appends missing columns.
 */

export interface ColumnDef {
  key: string;
  header: string;
  /** Plain-text number format ("@") so Sheets keeps leading zeros and never parses dates/numbers. */
  text?: boolean;
  /** Dropdown values (data validation, invalid values allowed but flagged). */
  choices?: readonly string[];
  checkbox?: boolean;
  /** Sheets number format for date/time columns. */
  dateFormat?: string;
  /** Column holds several values separated by 「;」 (volunteers also type 、 or ・). */
  multi?: readonly string[];
  /** Other headers the same column may have (a form response sheet's time stamp, written in the sheet's locale). */
  aliases?: readonly string[];
}

export interface SheetDef<K extends string = string> {
  key: string;
  name: string;
  columns: readonly (ColumnDef & { key: K })[];
  /**
   * The column that identifies a row (団体 id, 回答id, 会議 id, …). Writes find their row again by this value just
   * before writing — volunteers sort, insert and delete rows while the add-on runs — and rows whose key is empty by
   * their whole content as read (workspace/tables.ts).
   */
  rowKey?: K;
  /**
   * false for a hidden sheet only the add-on writes (取り込み記録): no person sorts it, so its writes are not read
   * back to verify them (tables.ts).
   */
  editedByPeople?: false;
  /**
   * setup10: rows 初期設定 gives the sheet (instead of the default grid), so a large network's imports append without
   * growing it (README, the bench: "Pre-sized sheets"). Only where the formatted empty grid stays small.
   */
  rows?: number;
}

export const AGENCY_KINDS = [
  '就労移行支援',
  '就労継続支援A型',
  '就労継続支援B型',
  '就労定着支援',
  '就業・生活支援センター',
  '区市町村就労支援センター',
  'ハローワーク専門援助部門',
  '地域障害者職業センター',
  '相談支援事業所',
  '特別支援学校',
  'その他',
] as const;

export const DISABILITY_TYPES = ['身体', '知的', '精神', '発達', '高次脳', '難病'] as const;
// The first seven are the original design's list; 助成金相談 and 職業紹介 are what ハローワーク offers (fixture row 7).
export const EMPLOYER_SERVICES = ['雇用相談', '職場実習', '職場開拓', 'ジョブコーチ', '定着支援', '見学受入', '研修講師', '助成金相談', '職業紹介'] as const;
export const GROUPS = ['A', 'B'] as const;
export const CONSENT_STATES = ['同意', '未同意', '撤回'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];
/**
 * Issue 16: the fields an agency may keep out of the pamphlet (名称 is always published). 団体「掲載しない項目」 lists the
 * withheld ones, separated by 「;」 (empty: every field is published) — one readable column a volunteer can type.
 */
export const CONSENT_FIELDS = ['所在地', '電話', 'FAX', 'メール', 'URL', '企業向け窓口', '特色', '開所日時'] as const;
export type ConsentField = (typeof CONSENT_FIELDS)[number];

export const EVENT_KINDS = ['セミナー', 'ワークショップ', '企画会議', '定例会', '報告会', '合同説明会'] as const;
export const EVENT_STATES = ['準備中', '募集中', '締切', '終了', '中止'] as const;
// 当日: a walk-in recorded by the self check-in form (domain/checkin.ts).
export const REGISTRATION_ROUTES = ['フォーム', '手入力', '当日'] as const;
export const REGISTRATION_STATES = ['申込', 'キャンセル待ち', '取消'] as const;
export const MEETING_STATES = ['予定', '中止'] as const;

const DATE = 'yyyy-mm-dd';
const DATETIME = 'yyyy-mm-dd hh:mm';

export const AGENCIES = {
  key: 'agencies',
  name: '団体',
  // 1,000 agencies, the largest network measured, twice over: an import of them all appends without growing it.
  rows: 2_000,
  rowKey: 'id',
  columns: [
    { key: 'id', header: 'id', text: true },
    { key: 'name', header: '名称', text: true },
    { key: 'nameKana', header: '名称カナ', text: true },
    { key: 'kind', header: '種別', text: true, choices: AGENCY_KINDS },
    { key: 'corporation', header: '運営法人', text: true },
    { key: 'postalCode', header: '郵便番号', text: true },
    { key: 'address', header: '所在地', text: true },
    { key: 'nearestStation', header: '最寄駅', text: true },
    { key: 'phone', header: '電話', text: true },
    { key: 'fax', header: 'FAX', text: true },
    { key: 'email', header: 'メール', text: true },
    { key: 'url', header: 'URL', text: true },
    { key: 'disabilityTypes', header: '対象障害', text: true, multi: DISABILITY_TYPES },
    { key: 'employerServices', header: '企業向け支援', text: true, multi: EMPLOYER_SERVICES },
    { key: 'employerContact', header: '企業向け窓口', text: true },
    { key: 'features', header: '特色', text: true },
    { key: 'openingHours', header: '開所日時', text: true },
    { key: 'group', header: 'グループ', text: true, choices: GROUPS },
    { key: 'joinedOn', header: '加入日', dateFormat: DATE },
    { key: 'consent', header: '掲載同意', text: true, choices: CONSENT_STATES },
    { key: 'consentDate', header: '同意日', dateFormat: DATE },
    { key: 'userServices', header: '利用者向け支援', text: true },
    { key: 'lastConfirmedOn', header: '最終確認日', dateFormat: DATE },
    { key: 'remarks', header: '備考', text: true },
    // ---- issue 16 (掲載情報の確認): per-field publication consent and who agreed (a role, never a person's name) ----
    { key: 'withheld', header: '掲載しない項目', text: true, multi: CONSENT_FIELDS },
    { key: 'consentBy', header: '同意者（役職）', text: true },
    // issue 17: whether the agency agrees to receive company inquiries routed to it (empty = not asked = no).
    { key: 'referrals', header: '紹介受付', text: true, choices: ['受ける', '受けない'] },
  ],
} as const satisfies SheetDef;

export const EVENTS = {
  key: 'events',
  name: '行事',
  rowKey: 'id',
  columns: [
    { key: 'id', header: 'id', text: true },
    { key: 'kind', header: '種類', text: true, choices: EVENT_KINDS },
    { key: 'title', header: '名称', text: true },
    { key: 'start', header: '開始', dateFormat: DATETIME },
    { key: 'end', header: '終了', dateFormat: DATETIME },
    { key: 'venue', header: '会場', text: true },
    { key: 'venueAgencyId', header: '会場団体', text: true },
    { key: 'capacity', header: '定員' },
    { key: 'registrationForm', header: '申込フォーム', text: true },
    { key: 'surveyForm', header: 'アンケートフォーム', text: true },
    { key: 'status', header: '状態', text: true, choices: EVENT_STATES },
    // ---- forms: written by 「フォームを作成」 (the two URL columns above hold the published links to share) ----
    { key: 'registrationFormId', header: '申込フォームid', text: true },
    { key: 'registrationSheetId', header: '申込回答シートid', text: true },
    { key: 'surveyFormId', header: 'アンケートフォームid', text: true },
    { key: 'surveySheetId', header: 'アンケート回答シートid', text: true },
    // ---- participant mail: what the confirmation and reminder say about getting there ----
    { key: 'access', header: 'アクセス', text: true },
    { key: 'onlineUrl', header: 'オンライン参加URL', text: true },
    // issue 17: who 「行事の案内を送信」 mails (the tokens of 会議's 招待先: 全体, グループ, ids, 関係機関:<種別>, K001, addresses).
    { key: 'invitees', header: '招待先', text: true },
  ],
} as const satisfies SheetDef;

export const LEDGER = {
  key: 'ledger',
  name: '参加者台帳',
  rowKey: 'responseId',
  columns: [
    { key: 'responseId', header: '回答id', text: true },
    { key: 'eventId', header: '行事id', text: true },
    { key: 'name', header: '氏名', text: true },
    { key: 'furigana', header: 'ふりがな', text: true },
    { key: 'agency', header: '所属団体', text: true },
    { key: 'jobTitle', header: '職種', text: true },
    { key: 'email', header: 'メール', text: true },
    { key: 'attendanceMode', header: '参加形態', text: true, choices: ['対面', 'オンライン'] },
    { key: 'registeredAt', header: '申込日時', dateFormat: DATETIME },
    { key: 'status', header: '状態', text: true, choices: REGISTRATION_STATES },
    { key: 'attended', header: '出席', checkbox: true },
    { key: 'checkedInAt', header: '受付時刻', dateFormat: DATETIME },
    { key: 'route', header: '経路', text: true, choices: REGISTRATION_ROUTES },
    { key: 'remarks', header: '備考', text: true },
    // The member agency's id when 所属団体 names one (所属団体 itself shows the name, for form and hand-typed rows alike).
    { key: 'agencyId', header: '所属団体id', text: true },
    // ---- participant mail (domain/mail.ts) ----
    // Ticked: no reminder, thank-you or survey reminder (the answers to the person's own registration still go out).
    { key: 'optOut', header: '配信停止', checkbox: true },
    // One line per mail sent (「申込確認 2025-07-01 10:00」); delete a line to send that mail again.
    { key: 'mailLog', header: '送信記録', text: true },
  ],
} as const satisfies SheetDef;

export const MEETINGS = {
  key: 'meetings',
  name: '会議',
  rowKey: 'id',
  columns: [
    { key: 'id', header: 'id', text: true },
    { key: 'title', header: '名称', text: true },
    { key: 'start', header: '開始', dateFormat: DATETIME },
    { key: 'end', header: '終了', dateFormat: DATETIME },
    { key: 'place', header: '場所', text: true },
    { key: 'invitees', header: '招待先', text: true },
    { key: 'agenda', header: '説明/議題', text: true },
    { key: 'recurrence', header: '繰り返し', text: true },
    { key: 'status', header: '状態', text: true, choices: MEETING_STATES },
    { key: 'calendarEventId', header: 'カレンダー予定id', text: true },
    { key: 'fingerprint', header: '送信内容', text: true },
    { key: 'lastSynced', header: '最終同期', dateFormat: DATETIME },
  ],
} as const satisfies SheetDef;

/** Key/value settings that coordinators may edit (template id, output folder, calendar, …). */
export const SETTINGS = {
  key: 'settings',
  name: '設定',
  rowKey: 'key',
  columns: [
    { key: 'key', header: '項目', text: true },
    { key: 'value', header: '値', text: true },
    { key: 'description', header: '説明', text: true },
  ],
} as const satisfies SheetDef;

export const OPERATION_LOG = {
  key: 'log',
  name: '操作ログ',
  columns: [
    { key: 'at', header: '日時', dateFormat: 'yyyy-mm-dd hh:mm:ss' },
    { key: 'user', header: '実行者', text: true },
    { key: 'operation', header: '操作', text: true },
    { key: 'result', header: '結果', text: true },
    { key: 'details', header: '詳細', text: true },
  ],
} as const satisfies SheetDef;

/**
 * 操作ログ's 結果 values: data in the sheet's vocabulary (like its headers), the same whatever the locale of whoever ran
 * the operation, so that a reader of the log (the activity report, 前回の結果) finds them in both languages.
 */
export const LOG_RESULT = { ok: '成功', failed: '失敗', check: '要確認' } as const;

// ---- forms ----

/** The post-event survey's questions; 初期設定 fills in the default set, coordinators edit it. */
export const SURVEY_QUESTIONS = {
  key: 'surveyQuestions',
  name: 'アンケート設問',
  rowKey: 'title',
  columns: [
    { key: 'title', header: '設問', text: true },
    { key: 'type', header: '形式', text: true, choices: ['選択', '選択（その他あり）', '複数選択', '複数選択（その他あり）', '5段階', '記述', '短い記述', 'プルダウン'] },
    { key: 'choices', header: '選択肢', text: true },
    { key: 'required', header: '必須', text: true, choices: ['はい', 'いいえ'] },
    { key: 'audience', header: '対象', text: true, choices: ['すべて', 'ワークショップのみ'] },
    { key: 'lowerLabel', header: '下限ラベル', text: true },
    { key: 'upperLabel', header: '上限ラベル', text: true },
  ],
} as const satisfies SheetDef;

/** The survey store: every survey answer in long form (one row per question answered), across events. */
export const SURVEY_ANSWERS = {
  key: 'surveyAnswers',
  name: 'アンケート記録',
  columns: [
    { key: 'responseId', header: '回答id', text: true },
    { key: 'eventId', header: '行事id', text: true },
    { key: 'answeredAt', header: '回答日時', dateFormat: DATETIME },
    { key: 'question', header: '設問', text: true },
    { key: 'answer', header: '回答', text: true },
  ],
} as const satisfies SheetDef;

// ---- companies (issue 17): domain/consultations.ts ----

/**
 * Columns written compactly ('key:見出し' separated by spaces): a key ending in At is a date-time column, the others
 * plain text; `choices` adds dropdowns. For the sheets of issue 17 (bundle size: each column spelt out costs ~30 B).
 */
function columns<K extends string>(spec: string, choices: Partial<Record<K, readonly string[]>> = {}): (ColumnDef & { key: K })[] {
  return spec.split(' ').map((part) => {
    const [key, header] = part.split(':') as [K, string];
    return { key, header, ...(key.endsWith('At') ? { dateFormat: DATETIME } : { text: true }), ...(choices[key] ? { choices: choices[key] } : {}) };
  });
}

type ConsultationKey =
  | 'number' | 'status' | 'agencyId' | 'agency' | 'receivedAt' | 'assignedAt' | 'firstContactAt' | 'changedAt' | 'company' | 'industry' | 'municipality' | 'role'
  | 'contactName' | 'email' | 'phone' | 'size' | 'topics' | 'disabilities' | 'urgency' | 'details' | 'shareConsent' | 'nameConsent' | 'note' | 'statusLink' | 'token'
  | 'responseId' | 'mailLog';

/**
 * 企業相談: one row per company inquiry (personal data: made by 「企業相談フォームの作成」, protected so that only the
 * coordinator who made it can edit; listed in domain/privacy.ts). Written by the form-submit trigger and the sidebar.
 * The company form's questions are titled with these headers (domain/consultations.ts).
 */
export const CONSULTATIONS = {
  key: 'consultations',
  name: '企業相談',
  rowKey: 'number',
  columns: columns<ConsultationKey>(
    'number:受付番号 status:状態 agencyId:担当団体id agency:担当団体 receivedAt:受付日時 assignedAt:担当決定日時 firstContactAt:初回対応日時 changedAt:最終更新日時 ' +
    'company:会社名 industry:業種 municipality:所在地 role:担当者役職 contactName:担当者名 email:担当者メール phone:電話 size:従業員数 topics:相談内容 ' +
    'disabilities:対象障害 urgency:緊急度 details:自由記述 shareConsent:共有同意 nameConsent:社名掲載 note:対応メモ statusLink:状況更新リンク token:確認コード responseId:回答id mailLog:送信記録',
    { status: ['受付', '担当決定', '対応中', '完了', '対応不可'] },
  ),
} as const satisfies SheetDef;

// ---- issue 17: 関係機関, organisations that are not members (invited to meetings by 招待先 関係機関 / 関係機関:<種別> / K001) ----
export const PARTNER_KINDS = ['区役所', 'ハローワーク', '特別支援学校', '商工会議所', '実習受入企業', 'その他'] as const;
/** id (K001…) is written by 「会議の招待を送信」 to a row without one; 招待する: taken by 関係機関 and 関係機関:<種別>. */
export const PARTNERS = {
  key: 'partners',
  name: '関係機関',
  rowKey: 'id',
  columns: [
    ...columns<'id' | 'kind' | 'name' | 'contact' | 'email' | 'phone' | 'remarks'>('id:id kind:種別 name:名称 contact:担当者 email:メール phone:電話 remarks:備考', { kind: PARTNER_KINDS }),
    { key: 'invite', header: '招待する', checkbox: true },
  ],
} as const satisfies SheetDef;

/** Participant mail texts (domain/mail.ts): one row per kind, 初期設定 adds the default text of a missing kind. */
export const MAIL_TEMPLATES = {
  key: 'mailTemplates',
  name: 'メール文面',
  rowKey: 'kind',
  columns: [
    { key: 'kind', header: '種類', text: true },
    { key: 'subject', header: '件名', text: true },
    { key: 'body', header: '本文', text: true },
  ],
} as const satisfies SheetDef;

/** Written whole by 「出欠を集計」. */
export const ATTENDANCE_SUMMARY_SHEET = '出欠集計';

/** Sheets created by 「初期設定」, in tab order. Features add their sheet definitions here. */
export const WORKBOOK: readonly SheetDef[] = [AGENCIES, EVENTS, LEDGER, MEETINGS, SETTINGS, OPERATION_LOG, SURVEY_QUESTIONS, SURVEY_ANSWERS, MAIL_TEMPLATES, PARTNERS];

export type KeysOf<D extends SheetDef> = D['columns'][number]['key'];

// 設定's rows (keys, defaults, descriptions) are declared in settings.ts.
