/** 設定: a key/value sheet that coordinators can read and edit (template id, output folder, calendar, …). */
import { REPORT_FOLDER_SETTING, REPORT_TEMPLATE_SETTING } from '../domain/report-template';
import { SETTINGS } from '../domain/schema';
import { Table } from './tables';

/**
 * Settings that name files the add-on made (templates a coordinator customised, output folders). They are also kept
 * as developer metadata on the spreadsheet itself, which no sheet deletion touches, so that 「初期設定」 after 設定 was
 * deleted puts them back instead of making new defaults. Spreadsheet-level metadata needs only
 * spreadsheets.currentonly (https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata).
 * The pamphlet keys are written out here (pamphlet.ts imports this module); test/identity checks they match.
 */
export const DURABLE_SETTINGS: readonly string[] = ['パンフレットひな形ID', 'パンフレット出力フォルダID', REPORT_TEMPLATE_SETTING, REPORT_FOLDER_SETTING];
export const DURABLE_KEY_PREFIX = 'shuro-network.setting.';

export class Settings {
  private readonly durable = new Map<string, string>();

  private constructor(private readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet, private readonly table: Table<'key' | 'value' | 'description'>) {}

  static open(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Settings {
    return new Settings(ss, Table.open(ss, SETTINGS));
  }

  get(key: string): string {
    const row = this.table.rows().find((r) => r.text('key').trim() === key);
    return row ? row.text('value').trim() : '';
  }

  all(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const r of this.table.rows()) if (r.text('key').trim()) out[r.text('key').trim()] = r.text('value').trim();
    return out;
  }

  set(key: string, value: string, description = ''): void {
    const row = this.table.rows().find((r) => r.text('key').trim() === key);
    if (row) this.table.set(row.rowNumber, 'value', value);
    else this.table.append({ key, value, description });
    if (DURABLE_SETTINGS.includes(key)) this.durable.set(key, value);
  }

  /**
   * Writes the durable copies (one metadata read, one call per copy set), then the sheet. Copies first: callers treat
   * "the id is in 設定" as "the file is kept" (and trash a new file when the write fails), so nothing may fail after
   * the sheet write. A copy left by a failed run is overwritten by the next successful one.
   */
  flush(): void {
    if (this.durable.size) {
      const existing = new Map(this.ss.getDeveloperMetadata().map((m) => [m.getKey(), m]));
      for (const [key, value] of this.durable) {
        const found = existing.get(DURABLE_KEY_PREFIX + key);
        if (found) { if (found.getValue() !== value) found.setValue(value); } else this.ss.addDeveloperMetadata(DURABLE_KEY_PREFIX + key, value);
      }
      this.durable.clear();
    }
    this.table.flush();
  }
}

/** The durable settings kept on the spreadsheet (key → value), for 「初期設定」 to restore. One call. */
export function durableSettings(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of ss.getDeveloperMetadata()) {
    const key = m.getKey();
    if (key.startsWith(DURABLE_KEY_PREFIX) && DURABLE_SETTINGS.includes(key.slice(DURABLE_KEY_PREFIX.length))) out.set(key.slice(DURABLE_KEY_PREFIX.length), m.getValue() ?? '');
  }
  return out;
}
