/** 設定: a key/value sheet that coordinators can read and edit (template id, output folder, calendar, …). */
import { SETTINGS } from '../domain/schema';
import { DURABLE_SETTINGS, SettingKey, isSettingKey, settingDescription } from '../domain/settings';
import { Table, TableView } from './tables';

/** Developer-metadata key prefix of the durable settings (domain/settings.ts: `durable`). */
export const DURABLE_KEY_PREFIX = 'shuro-network.setting.';

export { DURABLE_SETTINGS };

let store: { of: GoogleAppsScript.Properties.PropertiesService; props: GoogleAppsScript.Properties.Properties } | undefined;

/**
 * The document's properties (the add-on's records kept out of the sheets), asked once per execution: the object is a
 * handle to the store — each getProperty/setProperty is its own round trip to the live values — so a second ask
 * would return the same store for one call more. Keyed by the service (one per execution; in workspace tests, one
 * per emulator).
 */
export function documentProperties(): GoogleAppsScript.Properties.Properties {
  if (store?.of !== PropertiesService) store = { of: PropertiesService, props: PropertiesService.getDocumentProperties() };
  return store.props;
}

// Fields are declared and assigned in the constructor: an initialised field compiles to a per-module defineProperty
// helper in the bundle (same object either way).
export class Settings {
  private declare readonly durable: Map<SettingKey, string>;
  private declare readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  private declare table: Table<'key' | 'value' | 'description'> | TableView<'key' | 'value' | 'description'>;
  private declare view: boolean;
  /** The spreadsheet's metadata by key as this execution knows it (null: added here, its object not asked for). */
  private declare marks?: Map<string, GoogleAppsScript.Spreadsheet.DeveloperMetadata | null>;

  private constructor(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, view: boolean) {
    this.ss = ss;
    this.view = view;
    this.table = view ? Table.open(ss, SETTINGS, undefined, true) : Table.open(ss, SETTINGS);
    this.durable = new Map();
  }

  /**
   * `view`: for an operation that mostly only reads 設定 (the documents): no formulas asked (2 calls
   * fewer); the first `set` opens the sheet again as a writer, so the write rests on a read made just before it.
   */
  static open(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, view?: true): Settings {
    return new Settings(ss, view === true);
  }

  /** Whether 設定 has a row for this key (whatever its value). */
  has(key: SettingKey): boolean {
    return this.table.rows().some((r) => r.text('key').trim() === key);
  }

  /** The value of a declared setting ('' when its row is missing or empty). */
  get<K extends SettingKey>(key: K): string {
    const row = this.table.rows().find((r) => r.text('key').trim() === key);
    return row ? row.text('value').trim() : '';
  }

  all(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const r of this.table.rows()) if (r.text('key').trim()) out[r.text('key').trim()] = r.text('value').trim();
    return out;
  }

  /** Sets a declared setting; a new row gets the registry's description unless one is given. */
  set<K extends SettingKey>(key: K, value: string, description: string = settingDescription(key)): void {
    this.write(key, value, description);
  }

  /** A row the coordinator edited in the sidebar: any 項目 of the sheet, declared or their own. */
  setEdited(key: string, value: string): void {
    this.write(key, value, isSettingKey(key) ? settingDescription(key) : '');
  }

  private write(key: string, value: string, description: string): void {
    if (this.view) {
      this.table = Table.open(this.ss, SETTINGS);
      this.view = false;
    }
    const table = this.table as Table<'key' | 'value' | 'description'>;
    const row = this.table.rows().find((r) => r.text('key').trim() === key);
    if (row) table.set(row.rowNumber, 'value', value);
    else table.append({ key, value, description });
    if (isSettingKey(key) && DURABLE_SETTINGS.includes(key)) this.durable.set(key, value);
  }

  /**
   * Writes the durable copies (one metadata read, one call per copy set), then the sheet. Copies first: callers treat
   * "the id is in 設定" as "the file is kept" (and trash a new file when the write fails), so nothing may fail after
   * the sheet write. A copy left by a failed run is overwritten by the next successful one.
   */
  flush(): void {
    if (this.durable.size) {
      // A later flush of this run (the folder saved at once, then the template) reuses the first read: spreadsheet
      // metadata is written only through the API (https://developers.google.com/sheets/api/guides/metadata), here by
      // the add-on's own runs, which hold the document lock as this one does (3 calls fewer). It is read again only
      // to change a copy this run added (addDeveloperMetadata returns the spreadsheet, not the metadata).
      let marks = this.marks;
      if (!marks || [...this.durable.keys()].some((k) => marks!.get(DURABLE_KEY_PREFIX + k) === null)) {
        marks = new Map(this.ss.getDeveloperMetadata().map((m) => [m.getKey(), m]));
      }
      this.marks = marks;
      for (const [key, value] of this.durable) {
        const found = marks.get(DURABLE_KEY_PREFIX + key);
        if (found) { if (found.getValue() !== value) found.setValue(value); } else {
          this.ss.addDeveloperMetadata(DURABLE_KEY_PREFIX + key, value);
          marks.set(DURABLE_KEY_PREFIX + key, null);
        }
      }
      this.durable.clear();
    }
    if (!this.view) (this.table as Table<'key' | 'value' | 'description'>).flush();
  }
}

/** The spreadsheet's developer metadata, each with its key (read once by 「初期設定」). */
export type SpreadsheetMarks = readonly { key: string; m: GoogleAppsScript.Spreadsheet.DeveloperMetadata }[];

/** The durable settings kept on the spreadsheet (key → value), for 「初期設定」 to restore, from its metadata read once. */
export function durableSettings(marks: SpreadsheetMarks): Map<SettingKey, string> {
  const out = new Map<SettingKey, string>();
  for (const { key: full, m } of marks) {
    const key = full.slice(DURABLE_KEY_PREFIX.length);
    if (full.startsWith(DURABLE_KEY_PREFIX) && isSettingKey(key) && DURABLE_SETTINGS.includes(key)) out.set(key, m.getValue() ?? '');
  }
  return out;
}
