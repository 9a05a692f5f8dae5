/**
 * 「配慮事項フォームの作成」 (issue 19): an event's accommodation needs (要配慮個人情報) asked in a separate form that only
 * the coordinators named in 設定「配慮事項の閲覧者」 can read.
 *
 * Why this shape, under the scopes the add-on has (docs/privacy.md has the whole reasoning and sources):
 * - The spreadsheet is shared with every volunteer, and a protected range only stops edits: whatever lands in it is
 *   readable by all of them, and its version history keeps a cell's earlier values for every editor. An answer
 *   "moved out on arrival" would still be in both. So the answer must never reach this spreadsheet.
 * - The form has no response destination: every form keeps its responses in its own response store, with or
 *   without one ("All forms, including those that do not have a destination set explicitly, save a copy of responses
 *   in the form's response store", https://developers.google.com/apps-script/reference/forms/destination-type).
 *   A second spreadsheet as destination would be a second copy to keep, share and erase, and the add-on could not
 *   read it: spreadsheets.currentonly reaches only this spreadsheet.
 * - Who can read the store is who can open the form: its owner (the coordinator who ran this, required to be one of
 *   the named coordinators) and its editors, added here with Form.addEditor / removed with removeEditor — FormApp
 *   methods under the `forms` scope (https://developers.google.com/apps-script/reference/forms/form#addEditor(String)).
 *   No Drive permission call is needed, so `drive.file` (which does not document reaching a FormApp-made form) is not
 *   relied on.
 * - The add-on reads the store with Form.getResponses and erases with deleteResponse / deleteAllResponses (forms scope),
 *   so 「本人のデータを削除」 and 「個人情報の整理」 reach it; the shared ledger only says 「配慮事項あり」.
 * The form ids live in Document Properties (ids only, no personal data), not in a sheet a volunteer could change.
 */
import type { AccommodationFormResult } from '../../../protocol';
import { CONSENT_CHOICE, REGISTRATION_TITLES, accommodationPointer, ACCOMMODATION_SECTION } from '../../domain/registration';
import { isEmail, normaliseEmail } from '../../domain/email';
import { COORDINATORS_SETTING, DEFAULT_RETENTION, RETENTION_SETTING, keptUntil, parseRetention } from '../../domain/privacy';
import { formatSeireki } from '../../domain/ja';
import { UserFacingError, isTransientFailure } from '../errors';
import { readEvents, readLedger } from '../records';
import { Settings, documentProperties } from '../settings';
import { civilDateOf } from './surveyResults';
import { spreadsheetTimeZone } from '../tables';
import { activeUserEmail } from '../log';
import { SCOPES } from '../../scopes';

const FORMS_KEY = 'privacy.accommodationForms';

export const ACCOMMODATION_SCOPES = [SCOPES.sheets, SCOPES.forms, SCOPES.email] as const;

type Stored = Record<string, { id: string; url: string }>;

function stored(all?: Record<string, string>): Stored {
  const raw = all ? all[FORMS_KEY] : documentProperties().getProperty(FORMS_KEY);
  try { return raw ? (JSON.parse(raw) as Stored) : {}; } catch { return {}; }
}

/** Event id → accommodation form id. */
export function accommodationFormIds(): Record<string, string> {
  return Object.fromEntries(Object.entries(stored()).map(([k, v]) => [k, v.id]));
}

/** The published link of an event's accommodation form, or '' (the registration form then asks as before). */
export function accommodationFormUrl(eventId: string): string {
  return stored()[eventId]?.url ?? '';
}

export const ACCOMMODATION_NOTE = '配慮事項あり';

/** The coordinators named in 設定 (e-mail addresses separated by 、 , ; or spaces). */
export function coordinatorsOf(text: string): string[] {
  return [...new Set(text.split(/[、,，;；\s]+/).map((e) => normaliseEmail(e)).filter(isEmail))];
}

/** The consent wording: who sees the answer and for how long (the period from 設定). */
export function consentText(readers: number, until: string): string {
  return `ここに記入された内容（障害や疾病に関わる配慮事項を含みます）は、運営担当のコーディネーター${readers}名だけが閲覧し、当日の準備にのみ使います。ボランティアや他の参加者、共有の名簿には表示されません（名簿には「${ACCOMMODATION_NOTE}」とだけ表示します）。${until}まで保管し、その後削除します。削除や開示のご希望は運営担当者にお知らせください。`;
}

export function createAccommodationForm(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, eventId: string): AccommodationFormResult {
  const settings = Settings.open(ss, true);
  const readers = coordinatorsOf(settings.get(COORDINATORS_SETTING));
  if (readers.length === 0) throw new UserFacingError('privacy.noCoordinators', { setting: COORDINATORS_SETTING });
  // The form's owner can always read its responses: only a named coordinator may be it.
  const me = normaliseEmail(activeUserEmail() ?? '');
  if (!readers.includes(me)) throw new UserFacingError('privacy.notCoordinator', { setting: COORDINATORS_SETTING });
  const periodText = settings.get(RETENTION_SETTING) || DEFAULT_RETENTION;
  const rule = parseRetention(periodText);
  if (!rule) throw new UserFacingError('privacy.badRetention', { value: periodText });
  const timeZone = spreadsheetTimeZone(ss);
  const { events } = readEvents(ss, timeZone, true); // only read: a view (2 calls fewer)
  const event = events.find((e) => e.id === eventId.trim());
  if (!event) throw new UserFacingError('forms.unknownEvent', { id: eventId });
  const until = event.start ? `${formatSeireki(keptUntil(civilDateOf(event.start, timeZone), rule))}` : `行事の翌年度末`;

  const all = stored();
  let form: GoogleAppsScript.Forms.Form | null = null;
  if (all[event.id]) {
    try {
      form = FormApp.openById(all[event.id]!.id);
    } catch (e) {
      if (isTransientFailure(e)) throw e;
      form = null; // deleted, or not shared with this coordinator: a new one replaces it
    }
  }
  const created = form === null;
  const title = `${event.title || event.id} 配慮事項の申し出`;
  if (!form) {
    form = FormApp.create(title, true);
    // The id is kept at once, so a run that fails while filling the form in finds it again.
    all[event.id] = { id: form.getId(), url: form.getPublishedUrl() };
    documentProperties().setProperty(FORMS_KEY, JSON.stringify(all));
  }
  // A form made just now has its title, no items, is published and has only its owner (this coordinator) as editor:
  // those are asked or set only for a form made before (5 calls fewer on the first run).
  if (!created) form.setTitle(title);
  form.setDescription(consentText(readers.length, until));
  form.setConfirmationMessage('お知らせいただきありがとうございました。運営担当のコーディネーターだけが確認します。');
  // Found by title and brought in line (a run that failed between two item calls left one half set up), or added.
  const byTitle = new Map<string, GoogleAppsScript.Forms.Item>();
  for (const item of created ? [] : form.getItems()) {
    const t = item.getTitle();
    // An untitled question is what a run that failed between addXItem() and setTitle() left: participants would see it.
    if (t === '') form.deleteItem(item);
    else byTitle.set(t, item);
  }
  const T = REGISTRATION_TITLES;
  const email = byTitle.get(T.email)?.asTextItem() ?? form.addTextItem().setTitle(T.email);
  email.setRequired(true).setHelpText('申込フォームと同じメールアドレスを入力してください')
    .setValidation(FormApp.createTextValidation().requireTextIsEmail().setHelpText('メールアドレスの形式で入力してください').build());
  (byTitle.get(T.name)?.asTextItem() ?? form.addTextItem().setTitle(T.name)).setRequired(true);
  (byTitle.get(T.accommodation)?.asParagraphTextItem() ?? form.addParagraphTextItem().setTitle(T.accommodation)).setRequired(true);
  (byTitle.get(T.consent)?.asCheckboxItem() ?? form.addCheckboxItem().setTitle(T.consent)).setChoiceValues([CONSENT_CHOICE]).setRequired(true);
  if (!created && !form.isPublished()) form.setPublished(true);
  // Readers: exactly the coordinators named now (someone removed from 設定 loses access at the next run).
  const current = new Set(created ? [] : form.getEditors().map((u) => normaliseEmail(u.getEmail())));
  const add = readers.filter((r) => r !== me && !current.has(r));
  if (add.length) form.addEditors(add);
  for (const e of current) if (e !== me && !readers.includes(e)) form.removeEditor(e);

  // The registration form no longer asks: its answers land in the shared response sheet.
  if (event.registrationFormId) pointRegistrationForm(event.registrationFormId, all[event.id]!.url);
  return { eventId: event.id, formId: all[event.id]!.id, url: all[event.id]!.url, editUrl: form.getEditUrl(), created, readers: readers.length };
}

function pointRegistrationForm(formId: string, url: string): void {
  let registration: GoogleAppsScript.Forms.Form;
  try {
    registration = FormApp.openById(formId);
  } catch (e) {
    if (isTransientFailure(e)) throw e;
    return; // 「フォームを作成」 points it when it makes the form again
  }
  for (const item of registration.getItems()) {
    const title = item.getTitle();
    if (title === REGISTRATION_TITLES.accommodation || title === REGISTRATION_TITLES.consent) registration.deleteItem(item);
    else if (title === ACCOMMODATION_SECTION) item.asSectionHeaderItem().setHelpText(accommodationPointer(url));
  }
}

/**
 * The ledger's 「配慮事項あり」 for each registration whose person (same event, same e-mail) answered the event's
 * accommodation form. Called by 「回答を同期」; writes nothing but that note into 備考, and only where missing. Calls: one
 * open and one getResponses per accommodation form, and one per answer (its item responses) — the few who ask.
 */
export function flagAccommodations(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, all?: Record<string, string>): number {
  const forms = stored(all);
  const ids = Object.keys(forms);
  if (ids.length === 0) return 0;
  const asked = new Set<string>();
  for (const eventId of ids) {
    let form: GoogleAppsScript.Forms.Form;
    try {
      form = FormApp.openById(forms[eventId]!.id);
    } catch (e) {
      if (isTransientFailure(e)) throw e;
      continue; // not a reader of this form (another coordinator's): their sync flags it
    }
    for (const response of form.getResponses()) {
      for (const ir of response.getItemResponses()) {
        if (ir.getItem().getTitle() === REGISTRATION_TITLES.email) asked.add(`${eventId}\u0001${normaliseEmail(String(ir.getResponse() ?? ''))}`);
      }
    }
  }
  if (asked.size === 0) return 0;
  const ledger = readLedger(ss);
  let flagged = 0;
  ledger.rows.forEach((row, i) => {
    if (!asked.has(`${row.eventId}\u0001${normaliseEmail(row.email)}`) || row.remarks.includes(ACCOMMODATION_NOTE)) return;
    ledger.table.set(ledger.rowNumbers[i]!, 'remarks', [row.remarks, ACCOMMODATION_NOTE].filter((x) => x.trim() !== '').join(' / '));
    flagged++;
  });
  if (flagged) ledger.table.flush();
  return flagged;
}
