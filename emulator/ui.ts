/** Ui, menus and dialogs (SpreadsheetApp.getUi() and its kin) and the Browser service. */
import { GasObject } from './runtime';
import { HtmlOutput } from './html';

export interface MenuRecord { title: string; items: ({ caption: string; functionName: string } | { separator: true } | { subMenu: MenuRecord })[] }

export class UiState {
  menus: MenuRecord[] = [];
  alerts: { title: string; prompt: string; buttons: string }[] = [];
  sidebars: { title: string; html: string }[] = [];
  dialogs: { title: string; html: string }[] = [];
  /** Answers for the next alert() calls (default OK). */
  nextAlertAnswers: string[] = [];
  prompts: { title: string; prompt: string; buttons: string }[] = [];
  /** What the person does at the next prompt() calls (default: types nothing and clicks OK, or YES for YES_NO sets). */
  nextPromptResponses: { button?: string; text?: string }[] = [];
}

/** The answer to Ui.prompt (https://developers.google.com/apps-script/reference/base/prompt-response). */
export class PromptResponse extends GasObject {
  readonly gasType = 'PromptResponse';
  readonly gasService: string;
  constructor(private readonly button: string, private readonly text: string, service?: string) {
    super();
    this.gasService = typeof service === 'string' ? service : 'SpreadsheetApp';
  }
  getResponseText(): string { return this.text; }
  getSelectedButton(): GoogleAppsScript.Base.Button { return this.button as never; }
}

export class Menu extends GasObject implements Pick<GoogleAppsScript.Base.Menu, 'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'> {
  readonly gasService = 'SpreadsheetApp';
  readonly gasType = 'Menu';
  readonly record: MenuRecord;
  constructor(private readonly state: UiState, title: string) {
    super();
    this.record = { title, items: [] };
  }
  addItem(caption: string, functionName: string): GoogleAppsScript.Base.Menu {
    this.record.items.push({ caption, functionName });
    return this as never;
  }
  addSeparator(): GoogleAppsScript.Base.Menu {
    this.record.items.push({ separator: true });
    return this as never;
  }
  addSubMenu(menu: GoogleAppsScript.Base.Menu): GoogleAppsScript.Base.Menu {
    this.record.items.push({ subMenu: (menu as unknown as Menu).record });
    return this as never;
  }
  addToUi(): void {
    this.state.menus = this.state.menus.filter((m) => m.title !== this.record.title);
    this.state.menus.push(this.record);
  }
}

export class Ui extends GasObject implements Pick<GoogleAppsScript.Base.Ui, 'createAddonMenu' | 'createMenu' | 'alert' | 'showSidebar' | 'showModalDialog'> {
  /** The service whose getUi() returned it (SpreadsheetApp, DocumentApp, FormApp). */
  gasService = 'SpreadsheetApp';
  readonly gasType = 'Ui';
  readonly ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' } as never as GoogleAppsScript.Base.ButtonSet;
  readonly Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' } as never as GoogleAppsScript.Base.Button;
  constructor(readonly state: UiState, private readonly addonName: string) { super(); }
  createAddonMenu(): GoogleAppsScript.Base.Menu { return new Menu(this.state, this.addonName) as never; }
  createMenu(caption: string): GoogleAppsScript.Base.Menu { return new Menu(this.state, caption) as never; }
  alert(titleOrPrompt: string, promptOrButtons?: unknown, buttons?: unknown): GoogleAppsScript.Base.Button {
    const hasTitle = typeof promptOrButtons === 'string';
    this.state.alerts.push({
      title: hasTitle ? titleOrPrompt : '',
      prompt: hasTitle ? (promptOrButtons as string) : titleOrPrompt,
      buttons: String((hasTitle ? buttons : promptOrButtons) ?? 'OK'),
    });
    return (this.state.nextAlertAnswers.shift() ?? 'OK') as never;
  }
  /**
   * prompt(prompt) / prompt(prompt, buttons) / prompt(title, prompt, buttons): the button the person clicked and the
   * text typed (https://developers.google.com/apps-script/reference/base/ui#prompt(String,String,ButtonSet)); the
   * default button set is OK; closing the dialog answers CLOSE.
   */
  prompt(titleOrPrompt: string, promptOrButtons?: unknown, buttons?: unknown): PromptResponse {
    const hasTitle = typeof promptOrButtons === 'string';
    const set = String((hasTitle ? buttons : promptOrButtons) ?? 'OK');
    this.state.prompts.push({ title: hasTitle ? titleOrPrompt : '', prompt: hasTitle ? (promptOrButtons as string) : titleOrPrompt, buttons: set });
    const answer = this.state.nextPromptResponses.shift() ?? {};
    return new PromptResponse(answer.button ?? (set.startsWith('YES') ? 'YES' : 'OK'), answer.text ?? '', this.gasService);
  }
  showModelessDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.state.dialogs.push({ title, html: (userInterface as unknown as HtmlOutput).content });
  }
  showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput): void {
    const out = userInterface as unknown as HtmlOutput;
    this.state.sidebars.push({ title: out.title, html: out.content });
  }
  showModalDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.state.dialogs.push({ title, html: (userInterface as unknown as HtmlOutput).content });
  }
}

/**
 * The Browser service's dialogs (https://developers.google.com/apps-script/reference/base/browser): msgBox returns
 * "the lower case text of the button that is clicked by the user (or 'cancel' for a dismissed dialog)", inputBox
 * "the text entered by the user (or 'cancel' for a canceled or dismissed dialog)". Answers come from the same queues
 * as Ui.alert and Ui.prompt.
 */
export function createBrowser(state: UiState) {
  const Buttons = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' };
  const split = (args: unknown[]): { title: string; prompt: string; buttons: string } =>
    args.length >= 3 ? { title: String(args[0]), prompt: String(args[1]), buttons: String(args[2]) }
      : args.length === 2 ? { title: '', prompt: String(args[0]), buttons: String(args[1]) }
        : { title: '', prompt: String(args[0] ?? ''), buttons: 'OK' };
  return {
    gasService: 'Browser',
    gasType: 'Browser',
    Buttons,
    msgBox(...args: unknown[]): string {
      const d = split(args);
      state.alerts.push(d);
      return (state.nextAlertAnswers.shift() ?? (d.buttons.startsWith('YES') ? 'YES' : 'OK')).toLowerCase();
    },
    inputBox(...args: unknown[]): string {
      const d = split(args);
      state.prompts.push(d);
      const answer = state.nextPromptResponses.shift() ?? {};
      const button = answer.button ?? (d.buttons.startsWith('YES') ? 'YES' : 'OK');
      return button === 'CANCEL' || button === 'CLOSE' ? 'cancel' : answer.text ?? '';
    },
  };
}
