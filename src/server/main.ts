/**
 * The add-on's public Apps Script API and nothing else: menu handlers, triggers and sidebar RPC. Wiring only —
 * each function delegates to workspace/. gas-webpack-plugin exposes every `export function` here as a top-level
 * Apps Script function (it skips `export const`).
 */
import type { CsvImportResult, CsvPreview, PamphletPreview, PamphletResult, RegistryReport, RpcResult, SettingsMap, SidebarInit } from '../protocol';
import { setUpWorkbook as setUp } from './workspace/setup';
import { checkRegistryInSheet } from './workspace/registry';
import { importCsv, previewCsv } from './workspace/csvImport';
import { Settings } from './workspace/settings';
import { alertReport, buildMenu, rpc, runFromMenu } from './workspace/entry';
import { t } from './i18n/messages';
import { createPamphletTemplate as createTemplate, generatePamphlet as generate, PAMPHLET_SCOPES, previewPamphlet } from './workspace/pamphlet';

// ---- menu and lifecycle ----

/** Builds the add-on menu when the spreadsheet opens; in AuthMode.NONE it touches nothing else. */
export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu(e?.authMode);
}

/** Runs once when the add-on is installed (AuthMode.FULL): builds the menu as onOpen does. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  buildMenu((e as { authMode?: GoogleAppsScript.Script.AuthMode } | undefined)?.authMode);
}

/** Menu 「初期設定」: creates or migrates the sheets. */
export function setUpWorkbook(): void {
  runFromMenu('初期設定', (ss, lang) => {
    const report = setUp(ss, lang);
    const message = report.changed
      ? t(lang, 'setup.done', { created: report.createdSheets.join('、') || '—', added: report.addedColumns.length })
      : t(lang, 'setup.nothing');
    SpreadsheetApp.getUi().alert(t(lang, 'setup.title'), message, SpreadsheetApp.getUi().ButtonSet.OK);
    return message;
  });
}

/** Menu 「団体名簿をチェック」: normalises and checks the agency registry, marking problem cells. */
export function checkRegistry(): void {
  runFromMenu('団体名簿をチェック', (ss, lang) => {
    const report = checkRegistryInSheet(ss, lang);
    return alertReport(t(lang, 'registry.title'), report, lang);
  });
}

/** Menu 「サイドバーを開く」: shows the coordinator's sidebar. */
export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('就労支援ネットワーク');
  SpreadsheetApp.getUi().showSidebar(html);
}

// ---- sidebar RPC (types in src/protocol.ts) ----

/** Sidebar start-up: language, whether set-up has run, features present. */
export function rpcInit(): RpcResult<SidebarInit> {
  return rpc('sidebar', (ss, lang) => ({
    lang,
    setUp: ss.getSheetByName('団体') !== null,
    spreadsheetName: ss.getName(),
    features: ['registry', 'csv', 'settings', 'pamphlet'],
  }), { log: false, lock: false });
}

/** Sidebar 「初期設定」. */
export function rpcSetUp(): RpcResult<{ createdSheets: string[]; addedColumns: string[] }> {
  return rpc('初期設定', (ss, lang) => {
    const r = setUp(ss, lang);
    return { createdSheets: r.createdSheets, addedColumns: r.addedColumns };
  });
}

/** Sidebar 「名簿チェック」: the registry report as data. */
export function rpcCheckRegistry(): RpcResult<RegistryReport> {
  return rpc('団体名簿をチェック', (ss, lang) => checkRegistryInSheet(ss, lang));
}

/** Sidebar CSV import, step 1: decode and show what would be imported, writing nothing. */
export function rpcPreviewCsv(base64: string): RpcResult<CsvPreview> {
  return rpc('CSVプレビュー', (ss, lang) => previewCsv(ss, base64, lang), { log: false, lock: false });
}

/** Sidebar CSV import, step 2: append the agencies and check the registry. */
export function rpcImportCsv(base64: string): RpcResult<CsvImportResult> {
  return rpc('CSVから団体を取り込む', (ss, lang) => importCsv(ss, base64, lang));
}

/** Sidebar 設定: current settings. */
export function rpcGetSettings(): RpcResult<SettingsMap> {
  return rpc('設定の表示', (ss) => Settings.open(ss).all(), { log: false, lock: false });
}

/** Sidebar 設定: saves the given keys (others untouched). */
export function rpcSaveSettings(settings: SettingsMap): RpcResult<SettingsMap> {
  return rpc('設定の保存', (ss) => {
    const s = Settings.open(ss);
    for (const [k, v] of Object.entries(settings)) s.set(k, String(v));
    s.flush();
    return Settings.open(ss).all();
  });
}

// ---- pamphlet ----

/** Menu 「パンフレットのひな形を作成」: creates the Docs template (once) and stores its id in 設定. */
export function createPamphletTemplate(): void {
  runFromMenu('パンフレットのひな形を作成', (ss, lang) => {
    const r = createTemplate(ss, lang);
    SpreadsheetApp.getUi().alert(t(lang, 'pamphlet.templateTitle'), r.message, SpreadsheetApp.getUi().ButtonSet.OK);
    return r.message;
  }, { scopes: PAMPHLET_SCOPES });
}

/** Menu 「パンフレットを作成」: a new dated copy of the template filled from the registry, with its PDF. */
export function generatePamphlet(): void {
  runFromMenu('パンフレットを作成', (ss, lang) => {
    const r = generate(ss, lang);
    SpreadsheetApp.getUi().alert(t(lang, 'pamphlet.generateTitle'), r.message, SpreadsheetApp.getUi().ButtonSet.OK);
    return r.message;
  }, { scopes: PAMPHLET_SCOPES });
}

/** Sidebar 「パンフレットのひな形を作成」. */
export function rpcCreatePamphletTemplate(): RpcResult<{ created: boolean; url: string; id: string; message: string }> {
  return rpc('パンフレットのひな形を作成', (ss, lang) => createTemplate(ss, lang), { scopes: PAMPHLET_SCOPES });
}

/** Sidebar pamphlet preview: included agencies in order, excluded with reasons, empty fields. Creates nothing. */
export function rpcPreviewPamphlet(): RpcResult<PamphletPreview> {
  // Sheet scope only: without the Docs grant the preview still lists agencies and names the missing permission.
  return rpc('パンフレットのプレビュー', (ss, lang) => previewPamphlet(ss, lang), { log: false, lock: false });
}

/** Sidebar 「パンフレットを作成」; `issuedOn` (yyyy-mm-dd) sets 発行日, default today. */
export function rpcGeneratePamphlet(options?: { issuedOn?: string }): RpcResult<PamphletResult> {
  return rpc('パンフレットを作成', (ss, lang) => generate(ss, lang, options ?? {}), { scopes: PAMPHLET_SCOPES });
}
