/**
 * The small part of issue 20's domain that the server bundle needs (domain/health.ts, the judgement, runs in the
 * sidebar): when a stopped trigger is worth a notice on open, and which 設定 keys name Drive files. Pure.
 */
import type { SettingKey } from './settings';

export const HOUR_MS = 3_600_000;
/** The hourly catch-up may run anywhere within its hour: two and a half hours without a run is a stopped trigger. */
export const CATCH_UP_STALE_MS = 2.5 * HOUR_MS;

/** Settings whose value is a Drive file or folder the add-on made (checked for reach, shared, moved). */
export const FILE_SETTINGS: readonly SettingKey[] = ['パンフレットひな形ID', 'パンフレット出力フォルダID', '活動報告書ひな形id', '活動報告書の保存先フォルダid', '共有フォルダID'];
