/**
 * 「フォームを作成」: an event's registration and survey forms, published, pointed at this spreadsheet, and their
 * ids, links and response sheets written back to the 行事 row. Re-running finds the forms by the ids in the row
 * and updates them (e.g. new member agencies in the 所属 choices); it never makes a second form or a second
 * response sheet. Calls grow with the number of questions, not with rows.
 *
 * An editor add-on cannot put a trigger on the forms it creates, so responses come back through one installable
 * spreadsheet form-submit trigger (docs/ARCHITECTURE.md, "Google facts"), installed here once.
 */
import { localParts } from '../../domain/dates';
import { CoordinatorNote, noteCoordinator } from '../coordinator';
import { CATCH_UP_HANDLER } from './catchUp';
import type { EventFormsResult, FormInfo } from '../../../protocol';
import { EventRecord, FormPurpose, formTitle, isWorkshop } from '../../domain/events';
import { QuestionSpec, REGISTRATION_CONFIRMATION, SURVEY_CONFIRMATION, registrationQuestions } from '../../domain/registration';
import { surveyQuestionsFor } from '../../domain/survey-questions';
import { AppliedForm, fingerprint, parseApplied, planQuestions, questionKey } from '../../domain/form-sync';
import { UserFacingError, isTransientFailure, errorText } from '../errors';
import { readAgencies, readEvents } from '../records';
import { CHECK_IN_CONFIRMATION, CHECK_IN_LEAD } from '../../domain/checkin';
import { checkEventTable, eventProblemLines } from './eventCheck';
import { readSurveyQuestions } from './surveys';
import { SCOPES } from '../../scopes';
import { Lang, t } from '../../i18n/messages';
import { EVENTS } from '../../domain/schema';
import { accommodationFormUrl } from './accommodation';
import { documentProperties } from '../settings';
import { ROUND_ANSWER_SHEET, ROUND_CONFIRMATION, ROUND_LEAD } from '../../domain/agency-round';

export const FORM_SUBMIT_HANDLER = 'onFormSubmitHandler';
export const FORMS_SCOPES = [SCOPES.sheets, SCOPES.forms, SCOPES.triggers] as const;

type Form = GoogleAppsScript.Forms.Form;
/** What upsertForm needs of Document Properties: the store itself, or a copy read once under the lock (consultations.ts). */
export type PropsLike = { getProperty(key: string): string | null; setProperty(key: string, value: string): unknown };

/** Creates or updates both forms of the event with this id. */
export function createEventForms(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, eventId: string, lang: Lang = 'ja'): EventFormsResult {
  const { table, events, rowNumbers } = readEvents(ss);
  const index = events.findIndex((e) => e.id === eventId.trim());
  if (index < 0) throw new UserFacingError('forms.unknownEvent', { id: eventId });
  const rowNumber = rowNumbers[index]!;
  // The row is checked as 「行事をチェック」 checks it: a form is made only for an event whose date, kind and
  // capacity are understood (a 開始 typed as 令和8年8月1日 13:30 is read, and written back as a date-time with the
  // form's ids below; a 開始 that cannot be read stops here instead of a form without its 日時 line).
  const check = checkEventTable(table);
  const own = check.problems.filter((p) => p.row === rowNumber);
  if (own.length) throw new UserFacingError('events.invalid', { id: eventId.trim(), problems: eventProblemLines(own, 'ja').join('\n') });
  for (const f of check.fixes) if (f.row === rowNumber) table.set(f.row, f.key, f.value);
  const understood = check.parsed.get(rowNumber);
  const event = { ...events[index]!, ...(understood ?? {}) };
  const agencies = readAgencies(ss);
  const survey = readSurveyQuestions(ss, lang);

  // A new form's id reaches the row at once, so a run that fails while filling it in finds it again next time.
  const remember = (key: 'registrationFormId' | 'surveyFormId') => (id: string) => { table.set(rowNumber, key, id); table.flush(); };
  const props = documentProperties();
  const registration = upsertForm(ss, event, 'registration', registrationQuestions(agencies.map((a) => a.name), accommodationFormUrl(event.id)), event.registrationFormId, event.registrationSheetId, remember('registrationFormId'), props);
  const surveyForm = upsertForm(ss, event, 'survey', surveyQuestionsFor(survey.questions, isWorkshop(event)), event.surveyFormId, event.surveySheetId, remember('surveyFormId'), props);
  table.set(rowNumber, 'registrationForm', registration.url);
  table.set(rowNumber, 'registrationFormId', registration.formId);
  table.set(rowNumber, 'registrationSheetId', registration.sheetId);
  table.set(rowNumber, 'surveyForm', surveyForm.url);
  table.set(rowNumber, 'surveyFormId', surveyForm.formId);
  table.set(rowNumber, 'surveySheetId', surveyForm.sheetId);
  table.flush();
  const triggerInstalled = ensureFormSubmitTrigger(ss);
  const relinked = [registration, surveyForm].filter((f) => f.replacedSheet !== undefined).map((f) => ({
    sheet: EVENTS.name, row: rowNumber, column: EVENTS.columns.find((c) => c.key === (f === registration ? 'registrationSheetId' : 'surveySheetId'))!.header,
    message: t(lang, 'forms.relinked', { old: f.replacedSheet!, sheet: f.sheetName }),
  }));
  return { eventId: event.id, registration, survey: surveyForm, triggerInstalled, problems: [...relinked, ...survey.problems] };
}

/** The form, or null when it is deleted or no longer shared with this user; an outage is rethrown (privacy.ts too). */
export function openExisting(formId: string): Form | null {
  if (formId === '') return null;
  try {
    return FormApp.openById(formId);
  } catch (e) {
    // A passing outage is not a deleted form: replacing it would leave two forms for one event.
    if (isTransientFailure(e)) throw e;
    // Deleted or no longer shared with this user: a new form replaces it (the row gets the new id).
    return null;
  }
}

export interface OwnTexts { title: string; description: string; confirmation: string; sheet: string }

/** Document Property per form: what the last run applied to it (domain/form-sync.ts). */
export const APPLIED_PREFIX = 'form.applied.';

export function upsertForm(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet, event: EventRecord, purpose: FormPurpose, questions: readonly QuestionSpec[],
  formId: string, sheetId: string, remember: (formId: string) => void, props: PropsLike,
  /** A form that is not an event's (issue 17's company forms): its own title, description, confirmation, sheet name. */
  own?: OwnTexts,
  /** false: the caller shows no edit link (掲載情報の確認, 受付名簿): not asked (a call). */
  withEditUrl = true,
): FormInfo & { sheetId: string; replacedSheet?: string } {
  const title = own?.title ?? formTitle(event, purpose);
  const existing = openExisting(formId);
  // create(title, true) makes the form published, with this title
  // (https://developers.google.com/apps-script/reference/forms/form-app#create(String,Boolean)).
  const form = existing ?? FormApp.create(title, true);
  const id = existing ? formId : form.getId();
  if (!existing) remember(id);
  const stored = existing ? props.getProperty(APPLIED_PREFIX + id) : null;
  const applied = parseApplied(stored);
  const confirmation = own?.confirmation ?? (purpose === 'registration' ? REGISTRATION_CONFIRMATION : purpose === 'checkin' ? CHECK_IN_CONFIRMATION : purpose === 'round' ? ROUND_CONFIRMATION : SURVEY_CONFIRMATION);
  const description = own?.description ?? describeEvent(event, purpose);
  const head = fingerprint([title, description, confirmation, purpose]);
  if (applied?.head !== head) {
    if (existing) form.setTitle(title);
    form.setDescription(description);
    form.setConfirmationMessage(confirmation);
    // The survey is anonymous: no sign-in, no email collected.
    if (purpose === 'survey') form.setCollectEmail(false);
  }
  const made: unknown[] = [];
  const state = applyQuestions(form, questions, applied, !existing, made);
  // Recorded once everything above is applied: a run that fails part-way leaves the old record, and the next run
  // applies again whatever it cannot vouch for.
  const record = JSON.stringify({ head, ...state } satisfies AppliedForm);
  if (record !== stored) props.setProperty(APPLIED_PREFIX + id, record);
  upserted = { id, form, applied: record, created: !existing, items: existing ? null : made };
  if (existing && !form.isPublished()) form.setPublished(true);

  // A form made just now has no destination; an existing one is asked.
  let destination = '';
  if (existing) {
    try {
      destination = form.getDestinationId() ?? '';
    } catch (e) {
      // A passing outage must not read as "no destination": a second setDestination adds a second response sheet.
      if (isTransientFailure(e)) throw e;
      destination = ''; // Google throws when a form has no destination yet.
    }
  }
  // A second setDestination to the same spreadsheet would add another response sheet.
  // The sheet the coordinator is on, before the new response sheet (which may become the active one) arrives.
  let returnTo: GoogleAppsScript.Spreadsheet.Sheet | null = null;
  const ssId = ss.getId();
  if (destination !== ssId) {
    returnTo = ss.getActiveSheet();
    form.setDestination(FormApp.DestinationType.SPREADSHEET, ssId);
  }
  const sheet = responseSheet(ss, id, sheetId, own?.sheet ?? (purpose === 'round' ? ROUND_ANSWER_SHEET : `${purpose === 'registration' ? '申込回答' : purpose === 'checkin' ? '受付回答' : 'アンケート回答'}_${event.id}`), title, returnTo);
  return {
    formId: id, url: form.getPublishedUrl(), editUrl: withEditUrl ? form.getEditUrl() : '', created: existing === null, sheetId: sheet.id, sheetName: sheet.name,
    ...(sheet.replaced !== null ? { replacedSheet: sheet.replaced } : {}),
  };
}

function describeEvent(event: EventRecord, purpose: FormPurpose): string {
  if (purpose === 'round') return ROUND_LEAD;
  // Asia/Tokyo wall clock computed here (no DST: localParts), not asked of Utilities.formatDate (a round trip).
  const p = event.start && localParts(event.start);
  const when = p ? `${p.year}年${p.month}月${p.day}日 ${p.hour}:${String(p.minute).padStart(2, '0')}` : '';
  const parts = [when && `日時: ${when}`, event.venue && `会場: ${event.venue}`].filter((s) => s);
  const lead = purpose === 'registration' ? '参加をご希望の方は、以下にご記入ください。' : purpose === 'checkin' ? CHECK_IN_LEAD : 'ご参加ありがとうございました。無記名のアンケートです。今後の企画に活かします。';
  return [lead, ...parts].join('\n');
}

/**
 * Adds missing questions and brings existing ones in line with the spec. With a trustworthy record of the last run,
 * only questions whose spec changed are touched (their place checked by title first); otherwise every item is read
 * and matched by title and type, as on a first run. Returns the record of what the form now holds.
 */
function applyQuestions(form: Form, specs: readonly QuestionSpec[], applied: AppliedForm | null, fresh: boolean, made: unknown[]): Omit<AppliedForm, 'head'> {
  // A form made just now holds no item: nothing to read.
  const items = fresh ? [] : form.getItems();
  const plan = planQuestions(applied, items.length, specs);
  if (plan) {
    const state = { items: { ...applied!.items }, count: items.length };
    for (const step of plan) {
      if (step.kind === 'keep') continue;
      if (step.kind === 'update' || step.kind === 'rename') {
        const item = items[step.index];
        // A person moved questions since: the record no longer says where each one is.
        if (!item || item.getTitle() !== (step.kind === 'rename' ? step.from : step.spec.title)) return applyAll(form, specs, items);
        applyQuestion(form, step.spec, item, step.kind === 'rename');
        const key = questionKey(step.spec);
        // The new key where the old one was: the record reads as a first run's (question order) would.
        if (step.kind === 'rename') state.items = Object.fromEntries(Object.entries(state.items).map(([k, v]) => [k === `${step.spec.type}\u0001${step.from}` ? key : k, v]));
        state.items[key] = [step.index, fingerprint(step.spec)];
      } else {
        applyQuestion(form, step.spec, null);
        state.items[questionKey(step.spec)] = [state.count++, fingerprint(step.spec)];
      }
    }
    return state;
  }
  return applyAll(form, specs, items, made);
}

function applyAll(form: Form, specs: readonly QuestionSpec[], items: readonly GoogleAppsScript.Forms.Item[], made: unknown[] = []): Omit<AppliedForm, 'head'> {
  const existing = new Map<string, { item: GoogleAppsScript.Forms.Item; index: number }>();
  let count = 0;
  for (const item of items) {
    const title = item.getTitle();
    // Every question we add has a title: an untitled one is what a failed run left between addXItem() and
    // setTitle() (two calls). Kept, it would show participants an empty question beside the real one.
    if (title === '') form.deleteItem(item);
    else existing.set(`${String(item.getType())}\u0001${title}`, { item, index: count++ });
  }
  const state: Omit<AppliedForm, 'head'> = { items: {}, count };
  for (const spec of specs) {
    const found = existing.get(questionKey(spec));
    made.push(applyQuestion(form, spec, found?.item ?? null));
    state.items[questionKey(spec)] = [found ? found.index : state.count++, fingerprint(spec)];
  }
  return state;
}

/** The form upsertForm last brought in line in this execution (Apps Script starts each execution afresh). */
let upserted: { id: string; form: Form; applied: string; created: boolean; items: readonly unknown[] | null } | null = null;

/**
 * The form upsertForm brought in line in this execution, if it is `formId`: the object (not opened again), its
 * applied-state record as written, and whether it was made now (then it holds exactly its questions, in order, and
 * `items` are those questions' typed items as addXItem() returned them: asked of nobody again).
 */
export function upsertedForm(formId: string): { form: Form; applied: string; created: boolean; items: readonly unknown[] | null } | null {
  return upserted?.id === formId ? upserted : null;
}

/** Each question type's Forms methods: the item's view (`found.asTextItem()`) and its creation (`form.addTextItem()`). */
const ITEM_METHODS: Record<QuestionSpec['type'], readonly [as: string, add: string]> = {
  SECTION_HEADER: ['asSectionHeaderItem', 'addSectionHeaderItem'],
  TEXT: ['asTextItem', 'addTextItem'],
  PARAGRAPH_TEXT: ['asParagraphTextItem', 'addParagraphTextItem'],
  MULTIPLE_CHOICE: ['asMultipleChoiceItem', 'addMultipleChoiceItem'],
  CHECKBOX: ['asCheckboxItem', 'addCheckboxItem'],
  LIST: ['asListItem', 'addListItem'],
  SCALE: ['asScaleItem', 'addScaleItem'],
};

/**
 * One question brought in line with its spec (added when `found` is null): title when added, help text, then by type
 * required, choices (with 「その他」 for the two kinds that take it), the e-mail validation, the scale's bounds and labels.
 */
function applyQuestion(form: Form, spec: QuestionSpec, found: GoogleAppsScript.Forms.Item | null, retitle = false): unknown {
  const [as, add] = ITEM_METHODS[spec.type];
  // One shape for every item type: each call below is made only for the types that have the method.
  type AnyItem = {
    setTitle(t: string): AnyItem; setHelpText(t: string): AnyItem; setRequired(r: boolean): AnyItem; setChoiceValues(v: string[]): AnyItem;
    showOtherOption(o: boolean): AnyItem; setValidation(v: GoogleAppsScript.Forms.TextValidation): AnyItem;
    setBounds(l: number, u: number): AnyItem; setLabels(l: string, u: string): AnyItem;
  };
  const item = found ? (found as unknown as Record<string, () => AnyItem>)[as]!() : (form as unknown as Record<string, () => AnyItem>)[add]!().setTitle(spec.title);
  if (found && retitle) item.setTitle(spec.title);
  // A new item has no help text, is not required and has no 「その他」: Google's own sample sets only what differs
  // (https://developers.google.com/apps-script/reference/forms/multiple-choice-item), the Forms API's Question.required
  // is false unless set (https://developers.google.com/forms/api/reference/rest/v1/forms#question). A new item gets
  // only the calls that change it; an existing one every call (a person may have edited it in the form).
  if (found || spec.helpText) item.setHelpText(spec.helpText ?? '');
  if (spec.type === 'SECTION_HEADER') return item;
  if (found || spec.required) item.setRequired(spec.required);
  if (spec.type === 'TEXT' && spec.email) item.setValidation(FormApp.createTextValidation().requireTextIsEmail().setHelpText('メールアドレスの形式で入力してください').build());
  if (spec.type === 'MULTIPLE_CHOICE' || spec.type === 'CHECKBOX' || spec.type === 'LIST') item.setChoiceValues([...(spec.choices ?? [])]);
  if ((spec.type === 'MULTIPLE_CHOICE' || spec.type === 'CHECKBOX') && (found || spec.otherOption)) item.showOtherOption(!!spec.otherOption);
  if (spec.type === 'SCALE') {
    const scale = spec.scale ?? { lower: 1, upper: 5, lowerLabel: '', upperLabel: '' };
    item.setBounds(scale.lower, scale.upper).setLabels(scale.lowerLabel, scale.upperLabel);
  }
  return item;
}

/**
 * The response sheet the form writes to: the sheet whose getFormUrl() names the form
 * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getFormUrl()). That is the recorded one
 * unless the form was unlinked and linked again, when Google made a new 「フォームの回答 N」 sheet (copying the
 * responses so far into it): then the new sheet is adopted, the 行事 row gets its id, and the result says so. It is
 * renamed so volunteers can tell which event it belongs to (the old sheet keeps its name, so the new one gets 「_2」…).
 */
function responseSheet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet, formId: string, recordedId: string, wanted: string, title: string,
  returnTo: GoogleAppsScript.Spreadsheet.Sheet | null,
): { id: string; name: string; replaced: string | null } {
  // The recorded sheet asked by its id (one call: https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSheetById(Integer)),
  // not found among every sheet's id (a call per sheet, on every re-run).
  const recorded = /^\d+$/.test(recordedId) ? ss.getSheetById(Number(recordedId)) : null;
  if (recorded && (recorded.getFormUrl() ?? '').includes(formId)) return { id: recordedId, name: recorded.getName(), replaced: null };
  const sheets = ss.getSheets();
  const sheet = sheets.find((s) => (s.getFormUrl() ?? '').includes(formId) && (!recorded || String(s.getSheetId()) !== recordedId));
  if (!sheet) {
    if (recorded) return { id: recordedId, name: recorded.getName(), replaced: null };
    throw new UserFacingError('forms.noResponseSheet', { title });
  }
  // A sheet setDestination made just now (returnTo taken before it) has Google's name (「フォームの回答 1」), never ours:
  // not asked (a call fewer).
  let name = returnTo ? '' : sheet.getName();
  if (!name.startsWith(wanted)) {
    // A free name asked by name (one call, usually the first) rather than every sheet's name read.
    let free = wanted;
    for (let n = 2; ss.getSheetByName(free); n++) free = `${wanted}_${n}`;
    sheet.setName(name = free);
  }
  const id = sheet.getSheetId();
  // setDestination puts the response sheet first (emulator/forms.ts); the core sheets (団体, 行事, …) stay in front
  // and the coordinator stays on the sheet they were on. Only when the sheet is new to the row: a re-run that finds
  // it by its recorded id leaves it wherever a volunteer has since dragged it.
  if (sheets.indexOf(sheet) !== sheets.length - 1) {
    const active = returnTo ?? ss.getActiveSheet();
    ss.setActiveSheet(sheet);
    ss.moveActiveSheet(sheets.length);
    // returnTo was the active sheet before setDestination made this one: never this one (a call fewer).
    if (returnTo || active.getSheetId() !== id) ss.setActiveSheet(active);
  }
  return { id: String(id), name, replaced: recorded ? recorded.getName() : null };
}

/**
 * Installs the spreadsheet form-submit trigger unless this user already has it (true when installed now), and the
 * hourly catch-up that records what busy firings left behind (catchUp.ts). Editor add-ons may have one trigger of
 * each type per document and run a time-driven one at most hourly.
 */
export function ensureFormSubmitTrigger(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, recordCoordinator: boolean | CoordinatorNote = true): boolean {
  // Each trigger's handler asked once (a call each), not its type: getUserTriggers(ss) lists only this add-on's
  // triggers of this user on this spreadsheet ("for this script or add-on only",
  // https://developers.google.com/apps-script/reference/script/script-app#getUserTriggers(Spreadsheet)), and this code
  // makes each handler's trigger with one type only (below): the handler's name says which it is (people10: a call
  // fewer per trigger on every run that finds them).
  const handlers = ScriptApp.getUserTriggers(ss).map((t) => t.getHandlerFunction());
  const mine = handlers.includes(FORM_SUBMIT_HANDLER);
  const hasCatchUp = handlers.includes(CATCH_UP_HANDLER);
  try {
    if (!mine) ScriptApp.newTrigger(FORM_SUBMIT_HANDLER).forSpreadsheet(ss).onFormSubmit().create();
    if (!hasCatchUp) ScriptApp.newTrigger(CATCH_UP_HANDLER).timeBased().everyHours(1).create();
  } catch (e) {
    // A passing outage is not the trigger limit: saying so would send the user hunting for a trigger that is not there.
    if (isTransientFailure(e)) throw e;
    // Editor add-ons get one trigger per type per document: another trigger of the same type is in the way.
    throw new UserFacingError('forms.triggerLimit', { detail: errorText(e) });
  }
  // Whose account runs them: 「状態の確認」 names that person (no one else can see another user's triggers). Every run,
  // not only when a trigger was made now, so that a run that failed just before it is completed by the re-run.
  if (recordCoordinator) noteCoordinator(recordCoordinator === true ? undefined : recordCoordinator);
  return !mine;
}
