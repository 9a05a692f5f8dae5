/** 設定: a key/value sheet that coordinators can read and edit (template id, output folder, calendar, …). */
import { SETTINGS } from '../domain/schema';
import { Table } from './tables';

export class Settings {
  private constructor(private readonly table: Table<'key' | 'value' | 'description'>) {}

  static open(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Settings {
    return new Settings(Table.open(ss, SETTINGS));
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
  }

  flush(): void {
    this.table.flush();
  }
}
