/**
 * The add-on's public Apps Script API. Wiring only: each function delegates to workspace/.
 * gas-webpack-plugin exposes every `export function` here as a top-level Apps Script function.
 */

/** Builds the add-on menu when the spreadsheet opens (any AuthMode). */
export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  menu.addItem('初期設定', 'setUpWorkbook').addToUi();
  void e;
}

/** Runs when the add-on is installed: builds the menu as onOpen does. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

/** Menu 「初期設定」. */
export function setUpWorkbook(): void {
  SpreadsheetApp.getActiveSpreadsheet().toast('OK');
}
