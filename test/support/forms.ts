/** Shared set-up for the forms tests: a workbook with the demo registry and events, through the built bundle. */
import type { Emulator } from '../../emulator';
import type { EventFormsResult, RpcResult } from '../../src/protocol';
import { DEMO_AGENCIES_CSV } from '../../scripts/demo/agencies';
import { DemoEvent, DEMO_EVENTS, writeDemoEvents } from '../../scripts/demo/forms';

export function ok<T>(r: RpcResult<T>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** 初期設定, the 16 demo agencies, the given events typed into 行事, and (optionally) their forms. */
export function prepare(emu: Emulator, options: { events?: readonly DemoEvent[]; forms?: boolean } = {}): Map<string, EventFormsResult> {
  emu.run('setUpWorkbook');
  ok(emu.run<RpcResult<unknown>>('rpcImportCsv', [Buffer.from(DEMO_AGENCIES_CSV, 'utf8').toString('base64')]));
  const events = options.events ?? DEMO_EVENTS;
  writeDemoEvents(emu, events);
  const forms = new Map<string, EventFormsResult>();
  if (options.forms !== false) for (const e of events) forms.set(e.id, ok(emu.run<RpcResult<EventFormsResult>>('rpcCreateEventForms', [e.id])));
  return forms;
}

/** A sheet as a list of records keyed by header (raw emulator read, not counted). */
export function sheetRecords(emu: Emulator, name: string): Record<string, unknown>[] {
  const sheet = emu.active.sheets.find((s) => s.name === name);
  if (!sheet) return [];
  const [header, ...rows] = sheet.getDataRange().getValues();
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [String(h), r[i]])));
}

export function ledgerFor(emu: Emulator, eventId: string): Record<string, unknown>[] {
  return sheetRecords(emu, '参加者台帳').filter((r) => r['行事id'] === eventId);
}

/** Sets a cell as a volunteer would type it (raw, not counted). */
export function typeInto(emu: Emulator, sheetName: string, rowNumber: number, header: string, value: unknown): void {
  const sheet = emu.active.sheets.find((s) => s.name === sheetName)!;
  const col = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!.map(String).indexOf(header) + 1;
  sheet.getRange(rowNumber, col).setValue(value);
}
