import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadAddOn } from '../../../support/bundle';
import { toBase64 } from '../../../support/globals';
import type { RpcResult, CsvImportResult, RegistryReport } from '../../../../src/protocol';
import { SCOPES } from '../../../../src/server/scopes';

const fixture = readFileSync(path.join(__dirname, '..', '..', '..', 'fixtures', 'agencies.csv'), 'utf8');

describe('the built bundle in the vm', () => {
  test('exposes only Apps Script-like globals: no require, process or timers', () => {
    const emu = loadAddOn();
    const g = emu.load() as unknown as Record<string, unknown>;
    for (const name of ['require', 'process', 'module', 'setTimeout', 'fetch']) expect(typeof g[name]).toBe('undefined');
    expect(typeof g.onOpen).toBe('function');
  });

  test('onOpen in AuthMode.NONE builds the menu and reads nothing else', () => {
    const emu = loadAddOn();
    emu.run('onOpen', [{ authMode: 'NONE' }], { authMode: 'NONE', operation: 'open' });
    const menu = emu.uiState.menus[0]!;
    expect(menu.title).toBe('就労支援ネットワーク');
    expect(menu.items.filter((i) => 'caption' in i).map((i) => (i as { caption: string }).caption)).toEqual(
      expect.arrayContaining(['サイドバーを開く', '初期設定', '団体名簿をチェック']),
    );
    const services = Object.keys(emu.ledger.byService('open'));
    expect(services).toEqual(['SpreadsheetApp']);
    const methods = Object.keys(emu.ledger.byMethod('open'));
    expect(methods.every((m) => /\.(getUi|createAddonMenu|addItem|addSeparator|addToUi)$/.test(m))).toBe(true);
  });

  test('menu 「初期設定」 then 「団体名簿をチェック」: sheets created, problems alerted in Japanese with row and column', () => {
    const emu = loadAddOn();
    emu.run('setUpWorkbook');
    expect(emu.active.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['団体', '行事', '参加者台帳', '会議', '設定', '操作ログ']));
    expect(emu.uiState.alerts.at(-1)!.prompt).toContain('初期設定が終わりました');
    const imported = emu.run<RpcResult<CsvImportResult>>('rpcImportCsv', [toBase64(fixture)]);
    expect(imported.ok).toBe(true);
    emu.run('checkRegistry');
    const alert = emu.uiState.alerts.at(-1)!;
    expect(alert.title).toBe('団体名簿のチェック');
    expect(alert.prompt).toMatch(/10件を確認/);
    expect(alert.prompt).toContain('11行目「グループ」: グループ「C」は選択肢にありません');
    const log = emu.active.sheets.find((s) => s.name === '操作ログ')!.getDataRange().getValues();
    expect(log.slice(1).map((r) => r[2])).toEqual(['初期設定', 'CSVから団体を取り込む', '団体名簿をチェック']);
    expect(log[1]![1]).toBe('coordinator@example.jp');
  });

  test('an RPC before set-up answers with what to do, not a stack trace', () => {
    const emu = loadAddOn();
    const r = emu.run<RpcResult<RegistryReport>>('rpcCheckRegistry');
    expect(r).toEqual({ ok: false, error: { kind: 'user', message: expect.stringContaining('「初期設定」を先に実行してください') } });
  });

  test('a Google service failure at any call of the check gives a plain message, and the re-run completes', () => {
    const emu = loadAddOn();
    emu.run('setUpWorkbook');
    emu.run('rpcImportCsv', [toBase64(fixture)]);
    emu.ledger.reset();
    const clean = emu.run<RpcResult<RegistryReport>>('rpcCheckRegistry', [], { operation: 'clean' });
    const calls = emu.ledger.count({ operation: 'clean' });
    expect(clean.ok).toBe(true);
    for (let k = 1; k <= calls; k++) {
      emu.runtime.failAt({ atCall: k, message: 'Service Spreadsheets timed out while accessing document with id x.' });
      const failed = emu.run<RpcResult<RegistryReport>>('rpcCheckRegistry');
      emu.runtime.clearFault();
      if (!failed.ok) expect(failed.error.message).toMatch(/Google のサービスが一時的に応答しませんでした|予期しない|別の処理/);
      const again = emu.run<RpcResult<RegistryReport>>('rpcCheckRegistry');
      expect(again).toEqual(clean);
    }
    expect(emu.active.sheets.find((s) => s.name === '団体')!.getLastRow()).toBe(11);
  });

  test('a user who granted only some scopes is told which permission is missing', () => {
    const emu = loadAddOn({ grantedScopes: [SCOPES.ui] });
    const r = emu.run<RpcResult<RegistryReport>>('rpcCheckRegistry');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('「このスプレッドシートの表示と編集」の権限が必要です');
  });
});
