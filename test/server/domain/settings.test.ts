/** 設定 keys are declared once (domain/settings.ts); features name them through the SettingKey type. */
import { DEFAULT_SETTINGS, DURABLE_SETTINGS, SETTING, SETTING_REGISTRY, isSettingKey } from '../../../src/server/domain/settings';
import { PAMPHLET_SETTINGS } from '../../../src/server/workspace/features/pamphlet';
import { REPORT_FOLDER_SETTING, REPORT_TEMPLATE_SETTING } from '../../../src/server/domain/report-template';
import { SETTING_CALENDAR_ID, SETTING_DAILY_LIMIT } from '../../../src/server/workspace/features/meetings';
import { Settings } from '../../../src/server/workspace/settings';

describe('the settings registry', () => {
  test('every key a feature uses is declared (the compiler checks the literal types; this checks the values)', () => {
    const used: string[] = [...Object.values(PAMPHLET_SETTINGS), REPORT_FOLDER_SETTING, REPORT_TEMPLATE_SETTING, SETTING_CALENDAR_ID, SETTING_DAILY_LIMIT];
    expect(used.filter((k) => !isSettingKey(k))).toEqual([]);
    expect(isSettingKey('カレンダーＩＤ')).toBe(false);
  });

  test('初期設定 seeds the five rows it always did, participant mail\'s three (issue 15), then issue 19\'s two, issue 17\'s two and issue 16\'s two, in order; the file ids are durable', () => {
    expect(DEFAULT_SETTINGS.map((s) => s.key)).toEqual(['ネットワーク名', 'カレンダーID', 'カレンダー予定の1日上限', 'リマインド（日前）', 'アンケート再送（日後）', '問い合わせ先メール', 'パンフレット種別順', 'パンフレット名の形式', '個人情報の保存期間', '配慮事項の閲覧者', '企業相談_近隣', '企業相談_督促日数', '企業相談_自動割当', '掲載情報の確認間隔（月）', '掲載情報の督促（日後）']);
    expect(DEFAULT_SETTINGS.find((s) => s.key === 'カレンダー予定の1日上限')!.value).toBe('5000');
    // 参加証明書ひな形ID: the certificate template (issue 15) is a file the add-on made, like the other two templates.
    expect([...DURABLE_SETTINGS].sort()).toEqual(['パンフレットひな形ID', 'パンフレット出力フォルダID', '活動報告書ひな形id', '活動報告書の保存先フォルダid', '参加証明書ひな形ID'].sort());
    for (const spec of Object.values(SETTING_REGISTRY)) expect(spec.description).not.toBe('');
    // Each key once, and SETTING names it.
    const keys = Object.values(SETTING_REGISTRY).map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(SETTING.calendarId).toBe('カレンダーID');
    expect(Object.values(SETTING).sort()).toEqual([...keys].sort());
  });

  test('Settings.get and set accept only declared keys (type-level: these lines fail `npm run typecheck` without the expect-error)', () => {
    const probe = (s: Settings) => {
      // @ts-expect-error — not a declared setting
      s.get('カレンダーＩＤ');
      // @ts-expect-error — not a declared setting
      s.set('ネットワーク', 'x');
      s.setEdited('コーディネーターが足した項目', 'x');
      return s.get('カレンダーID');
    };
    expect(typeof probe).toBe('function');
  });
});
