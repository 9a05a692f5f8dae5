/**
 * FormApp: forms with the item types the add-on uses, responses, prefilled links, publish state, and the
 * spreadsheet destination.
 *
 * Google behaviour relied on (see the forms issue note for sources):
 * - FormApp.create(title) makes an unpublished form (API-created forms are unpublished by default since
 *   30 June 2026, docs/ARCHITECTURE.md, "Google facts"); create(title, true) or setPublished(true) publishes it. An unpublished form
 *   accepts no responses (isAcceptingResponses is forced false while unpublished).
 * - setDestination(SPREADSHEET, id) inserts a new first sheet named "フォームの回答 N" ("Form Responses N" outside
 *   a Japanese locale) with a frozen header row: タイムスタンプ, then one column per question in form order
 *   (section headers get none). Existing responses are copied into it. Calling it again makes another sheet, and the
 *   sheet it fed before has no form any more (getFormUrl() null: a form has one destination).
 *   Questions added later get a new column at the right; renaming a question renames its header; deleting a
 *   question keeps its column.
 * - A response row holds the timestamp as a date, text as typed (Sheets' usual parsing: "0312…" becomes a
 *   number, but "=…" stays text), checkbox answers joined with ", ", scales as numbers, "other" answers as typed.
 * - Sheet.getFormUrl() of a response sheet names the form that feeds it.
 * - FormResponse.submit() from a script stores the response and fills the sheet but fires no form-submit
 *   trigger (docs/ARCHITECTURE.md, "Google facts"); participants' submissions (FormStore.submitAsParticipant) do, see triggers.ts.
 */
import { GasException, GasObject, Runtime } from './runtime';
import { Sheet, Spreadsheet, SpreadsheetStore, parseUserEntered } from './spreadsheet';
import { User } from './services';
import { GOOGLE_SCOPES } from '../src/server/scopes';

type GForm = GoogleAppsScript.Forms.Form;
type GItem = GoogleAppsScript.Forms.Item;
type GChoice = GoogleAppsScript.Forms.Choice;
type GItemResponse = GoogleAppsScript.Forms.ItemResponse;
type GFormResponse = GoogleAppsScript.Forms.FormResponse;

export const FORMS_SCOPE = GOOGLE_SCOPES.forms;

export type ItemTypeName = 'TEXT' | 'PARAGRAPH_TEXT' | 'MULTIPLE_CHOICE' | 'LIST' | 'CHECKBOX' | 'SCALE' | 'SECTION_HEADER';
const QUESTION_TYPES: ReadonlySet<ItemTypeName> = new Set(['TEXT', 'PARAGRAPH_TEXT', 'MULTIPLE_CHOICE', 'LIST', 'CHECKBOX', 'SCALE']);

export type Answer = string | string[] | number;

export interface ItemModel {
  id: number;
  type: ItemTypeName;
  title: string;
  helpText: string;
  required: boolean;
  choices: string[];
  hasOther: boolean;
  lowerBound: number;
  upperBound: number;
  leftLabel: string;
  rightLabel: string;
  validation: TextValidation | null;
}

export interface ResponseModel {
  id: string;
  timestamp: Date;
  answers: Map<number, Answer>;
}

export class FormModel {
  title: string;
  description = '';
  confirmationMessage = '';
  published: boolean;
  acceptingResponses = true;
  collectEmail = false;
  allowResponseEdits = false;
  destination: { spreadsheetId: string; sheetId: number; columns: Map<number, number> } | null = null;
  readonly items: ItemModel[] = [];
  readonly responses: ResponseModel[] = [];
  /**
   * Who may open the form (and so read its response store): its owner — the user who created it — and the editors
   * added since. Anyone else gets Google's "No item with the given ID could be found, or you do not have permission
   * to access it." (the wording FormApp.openById gives for a form it cannot reach).
   */
  readonly owner: string;
  readonly editors = new Set<string>();
  constructor(readonly store: FormStore, readonly id: string, readonly publishedKey: string, title: string, published: boolean) {
    this.title = title;
    this.published = published;
    this.owner = store.runtime.user.email;
  }
  canOpen(email: string): boolean { return email === this.owner || this.editors.has(email); }

  get editUrl(): string { return `https://docs.google.com/forms/d/${this.id}/edit`; }
  get publishedUrl(): string { return `https://docs.google.com/forms/d/e/${this.publishedKey}/viewform`; }
  get questions(): ItemModel[] { return this.items.filter((i) => QUESTION_TYPES.has(i.type)); }

  destinationSheet(): Sheet | null {
    if (!this.destination) return null;
    const ss = this.store.spreadsheets.spreadsheets.get(this.destination.spreadsheetId);
    return ss?.sheets.find((s) => s.sheetId === this.destination!.sheetId) ?? null;
  }

  /** Keeps the response sheet's header in step with the questions (new column per new question, renames). */
  syncDestinationHeader(): void {
    const sheet = this.destinationSheet();
    if (!sheet || !this.destination) return;
    const columns = this.destination.columns;
    for (const q of this.questions) {
      let col = columns.get(q.id);
      if (col === undefined) {
        col = Math.max(1, ...columns.values()) + 1;
        columns.set(q.id, col);
        if (col > sheet.maxColumns) sheet.maxColumns = col;
      }
      sheet.cellForWrite(1, col).value = q.title;
    }
  }

  /** Appends a response row to the destination sheet as Google does; returns the row number. */
  writeResponseRow(response: ResponseModel): number | null {
    const sheet = this.destinationSheet();
    if (!sheet || !this.destination) return null;
    this.syncDestinationHeader();
    const row = sheet.getLastRow() + 1;
    if (row > sheet.maxRows) sheet.maxRows = row;
    const ts = sheet.cellForWrite(row, 1);
    ts.value = new Date(response.timestamp.getTime());
    ts.numberFormat = 'yyyy/mm/dd h:mm:ss';
    const tz = sheet.spreadsheet.timeZone;
    for (const [itemId, col] of this.destination.columns) {
      const answer = response.answers.get(itemId);
      if (answer === undefined) continue;
      const cell = sheet.cellForWrite(row, col);
      if (typeof answer === 'number') cell.value = answer;
      else if (Array.isArray(answer)) cell.value = answer.join(', ');
      else if (answer.startsWith('=') || answer.startsWith("'")) cell.value = answer;
      else cell.value = parseUserEntered(answer, tz, sheet.spreadsheet.locale, this.store.runtime.now()).value;
    }
    return row;
  }
}

export class FormStore {
  readonly forms = new Map<string, FormModel>();
  /** The form a script is bound to (FormApp.getActiveForm); null for a script bound elsewhere. */
  activeId: string | null = null;
  private seq = 0;
  private responseSeq = 0;
  private itemSeq = 100000000;
  constructor(readonly runtime: Runtime, readonly spreadsheets: SpreadsheetStore) {}

  create(title: string, published: boolean): FormModel {
    const n = ++this.seq;
    const id = `1FormEmu${String(n).padStart(4, '0')}${'x'.repeat(32)}`.slice(0, 44);
    const key = `1FAIpQLSemu${String(n).padStart(4, '0')}${'q'.repeat(40)}`.slice(0, 56);
    const form = new FormModel(this, id, key, title, published);
    this.forms.set(id, form);
    return form;
  }

  get(id: string): FormModel {
    const f = this.forms.get(id);
    if (!f) throw new GasException(`No item with the given ID could be found, or you do not have permission to access it.`);
    return f;
  }

  nextItemId(): number { return (this.itemSeq += 7919 * 13); }
  nextResponseId(): string { return `2_ABaOnuemu${String(++this.responseSeq).padStart(6, '0')}`; }

  /** The form whose destination is this sheet, if any. */
  formForSheet(sheet: Sheet): FormModel | null {
    for (const f of this.forms.values()) {
      if (f.destination && f.destination.spreadsheetId === sheet.spreadsheet.id && f.destination.sheetId === sheet.sheetId) return f;
    }
    return null;
  }

  /**
   * The answers a prefilled link opens the form with (what a participant sees before changing anything), by question
   * title: `entry.<id>=<value>` pairs on the form's published address, repeated for each ticked checkbox, `+` or `%20`
   * for a space (https://developers.google.com/apps-script/reference/forms/form-response#toPrefilledUrl()). An entry
   * the form does not have is ignored, as the form page ignores it. Throws for a link that is not to one of its forms.
   */
  answersFromPrefilledUrl(url: string): { formId: string; answers: Record<string, Answer> } {
    const m = /\/forms\/d\/e\/([^/?#]+)\/viewform\?(.*)$/.exec(url);
    const form = m ? [...this.forms.values()].find((f) => f.publishedKey === m[1]) : undefined;
    if (!m || !form) throw new Error(`not a prefilled link of an emulated form: ${url}`);
    const answers: Record<string, Answer> = {};
    for (const [name, value] of new URLSearchParams(m[2])) {
      const item = form.items.find((i) => `entry.${i.id}` === name);
      if (!item) continue;
      if (item.type === 'CHECKBOX') answers[item.title] = [...((answers[item.title] as string[] | undefined) ?? []), value];
      else answers[item.title] = value;
    }
    return { formId: form.id, answers };
  }

  /**
   * What a participant's browser does: validates the answers as the form UI would (required questions,
   * choices, scale bounds, email validation), stores the response and appends the response row.
   * Fires no trigger by itself: triggers.ts does that.
   */
  submitAsParticipant(formId: string, answers: Record<string, Answer>): { form: FormModel; response: ResponseModel; row: number | null } {
    const form = this.get(formId);
    if (!form.published || !form.acceptingResponses) {
      throw new Error(`フォーム「${form.title}」は回答を受け付けていません (${form.published ? 'not accepting responses' : 'unpublished'})`);
    }
    const byTitle = new Map(form.questions.map((q) => [q.title, q]));
    for (const title of Object.keys(answers)) {
      if (!byTitle.has(title)) throw new Error(`フォーム「${form.title}」に質問「${title}」はありません`);
    }
    const stored = new Map<number, Answer>();
    for (const q of form.questions) {
      const raw = answers[q.title];
      const blank = raw === undefined || raw === '' || (Array.isArray(raw) && raw.length === 0);
      if (blank) {
        if (q.required) throw new SubmissionRefused(q.title, '必須の質問です', `「${q.title}」は必須の質問です`);
        continue;
      }
      stored.set(q.id, validateAnswer(q, raw!));
    }
    const response: ResponseModel = { id: this.nextResponseId(), timestamp: this.runtime.now(), answers: stored };
    form.responses.push(response);
    const row = form.writeResponseRow(response);
    return { form, response, row };
  }
}

/** The form refused an answer, as the form page shows it under one question: which question, and why. */
export class SubmissionRefused extends Error {
  constructor(readonly question: string, readonly reason: string, message: string) {
    super(message);
    this.name = 'SubmissionRefused';
  }
}

function validateAnswer(q: ItemModel, raw: Answer): Answer {
  const fail = (why: string) => { throw new SubmissionRefused(q.title, `回答が無効です: ${why}`, `「${q.title}」の回答が無効です: ${why}`); };
  switch (q.type) {
    case 'SCALE': {
      const n = typeof raw === 'number' ? raw : Number(raw);
      if (!Number.isInteger(n) || n < q.lowerBound || n > q.upperBound) fail(`${q.lowerBound}〜${q.upperBound} の整数ではありません`);
      return n;
    }
    case 'CHECKBOX': {
      const values = Array.isArray(raw) ? raw : [String(raw)];
      const others = values.filter((v) => !q.choices.includes(v));
      if (others.length > (q.hasOther ? 1 : 0)) fail(`選択肢にない値 ${others.join(', ')}`);
      return values;
    }
    case 'MULTIPLE_CHOICE':
    case 'LIST': {
      const v = String(raw);
      if (!q.choices.includes(v) && !(q.type === 'MULTIPLE_CHOICE' && q.hasOther)) fail(`選択肢にない値 ${v}`);
      return v;
    }
    default: {
      const v = Array.isArray(raw) ? raw.join(', ') : String(raw);
      if (q.validation?.kind === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) fail(q.validation.helpText || 'メールアドレスの形式ではありません');
      return v;
    }
  }
}

// ---------- Form ----------

export class Form extends GasObject implements Pick<GForm,
  'getId' | 'getTitle' | 'setTitle' | 'getDescription' | 'setDescription' | 'getConfirmationMessage' | 'setConfirmationMessage' |
  'setDestination' | 'getDestinationId' | 'getDestinationType' | 'removeDestination' | 'getPublishedUrl' | 'getEditUrl' | 'getSummaryUrl' |
  'isAcceptingResponses' | 'setAcceptingResponses' | 'collectsEmail' | 'setCollectEmail' | 'setAllowResponseEdits' | 'canEditResponse' |
  'addTextItem' | 'addParagraphTextItem' | 'addMultipleChoiceItem' | 'addListItem' | 'addCheckboxItem' | 'addScaleItem' | 'addSectionHeaderItem' |
  'getItems' | 'getItemById' | 'deleteItem' | 'getResponses' | 'getResponse' | 'createResponse' | 'deleteAllResponses' | 'deleteResponse' |
  'addEditor' | 'addEditors' | 'getEditors' | 'removeEditor'> {
  readonly gasService = 'FormApp';
  readonly gasType = 'Form';
  constructor(readonly model: FormModel) { super(); }

  getId(): string { return this.model.id; }
  getTitle(): string { return this.model.title; }
  setTitle(title: string): GForm { this.model.title = String(title); return this as never; }
  getDescription(): string { return this.model.description; }
  setDescription(description: string): GForm { this.model.description = String(description); return this as never; }
  getConfirmationMessage(): string { return this.model.confirmationMessage; }
  setConfirmationMessage(message: string): GForm { this.model.confirmationMessage = String(message); return this as never; }
  getEditUrl(): string { return this.model.editUrl; }
  getPublishedUrl(): string { return this.model.publishedUrl; }
  getSummaryUrl(): string { return `https://docs.google.com/forms/d/${this.model.id}/viewanalytics`; }
  collectsEmail(): boolean { return this.model.collectEmail; }
  setCollectEmail(collect: boolean): GForm { this.model.collectEmail = !!collect; return this as never; }
  setAllowResponseEdits(enabled: boolean): GForm { this.model.allowResponseEdits = !!enabled; return this as never; }
  canEditResponse(): boolean { return this.model.allowResponseEdits; }

  /** Forms' publish state (2025+ Apps Script API; not yet in @types/google-apps-script). */
  setPublished(enabled: boolean): GForm {
    this.model.published = !!enabled;
    return this as never;
  }
  isPublished(): boolean { return this.model.published; }
  isAcceptingResponses(): boolean { return this.model.published && this.model.acceptingResponses; }
  setAcceptingResponses(enabled: boolean): GForm {
    if (enabled && !this.model.published) throw new GasException('The form must be published to accept responses.');
    this.model.acceptingResponses = !!enabled;
    return this as never;
  }

  setDestination(type: GoogleAppsScript.Forms.DestinationType, id: string): GForm {
    if (String(type) !== 'SPREADSHEET') throw new GasException('Invalid argument: type');
    const ss = this.model.store.spreadsheets.spreadsheets.get(String(id));
    if (!ss) throw new GasException('No item with the given ID could be found, or you do not have permission to access it.');
    // A form has one response destination (getDestinationId: "the ID of the response destination"): the sheet it fed
    // before has no associated form any more, so its getFormUrl() is null, as after removeDestination.
    const previous = this.model.destinationSheet();
    if (previous) previous.formUrl = null;
    const sheet = insertResponseSheet(ss, this.model);
    const columns = new Map<number, number>();
    this.model.questions.forEach((q, i) => columns.set(q.id, i + 2));
    this.model.destination = { spreadsheetId: ss.id, sheetId: sheet.sheetId, columns };
    sheet.cellForWrite(1, 1).value = ss.locale.startsWith('ja') ? 'タイムスタンプ' : 'Timestamp';
    this.model.syncDestinationHeader();
    sheet.frozenRows = 1;
    for (const r of this.model.responses) this.model.writeResponseRow(r);
    return this as never;
  }
  getDestinationId(): string { return (this.model.destination?.spreadsheetId ?? null) as never; }
  getDestinationType(): GoogleAppsScript.Forms.DestinationType { return (this.model.destination ? 'SPREADSHEET' : null) as never; }
  removeDestination(): GForm {
    const sheet = this.model.destinationSheet();
    if (sheet) sheet.formUrl = null;
    this.model.destination = null;
    return this as never;
  }

  addTextItem(): GoogleAppsScript.Forms.TextItem { return new TextItem(this.model, this.add('TEXT')) as never; }
  addParagraphTextItem(): GoogleAppsScript.Forms.ParagraphTextItem { return new ParagraphTextItem(this.model, this.add('PARAGRAPH_TEXT')) as never; }
  addMultipleChoiceItem(): GoogleAppsScript.Forms.MultipleChoiceItem { return new MultipleChoiceItem(this.model, this.add('MULTIPLE_CHOICE')) as never; }
  addListItem(): GoogleAppsScript.Forms.ListItem { return new ListItem(this.model, this.add('LIST')) as never; }
  addCheckboxItem(): GoogleAppsScript.Forms.CheckboxItem { return new CheckboxItem(this.model, this.add('CHECKBOX')) as never; }
  addScaleItem(): GoogleAppsScript.Forms.ScaleItem { return new ScaleItem(this.model, this.add('SCALE')) as never; }
  addSectionHeaderItem(): GoogleAppsScript.Forms.SectionHeaderItem { return new SectionHeaderItem(this.model, this.add('SECTION_HEADER')) as never; }

  private add(type: ItemTypeName): ItemModel {
    const model: ItemModel = {
      id: this.model.store.nextItemId(), type, title: '', helpText: '', required: false, choices: [], hasOther: false,
      lowerBound: 1, upperBound: 5, leftLabel: '', rightLabel: '', validation: null,
    };
    this.model.items.push(model);
    this.model.syncDestinationHeader();
    return model;
  }

  getItems(itemType?: GoogleAppsScript.Forms.ItemType): GItem[] {
    return this.model.items.filter((i) => itemType === undefined || i.type === String(itemType)).map((i) => new Item(this.model, i)) as never;
  }
  getItemById(id: number): GItem {
    const i = this.model.items.find((x) => x.id === id);
    return (i ? new Item(this.model, i) : null) as never;
  }
  deleteItem(indexOrItem: number | GItem): void {
    const index = typeof indexOrItem === 'number' ? indexOrItem : this.model.items.findIndex((i) => i.id === (indexOrItem as unknown as Item).model.id);
    if (index < 0 || index >= this.model.items.length) throw new GasException('Invalid argument: index');
    this.model.items.splice(index, 1);
  }

  getResponses(timestamp?: GoogleAppsScript.Base.Date): GFormResponse[] {
    const since = timestamp ? (timestamp as unknown as Date).getTime() : null;
    return this.model.responses
      .filter((r) => since === null || r.timestamp.getTime() >= since)
      .map((r) => new FormResponse(this.model, r, true)) as never;
  }
  getResponse(responseId: string): GFormResponse {
    const r = this.model.responses.find((x) => x.id === responseId);
    if (!r) throw new GasException('No response with ID ' + responseId + ' exists for this form.');
    return new FormResponse(this.model, r, true) as never;
  }
  createResponse(): GFormResponse {
    return new FormResponse(this.model, { id: '', timestamp: new Date(0), answers: new Map() }, false) as never;
  }
  deleteAllResponses(): GForm { this.model.responses.length = 0; return this as never; }
  /**
   * "Deletes a single response from the form's response store. This method does not delete copies of responses
   * stored in an external response destination (like a spreadsheet)"
   * (https://developers.google.com/apps-script/reference/forms/form#deleteResponse(String)): the sheet row stays.
   */
  deleteResponse(responseId: string): GForm {
    const i = this.model.responses.findIndex((r) => r.id === String(responseId));
    if (i < 0) throw new GasException('No response with ID ' + responseId + ' exists for this form.');
    this.model.responses.splice(i, 1);
    return this as never;
  }
  /** Editors (https://developers.google.com/apps-script/reference/forms/form#addEditor(String)): they can open the form and read its responses. */
  addEditor(emailOrUser: string | GoogleAppsScript.Base.User): GForm {
    const email = typeof emailOrUser === 'string' ? emailOrUser : emailOrUser.getEmail();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(email))) throw new GasException(`Invalid email: ${email}`);
    if (email !== this.model.owner) this.model.editors.add(String(email));
    return this as never;
  }
  addEditors(emails: string[]): GForm { for (const e of emails) this.addEditor(e); return this as never; }
  /** The owner and the editors (the reference: "the list of editors for this Form"; the owner is listed, assumed). */
  getEditors(): GoogleAppsScript.Base.User[] { return [this.model.owner, ...this.model.editors].map((e) => new User(e)) as never; }
  removeEditor(emailOrUser: string | GoogleAppsScript.Base.User): GForm {
    const email = typeof emailOrUser === 'string' ? emailOrUser : emailOrUser.getEmail();
    this.model.editors.delete(String(email));
    return this as never;
  }
}

function insertResponseSheet(ss: Spreadsheet, form: FormModel): Sheet {
  const prefix = ss.locale.startsWith('ja') ? 'フォームの回答' : 'Form Responses';
  let n = 1;
  while (ss.sheets.some((s) => s.name === `${prefix} ${n}`)) n++;
  const sheet = ss.insertSheet(`${prefix} ${n}`, 0) as unknown as Sheet;
  sheet.formUrl = `https://docs.google.com/forms/d/${form.id}/viewform`;
  return sheet;
}

// ---------- Items ----------

const TYPE_CLASS: Record<ItemTypeName, string> = {
  TEXT: 'TextItem', PARAGRAPH_TEXT: 'ParagraphTextItem', MULTIPLE_CHOICE: 'MultipleChoiceItem', LIST: 'ListItem',
  CHECKBOX: 'CheckboxItem', SCALE: 'ScaleItem', SECTION_HEADER: 'SectionHeaderItem',
};

abstract class ItemBase extends GasObject {
  readonly gasService = 'FormApp';
  constructor(readonly form: FormModel, readonly model: ItemModel) { super(); }
  getId(): number { return this.model.id; }
  getIndex(): number { return this.form.items.indexOf(this.model); }
  getTitle(): string { return this.model.title; }
  getType(): GoogleAppsScript.Forms.ItemType { return this.model.type as never; }
  getHelpText(): string { return this.model.helpText; }
  setTitle(title: string): never { this.model.title = String(title); this.form.syncDestinationHeader(); return this as never; }
  setHelpText(text: string): never { this.model.helpText = String(text); return this as never; }
  isRequired(): boolean { return this.model.required; }
  setRequired(enabled: boolean): never { this.model.required = !!enabled; return this as never; }
}

/** The generic Item handed out by getItems(); asXxxItem() casts, failing as Google does on a wrong type. */
export class Item extends ItemBase implements Pick<GItem, 'getId' | 'getIndex' | 'getTitle' | 'getType' | 'getHelpText' | 'setTitle' | 'setHelpText' |
  'asTextItem' | 'asParagraphTextItem' | 'asMultipleChoiceItem' | 'asListItem' | 'asCheckboxItem' | 'asScaleItem' | 'asSectionHeaderItem'> {
  readonly gasType = 'Item';
  private as<T>(type: ItemTypeName, make: () => T): T {
    if (this.model.type !== type) throw new GasException(`Item ${this.model.id} is not a ${TYPE_CLASS[type]}. Its type is ${this.model.type}.`);
    return make();
  }
  asTextItem(): GoogleAppsScript.Forms.TextItem { return this.as('TEXT', () => new TextItem(this.form, this.model)) as never; }
  asParagraphTextItem(): GoogleAppsScript.Forms.ParagraphTextItem { return this.as('PARAGRAPH_TEXT', () => new ParagraphTextItem(this.form, this.model)) as never; }
  asMultipleChoiceItem(): GoogleAppsScript.Forms.MultipleChoiceItem { return this.as('MULTIPLE_CHOICE', () => new MultipleChoiceItem(this.form, this.model)) as never; }
  asListItem(): GoogleAppsScript.Forms.ListItem { return this.as('LIST', () => new ListItem(this.form, this.model)) as never; }
  asCheckboxItem(): GoogleAppsScript.Forms.CheckboxItem { return this.as('CHECKBOX', () => new CheckboxItem(this.form, this.model)) as never; }
  asScaleItem(): GoogleAppsScript.Forms.ScaleItem { return this.as('SCALE', () => new ScaleItem(this.form, this.model)) as never; }
  asSectionHeaderItem(): GoogleAppsScript.Forms.SectionHeaderItem { return this.as('SECTION_HEADER', () => new SectionHeaderItem(this.form, this.model)) as never; }
}

export class TextItem extends ItemBase implements Pick<GoogleAppsScript.Forms.TextItem,
  'getId' | 'getTitle' | 'setTitle' | 'getType' | 'isRequired' | 'setRequired' | 'setHelpText' | 'getHelpText' | 'createResponse' | 'setValidation' | 'clearValidation'> {
  readonly gasType = 'TextItem';
  createResponse(response: string): GItemResponse { return new ItemResponse(this.form, this.model, String(response)) as never; }
  setValidation(validation: GoogleAppsScript.Forms.TextValidation): GoogleAppsScript.Forms.TextItem {
    this.model.validation = validation as unknown as TextValidation;
    return this as never;
  }
  clearValidation(): GoogleAppsScript.Forms.TextItem { this.model.validation = null; return this as never; }
}

export class ParagraphTextItem extends ItemBase implements Pick<GoogleAppsScript.Forms.ParagraphTextItem,
  'getId' | 'getTitle' | 'setTitle' | 'getType' | 'isRequired' | 'setRequired' | 'setHelpText' | 'getHelpText' | 'createResponse'> {
  readonly gasType = 'ParagraphTextItem';
  createResponse(response: string): GItemResponse { return new ItemResponse(this.form, this.model, String(response)) as never; }
}

abstract class ChoiceItemBase extends ItemBase {
  createChoice(value: string): GChoice { return new Choice(String(value)) as never; }
  getChoices(): GChoice[] { return this.model.choices.map((v) => new Choice(v)) as never; }
  setChoiceValues(values: string[]): never {
    if (!Array.isArray(values) || values.length === 0) throw new GasException('Invalid data updating form.');
    this.model.choices = values.map(String);
    return this as never;
  }
  setChoices(choices: GChoice[]): never {
    if (!Array.isArray(choices) || choices.length === 0) throw new GasException('Invalid data updating form.');
    this.model.choices = choices.map((c) => c.getValue());
    return this as never;
  }
}

/** Multiple choice and checkbox items may offer 「その他」 besides their choices. */
abstract class ChoiceWithOtherBase extends ChoiceItemBase {
  showOtherOption(enabled: boolean): never { this.model.hasOther = !!enabled; return this as never; }
  hasOtherOption(): boolean { return this.model.hasOther; }
}

export class MultipleChoiceItem extends ChoiceWithOtherBase implements Pick<GoogleAppsScript.Forms.MultipleChoiceItem,
  'getId' | 'getTitle' | 'setTitle' | 'getType' | 'isRequired' | 'setRequired' | 'setHelpText' | 'getHelpText' | 'createChoice' | 'getChoices' |
  'setChoiceValues' | 'setChoices' | 'showOtherOption' | 'hasOtherOption' | 'createResponse'> {
  readonly gasType = 'MultipleChoiceItem';
  createResponse(response: string): GItemResponse { return new ItemResponse(this.form, this.model, String(response)) as never; }
}

export class ListItem extends ChoiceItemBase implements Pick<GoogleAppsScript.Forms.ListItem,
  'getId' | 'getTitle' | 'setTitle' | 'getType' | 'isRequired' | 'setRequired' | 'setHelpText' | 'getHelpText' | 'createChoice' | 'getChoices' |
  'setChoiceValues' | 'setChoices' | 'createResponse'> {
  readonly gasType = 'ListItem';
  createResponse(response: string): GItemResponse {
    if (!this.model.choices.includes(String(response))) throw new GasException(`Invalid response submitted to item: ${this.model.title}`);
    return new ItemResponse(this.form, this.model, String(response)) as never;
  }
}

export class CheckboxItem extends ChoiceWithOtherBase implements Pick<GoogleAppsScript.Forms.CheckboxItem,
  'getId' | 'getTitle' | 'setTitle' | 'getType' | 'isRequired' | 'setRequired' | 'setHelpText' | 'getHelpText' | 'createChoice' | 'getChoices' |
  'setChoiceValues' | 'setChoices' | 'showOtherOption' | 'hasOtherOption' | 'createResponse'> {
  readonly gasType = 'CheckboxItem';
  createResponse(responses: string[]): GItemResponse { return new ItemResponse(this.form, this.model, [...responses].map(String)) as never; }
}

export class ScaleItem extends ItemBase implements Pick<GoogleAppsScript.Forms.ScaleItem,
  'getId' | 'getTitle' | 'setTitle' | 'getType' | 'isRequired' | 'setRequired' | 'setHelpText' | 'getHelpText' | 'setBounds' | 'getLowerBound' |
  'getUpperBound' | 'setLabels' | 'getLeftLabel' | 'getRightLabel' | 'createResponse'> {
  readonly gasType = 'ScaleItem';
  setBounds(lower: number, upper: number): GoogleAppsScript.Forms.ScaleItem {
    // The Forms editor offers a lower bound of 0 or 1 and an upper bound of 2 to 10.
    if (![0, 1].includes(lower) || !Number.isInteger(upper) || upper < 2 || upper > 10) throw new GasException('Invalid data updating form.');
    this.model.lowerBound = lower;
    this.model.upperBound = upper;
    return this as never;
  }
  getLowerBound(): number { return this.model.lowerBound; }
  getUpperBound(): number { return this.model.upperBound; }
  setLabels(lower: string, upper: string): GoogleAppsScript.Forms.ScaleItem {
    this.model.leftLabel = String(lower);
    this.model.rightLabel = String(upper);
    return this as never;
  }
  getLeftLabel(): string { return this.model.leftLabel; }
  getRightLabel(): string { return this.model.rightLabel; }
  createResponse(response: number): GItemResponse {
    if (!Number.isInteger(response) || response < this.model.lowerBound || response > this.model.upperBound) {
      throw new GasException(`Invalid response submitted to item: ${this.model.title}`);
    }
    return new ItemResponse(this.form, this.model, response) as never;
  }
}

export class SectionHeaderItem extends ItemBase implements Pick<GoogleAppsScript.Forms.SectionHeaderItem,
  'getId' | 'getTitle' | 'setTitle' | 'getType' | 'setHelpText' | 'getHelpText'> {
  readonly gasType = 'SectionHeaderItem';
}

export class Choice extends GasObject implements Pick<GChoice, 'getValue' | 'isCorrectAnswer'> {
  readonly gasService = 'FormApp';
  readonly gasType = 'Choice';
  constructor(readonly value: string) { super(); }
  getValue(): string { return this.value; }
  isCorrectAnswer(): boolean { return false; }
}

export class TextValidation extends GasObject {
  readonly gasService = 'FormApp';
  readonly gasType = 'TextValidation';
  constructor(readonly kind: 'email', readonly helpText: string) { super(); }
}

export class TextValidationBuilder extends GasObject implements Pick<GoogleAppsScript.Forms.TextValidationBuilder, 'requireTextIsEmail' | 'setHelpText' | 'build'> {
  readonly gasService = 'FormApp';
  readonly gasType = 'TextValidationBuilder';
  private kind: 'email' | null = null;
  private helpText = '';
  requireTextIsEmail(): GoogleAppsScript.Forms.TextValidationBuilder { this.kind = 'email'; return this as never; }
  setHelpText(text: string): GoogleAppsScript.Forms.TextValidationBuilder { this.helpText = String(text); return this as never; }
  build(): GoogleAppsScript.Forms.TextValidation {
    if (!this.kind) throw new GasException('A validation rule must be set before building.');
    return new TextValidation(this.kind, this.helpText) as never;
  }
}

// ---------- Responses ----------

export class ItemResponse extends GasObject implements Pick<GItemResponse, 'getItem' | 'getResponse'> {
  readonly gasService = 'FormApp';
  readonly gasType = 'ItemResponse';
  constructor(readonly form: FormModel, readonly item: ItemModel, readonly answer: Answer) { super(); }
  getItem(): GItem { return new Item(this.form, this.item) as never; }
  /** Google returns strings for every type except checkboxes (string[]); a scale answer is "4". */
  getResponse(): string[] | string { return typeof this.answer === 'number' ? String(this.answer) : Array.isArray(this.answer) ? [...this.answer] : this.answer; }
}

export class FormResponse extends GasObject implements Pick<GFormResponse,
  'getId' | 'getTimestamp' | 'getItemResponses' | 'getResponseForItem' | 'withItemResponse' | 'toPrefilledUrl' | 'submit' | 'getRespondentEmail'> {
  readonly gasService = 'FormApp';
  readonly gasType = 'FormResponse';
  constructor(readonly form: FormModel, readonly model: ResponseModel, private submitted: boolean) { super(); }
  getId(): string { return (this.submitted ? this.model.id : null) as never; }
  getTimestamp(): GoogleAppsScript.Base.Date { return (this.submitted ? new Date(this.model.timestamp.getTime()) : null) as never; }
  getRespondentEmail(): string { return ''; }
  getItemResponses(): GItemResponse[] {
    return this.form.items
      .filter((i) => this.model.answers.has(i.id))
      .map((i) => new ItemResponse(this.form, i, this.model.answers.get(i.id)!)) as never;
  }
  getResponseForItem(item: GItem): GItemResponse {
    const id = item.getId();
    const model = this.form.items.find((i) => i.id === id);
    const answer = this.model.answers.get(id);
    return (model && answer !== undefined ? new ItemResponse(this.form, model, answer) : null) as never;
  }
  withItemResponse(response: GItemResponse): GFormResponse {
    if (this.submitted) throw new GasException('This response has already been submitted.');
    const r = response as unknown as ItemResponse;
    this.model.answers.set(r.item.id, r.answer);
    return this as never;
  }
  toPrefilledUrl(): string {
    const params = ['usp=pp_url'];
    for (const item of this.form.items) {
      const answer = this.model.answers.get(item.id);
      if (answer === undefined) continue;
      const values = Array.isArray(answer) ? answer : [String(answer)];
      for (const v of values) {
        const isOther = item.hasOther && !item.choices.includes(v) && (item.type === 'MULTIPLE_CHOICE' || item.type === 'CHECKBOX');
        if (isOther) {
          params.push(`entry.${item.id}=__other_option__`, `entry.${item.id}.other_option_response=${encodeURIComponent(v)}`);
        } else {
          params.push(`entry.${item.id}=${encodeURIComponent(v)}`);
        }
      }
    }
    return `${this.form.publishedUrl}?${params.join('&')}`;
  }
  /** A script submission: stored and written to the destination, but no form-submit trigger fires. */
  submit(): GFormResponse {
    if (this.submitted) throw new GasException('This response has already been submitted.');
    this.model.id = this.form.store.nextResponseId();
    this.model.timestamp = this.form.store.runtime.now();
    this.form.responses.push(this.model);
    this.form.writeResponseRow(this.model);
    this.submitted = true;
    return this as never;
  }
}

// ---------- FormApp ----------

export function createFormApp(store: FormStore, runtime: Runtime, ui: () => unknown = () => { throw new GasException('Cannot call FormApp.getUi() from this context.'); }) {
  return {
    gasService: 'FormApp',
    gasType: 'FormApp',
    DestinationType: { SPREADSHEET: 'SPREADSHEET' },
    ItemType: Object.fromEntries(['CHECKBOX', 'CHECKBOX_GRID', 'DATE', 'DATETIME', 'DURATION', 'GRID', 'IMAGE', 'LIST', 'MULTIPLE_CHOICE', 'PAGE_BREAK',
      'PARAGRAPH_TEXT', 'SCALE', 'SECTION_HEADER', 'TEXT', 'TIME', 'VIDEO', 'FILE_UPLOAD'].map((t) => [t, t])),
    create(title: string, isPublished?: boolean): Form {
      if (title === null || title === undefined || String(title) === '') throw new GasException('Invalid argument: title');
      return new Form(store.create(String(title), isPublished === true));
    },
    openById(id: string): Form {
      const model = store.get(String(id));
      if (!model.canOpen(runtime.user.email)) throw new GasException('No item with the given ID could be found, or you do not have permission to access it.');
      return new Form(model);
    },
    openByUrl(url: string): Form {
      // Either the edit URL (/forms/d/<id>/…) or the published one (/forms/d/e/<key>/viewform).
      const m = /\/forms\/d\/(?:e\/)?([^/?#]+)/.exec(String(url));
      const form = m ? [...store.forms.values()].find((f) => f.id === m[1] || f.publishedKey === m[1]) : undefined;
      if (!form) throw new GasException('No item with the given ID could be found, or you do not have permission to access it.');
      return new Form(form);
    },
    createTextValidation(): TextValidationBuilder { return new TextValidationBuilder(); },
    /** The form the script is bound to, or null (https://developers.google.com/apps-script/reference/forms/form-app#getActiveForm()). */
    getActiveForm(): Form | null {
      return store.activeId ? new Form(store.get(store.activeId)) : null;
    },
    getUi(): unknown { return ui(); },
  };
}
