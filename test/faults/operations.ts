/**
 * Every operation that writes, as one table shared by the fault matrix, the missing-grant tests and the formula scan.
 * Adding an operation is adding one entry: how to bring a fresh emulator to the state before it (through the built
 * bundle, as a user would), how to run it (its menu function or RPC), and which scopes it needs.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { RpcResult } from '../../src/protocol';
import { loadAddOn } from '../support/bundle';
import { toBase64 } from '../support/globals';
import { csvRecords, typeRows } from '../support/typing';

export type AddOn = ReturnType<typeof loadAddOn>;

/** What the user saw: an RPC's result, or the alert a menu function showed. */
export interface Outcome {
  ok: boolean;
  message: string;
  /** RpcError.kind for RPCs; for menu functions inferred from the sentence. */
  kind?: string;
}

export const SCOPE = {
  sheets: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  ui: 'https://www.googleapis.com/auth/script.container.ui',
  email: 'https://www.googleapis.com/auth/userinfo.email',
  forms: 'https://www.googleapis.com/auth/forms',
  triggers: 'https://www.googleapis.com/auth/script.scriptapp',
  documents: 'https://www.googleapis.com/auth/documents',
  driveFile: 'https://www.googleapis.com/auth/drive.file',
  calendar: 'https://www.googleapis.com/auth/calendar',
} as const;

export interface Operation {
  /** As the user knows it (menu caption / 操作ログ). */
  name: string;
  /** Brings a fresh emulator (bundle loaded) to the state just before the operation. */
  setup(emu: AddOn): void;
  run(emu: AddOn): Outcome;
  /** Scopes whose absence must be reported by name (granular consent). */
  scopes: readonly string[];
}

/** The sentences describeError produces; a menu alert that starts with one of these reports a failure. */
const FAILURE_SENTENCE = /^(Google のサービスが一時的に応答しませんでした|別の処理が実行中です|予期しないエラーが発生しました|この操作には「.+」の権限が必要です|シート「.+」がありません)/;

export function menu(functionName: string): (emu: AddOn) => Outcome {
  return (emu) => {
    const before = emu.uiState.alerts.length;
    emu.run(functionName);
    const shown = emu.uiState.alerts.slice(before);
    const last = shown.at(-1);
    if (!last) return { ok: false, message: '', kind: 'no alert' };
    const failed = FAILURE_SENTENCE.test(last.prompt);
    const kind = !failed ? undefined : /^Google/.test(last.prompt) ? 'service' : /^別の処理/.test(last.prompt) ? 'busy' : /^予期しない/.test(last.prompt) ? 'unexpected' : 'user';
    return { ok: !failed, message: last.prompt, kind };
  };
}

export function rpc(functionName: string, args: (emu: AddOn) => unknown[] = () => []): (emu: AddOn) => Outcome {
  return (emu) => {
    const r = emu.run<RpcResult<unknown>>(functionName, args(emu));
    return r.ok ? { ok: true, message: JSON.stringify(r.value) } : { ok: false, message: r.error.message, kind: r.error.kind };
  };
}

export const FIXTURE_CSV = readFileSync(path.join(__dirname, '..', 'fixtures', 'agencies.csv'), 'utf8');

const setUp = (emu: AddOn) => { emu.run('setUpWorkbook'); };
/** Set up, then a volunteer types the fixture's agencies by hand (un-normalised: full-width digits, odd hyphens). */
const typedRegistry = (emu: AddOn) => {
  setUp(emu);
  typeRows(emu, '団体', csvRecords(FIXTURE_CSV));
};

export const OPERATIONS: Operation[] = [
  { name: '初期設定', setup: () => {}, run: menu('setUpWorkbook'), scopes: [SCOPE.sheets] },
  {
    name: '初期設定（古いシートへの列の追加）',
    setup: (emu) => {
      setUp(emu);
      // An older workbook: 団体 lacks its last three columns and 設定 has no rows yet.
      const agencies = emu.active.sheets.find((s) => s.name === '団体')!;
      const width = agencies.getLastColumn();
      agencies.rangeAt(1, width - 2, 1, 3).clearContent();
      typeRows(emu, '団体', [{ 名称: '既存の団体', 種別: '就労移行支援' }]);
    },
    run: rpc('rpcSetUp'),
    scopes: [SCOPE.sheets],
  },
  { name: '団体名簿をチェック', setup: typedRegistry, run: menu('checkRegistry'), scopes: [SCOPE.sheets] },
  { name: '団体名簿をチェック（サイドバー）', setup: typedRegistry, run: rpc('rpcCheckRegistry'), scopes: [SCOPE.sheets] },
  {
    name: 'CSVから団体を取り込む',
    setup: (emu) => {
      setUp(emu);
      typeRows(emu, '団体', [{ 名称: 'ワークサポートあおば', 種別: '就労移行支援' }]);
    },
    run: rpc('rpcImportCsv', () => [toBase64(FIXTURE_CSV)]),
    scopes: [SCOPE.sheets],
  },
  {
    name: '設定の保存',
    setup: setUp,
    run: rpc('rpcSaveSettings', () => [{ ネットワーク名: '千代田区就労支援ネットワーク', テンプレート: '=HYPERLINK("x")' }]),
    scopes: [SCOPE.sheets],
  },
];
