/**
 * One preview: an emulator running the built dist/Code.js with the seed data, the user's actions applied to it and
 * journaled, and what the page needs to show (alerts waiting to be seen, whether the sidebar is open).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createEmulator, Emulator } from '../index';
import { projectRoot } from '../paths';
import { DEMO_AGENCIES_CSV } from '../../scripts/demo/agencies';
import { DEFAULT_SCENARIO, Highlight, isScenario, SCENARIO_NOW, ScenarioName, seedScenario } from './scenarios';
import { parseUserEntered, Sheet } from '../spreadsheet';
import { replayBurst } from './burst';
import { Action, Entry, Header, Journal, JournalLine, seedRandomness, Selection } from './journal';
import { isEnglish, Notice, noticePrefix, noticeText } from './notices';
import { forgetInEntry, whoIsAsked } from './forget';

export interface SessionOptions {
  stateDir: string;
  reset?: boolean;
  /** Seed the registry from this CSV instead of the demo list (implies a fresh start). */
  agenciesFile?: string;
  /** Session.getActiveUserLocale() for the coordinator (default 'ja'). */
  locale?: string;
  /** The seed's scenario (scenarios.ts); absent: the saved state's, or the default. */
  scenario?: ScenarioName;
  /** A fresh start's opening day instead of the scenario's (server.ts `--now`). */
  now?: Date;
  log?: (line: string) => void;
}

const BUNDLE = path.join(projectRoot(), 'dist', 'Code.js');

/**
 * The functions a built bundle defines at its top level. gas-webpack-plugin emits one empty stub per entry point,
 * `function name() {}` (one per line, or back to back when minified), at the head of dist/Code.js; Apps Script lists
 * and calls those. Everything else in the file lives inside webpack's closure, so a name such as `constructor`,
 * `toString` or `Error` is never among them.
 */
export function topLevelFunctions(bundle: string): Set<string> {
  const stubs = /function ([A-Za-z_$][\w$]*)\(\)\s*\{\s*\}\s*/y;
  const names = new Set<string>();
  // Only the leading run of stubs: a function of the same shape further down is inside webpack's closure.
  for (let m = stubs.exec(bundle); m; m = stubs.exec(bundle)) names.add(m[1]!);
  return names;
}

/** RPCs that only read: not journaled (a CSV preview would otherwise store the whole file twice). */
const READ_ONLY_RPC = /^rpc(Init|Get|Preview|List|LastResults|SearchPersonalData|PlanRetention)/;

export interface Outcome {
  ok: boolean;
  value?: unknown;
  /** An exception escaped the script (what Apps Script shows as an error bar / google.script.run failure). */
  error?: string;
  alerts: { title: string; prompt: string }[];
}

export interface Toast { serial: number; title: string; message: string }

export class PreviewSession {
  emu!: Emulator;
  readonly journal: Journal;
  /** Increases on every change, so the page knows when to redraw. */
  version = 0;
  sidebarOpen = false;
  private header!: Header;
  private alertsSeen = 0;
  private execution = 0;
  replayFailures: string[] = [];
  /** What the page points to first (the year-end scenario's report). */
  highlights: Highlight[] = [];
  /** What the start had to say about the saved state (lines skipped or not replayed, a file migrated or set aside). */
  readonly notices: string[] = [];
  /** Where the user's cursor is; commands that read the active range see it, in the run and in a replay. */
  selection: Selection | null = null;

  constructor(private readonly options: SessionOptions) {
    this.journal = new Journal(options.stateDir);
  }

  start(): { replayed: number } {
    const log = this.options.log ?? (() => undefined);
    if (this.options.reset || this.options.agenciesFile) this.journal.reset();
    let entries: JournalLine[] = [];
    let skipped: number[] = [];
    let header: Header | null = null;
    const found: Notice[] = [];
    if (this.journal.exists()) {
      const read = this.journal.read();
      found.push(...read.notices);
      if (read.header) {
        header = read.header;
        entries = read.entries;
        skipped = read.skipped;
      }
    }
    const wanted = this.options.scenario;
    if (header && wanted && (header.scenario ?? DEFAULT_SCENARIO) !== wanted) {
      // Another scenario asked for: the saved work is kept beside, never thrown away.
      const aside = this.journal.setAside(`scenario-${header.scenario ?? DEFAULT_SCENARIO}`);
      found.push({ kind: 'scenarioAside', scenario: wanted, file: path.basename(aside) });
      header = null;
      entries = [];
      skipped = [];
    }
    if (header) this.header = header;
    else {
      const scenario = wanted ?? DEFAULT_SCENARIO;
      this.header = { kind: 'seed', version: 2, at: (this.options.now ?? SCENARIO_NOW[scenario]).toISOString(), scenario };
      if (this.options.agenciesFile) {
        this.header.agenciesCsv = readFileSync(this.options.agenciesFile).toString('base64');
        this.header.agenciesFile = path.basename(this.options.agenciesFile);
      }
      this.journal.start(this.header);
    }
    seedRandomness();
    this.emu = createEmulator({ now: new Date(this.header.at) });
    if (this.options.locale) this.emu.runtime.user.locale = this.options.locale;
    this.emu.load();
    this.functions = topLevelFunctions(readFileSync(BUNDLE, 'utf8'));
    this.seed();
    const failedLines: number[] = [];
    for (const { line, entry } of entries) {
      const outcome = this.apply(entry, false);
      if (outcome.error && !entry.failed) {
        this.replayFailures.push(`${entry.kind}: ${outcome.error}`);
        failedLines.push(line);
      }
    }
    if (skipped.length) found.push({ kind: 'skipped', lines: skipped });
    if (failedLines.length) found.push({ kind: 'notReplayed', lines: failedLines });
    // In the preview's locale, as the add-on speaks (--locale en: English).
    const english = isEnglish(this.options.locale);
    this.notices.push(...found.map((n) => noticeText(n, english)));
    for (const n of this.notices) log(`${noticePrefix(english)}${n}`);
    this.alertsSeen = this.emu.uiState.alerts.length;
    // A coordinator's first look: the sidebar open, as after 「サイドバーを開く」.
    this.runScript('showSidebar', []);
    this.sidebarOpen = true;
    this.alertsSeen = this.emu.uiState.alerts.length;
    return { replayed: entries.length - failedLines.length };
  }

  /** The scenario the state started from (a journal written before scenarios: the default). */
  get scenario(): ScenarioName {
    return this.header?.scenario && isScenario(this.header.scenario) ? this.header.scenario : DEFAULT_SCENARIO;
  }

  /** The seed: the scenario the saved state started from (scenarios.ts), run through the bundle. */
  private seed(): void {
    const csv = this.header.agenciesCsv ?? Buffer.from(DEMO_AGENCIES_CSV, 'utf8').toString('base64');
    this.highlights = seedScenario(this.emu, this.scenario, csv, (fn, args) => this.runScript(fn, args));
    this.emu.runtime.setNow(new Date(this.header.at));
    this.emu.runtime.ledger.reset();
  }

  /** The bundle's top-level functions: what google.script.run may call. */
  private functions = new Set<string>();

  /**
   * Whether google.script.run may call `name`: a top-level function of the script, not one ending in `_` (private).
   * https://developers.google.com/apps-script/guides/html/reference/run
   */
  callable(name: string): boolean {
    return this.functions.has(name) && !name.endsWith('_');
  }

  /** Applies a user action now: journaled, then run. */
  act(action: Action): Outcome {
    const withSelection = (action.kind === 'menu' || action.kind === 'rpc') && this.selection ? { ...action, selection: this.selection } : action;
    const entry = { ...withSelection, at: this.now().toISOString() } as Entry;
    // 「本人のデータを削除」: who it is, read before the erase removes them (issue 19; forget.ts).
    const forgotten = action.kind === 'rpc' && action.name === 'rpcErasePersonalData' ? whoIsAsked(this.emu, String(action.args[0] ?? ''), Date.now()) : null;
    const outcome = this.apply(entry, true);
    if (forgotten && outcome.ok) {
      this.journal.rewrite((e) => forgetInEntry(e, forgotten));
      this.journal.append({ ...entry, args: [forgotten.replayQuery] } as Entry);
      return outcome;
    }
    // Written after running, with how it went: a failed action may still have changed something, so it is
    // replayed, but its failing again on replay is expected, not news.
    if (!(action.kind === 'rpc' && READ_ONLY_RPC.test(action.name))) this.journal.append(outcome.ok ? entry : { ...entry, failed: true });
    return outcome;
  }

  /** Preview time: the seed's emulated date plus the real time the preview has been used, never going back. */
  private now(): Date {
    const last = this.emu.runtime.now().getTime();
    return new Date(Math.max(last + 1000, new Date(this.header.at).getTime() + (Date.now() - this.startedReal)));
  }
  private readonly startedReal = Date.now();

  private apply(entry: Entry, live: boolean): Outcome {
    this.emu.runtime.fixedNow = new Date(entry.at);
    const before = this.emu.uiState.alerts.length;
    const sidebarsBefore = this.emu.uiState.sidebars.length;
    let outcome: Outcome;
    try {
      outcome = { ok: true, value: this.perform(entry), alerts: [] };
    } catch (e) {
      outcome = { ok: false, error: e instanceof Error ? e.message : String(e), alerts: [] };
    }
    if (live) {
      outcome.alerts = this.emu.uiState.alerts.slice(before).map((a) => ({ title: a.title, prompt: a.prompt }));
      this.alertsSeen = this.emu.uiState.alerts.length;
      if (this.emu.uiState.sidebars.length > sidebarsBefore) this.sidebarOpen = true;
    }
    this.version++;
    return outcome;
  }

  /** The user clicks a cell (or a sheet tab): Sheets' active sheet and active range follow. */
  select(selection: Selection): void {
    const sheet = this.sheet(selection.sheet);
    if (!sheet) return;
    this.selection = { sheet: sheet.name, row: Math.max(1, selection.row), column: Math.max(1, selection.column) };
    this.applySelection(this.selection);
  }

  private applySelection(selection: Selection): void {
    const sheet = this.sheet(selection.sheet);
    if (sheet) this.emu.active.setActiveRange(sheet.rangeAt(selection.row, selection.column, 1, 1) as never);
  }

  private perform(action: Action): unknown {
    if ((action.kind === 'menu' || action.kind === 'rpc') && action.selection) this.applySelection(action.selection);
    switch (action.kind) {
      case 'cell':
        return this.editCell(action.sheet, action.row, action.column, action.text);
      case 'menu':
        return this.runScript(action.functionName, []);
      case 'rpc':
        return this.runScript(action.name, action.args);
      case 'submit':
        return this.submitForm(action.formId, action.answers);
      case 'burst':
        return replayBurst(this.emu, action.formId, action.n);
      case 'clock':
        return this.moveClock(action.to);
    }
  }

  /** The メール page's clock: forward only; the time-driven triggers (the hourly catch-up and mail) fire on the way. */
  private moveClock(to: string): string {
    const target = new Date(to);
    if (Number.isNaN(target.getTime()) || target.getTime() <= this.emu.runtime.now().getTime()) throw new Error('時計は先へだけ進められます。');
    this.emu.clock.advanceTo(target);
    this.emu.locks.holders.clear();
    return this.emu.runtime.now().toISOString();
  }

  /** One execution: its own id, and locks released at the end as Apps Script does. */
  runScript(name: string, args: unknown[]): unknown {
    this.execution++;
    this.emu.runtime.executionId = `preview-${this.execution}`;
    try {
      return this.emu.run(name, args);
    } finally {
      this.emu.locks.holders.clear();
    }
  }

  /** A user typing into a cell: Sheets parses the text (numbers, dates, formulas) and enforces rejecting rules. */
  private editCell(sheetName: string, row: number, column: number, text: string): string {
    const sheet = this.sheet(sheetName);
    if (!sheet) throw new Error(`シート「${sheetName}」がありません。`);
    const rule = sheet.cell(row, column)?.validation;
    if (rule && !rule.allowInvalid && text !== '') {
      const parsed = parseUserEntered(text, sheet.spreadsheet.timeZone, sheet.spreadsheet.locale, this.emu.runtime.now());
      if (!parsed.formula && !rule.accepts(parsed.value)) {
        throw new Error(rule.helpText || `セル ${sheetName}!${row}:${column} に入力したデータは、このセルに設定されたデータの入力規則に違反しています。`);
      }
    }
    sheet.getRange(row, column).setValue(text);
    // Typing into a cell selects it, as in Sheets.
    this.emu.active.setActiveRange(sheet.rangeAt(row, column, 1, 1) as never);
    return sheet.getRange(row, column).getDisplayValue();
  }

  private submitForm(formId: string, answers: unknown): unknown {
    const forms = (this.emu as unknown as { forms?: { submit(formId: string, answers: unknown): unknown } }).forms;
    if (!forms) throw new Error('この版にはフォームの機能がありません。');
    return forms.submit(formId, answers);
  }

  sheet(name: string): Sheet | undefined {
    return this.emu.active.sheets.find((s) => s.name === name);
  }

  /** Alerts raised since the page last looked (e.g. by a form-submit trigger). */
  takeAlerts(): { title: string; prompt: string }[] {
    const fresh = this.emu.uiState.alerts.slice(this.alertsSeen).map((a) => ({ title: a.title, prompt: a.prompt }));
    this.alertsSeen = this.emu.uiState.alerts.length;
    return fresh;
  }

  /** Toasts (Spreadsheet.toast) so far, numbered, for the page to show the ones it has not seen. */
  toasts(since: number): Toast[] {
    return this.emu.active.toasts.map((t, i) => ({ serial: i + 1, title: t.title, message: t.message })).filter((t) => t.serial > since);
  }

  sidebarHtml(): string | null {
    return this.emu.uiState.sidebars.at(-1)?.html ?? null;
  }

  closeSidebar(): void {
    this.sidebarOpen = false;
    this.version++;
  }
}
