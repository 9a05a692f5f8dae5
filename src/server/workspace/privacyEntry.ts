/**
 * The menu side of issue 19: the question (who), the confirmation (what will go) and the answer — asked and shown
 * outside the document lock, so nobody's form-submit waits while a coordinator reads a dialog. Results and 操作ログ
 * carry places and counts only: what was typed into the prompt (an e-mail, a name) is never written anywhere.
 */
import type { AccommodationFormResult, PersonalDataReport, PersonalDataPlace } from '../../protocol';
import { Lang, list, t } from '../i18n/messages';
import { runFromMenu, userLang } from './entry';
import { ACCOMMODATION_SCOPES, createAccommodationForm } from './accommodation';
import { PRIVACY_SCOPES, RETENTION_SCOPES, erasePersonalData, planRetention, runRetention, searchPersonalData } from './privacy';
import { selectedEventId } from './formsEntry';
import { DEFAULT_RETENTION } from '../domain/privacy';

export const OPERATIONS = {
  accommodation: '配慮事項フォームの作成',
  search: '本人のデータを検索',
  erase: '本人のデータを削除',
  retention: '個人情報の整理',
} as const;

const placesText = (lang: Lang, places: readonly PersonalDataPlace[]) => list(lang, places.map((p) => `${p.place}（${p.rows}）`));

function unreachableText(lang: Lang, items: readonly PersonalDataPlace[]): string {
  if (items.length === 0) return '';
  return t(lang, 'privacy.unreachable', { items: list(lang, items.map((i) => t(lang, i.todo ?? 'privacy.todo.form', { place: i.place }))) });
}

export function searchMessage(r: PersonalDataReport, lang: Lang): string {
  if (r.places.length === 0) return [t(lang, 'privacy.nothingFound'), unreachableText(lang, r.unreachable)].filter((x) => x).join('\n');
  return [t(lang, 'privacy.found', { places: placesText(lang, r.places) }), r.exportUrl ? t(lang, 'privacy.exported', { url: r.exportUrl }) : '', unreachableText(lang, r.unreachable)].filter((x) => x).join('\n');
}

export function eraseMessage(r: PersonalDataReport, lang: Lang): string {
  return [
    r.places.length ? t(lang, 'privacy.erased', { count: r.erased }) : t(lang, 'privacy.nothingFound'),
    r.notErased ? t(lang, 'privacy.notErased', { count: r.notErased }) : '',
    unreachableText(lang, r.unreachable),
  ].filter((x) => x).join('\n');
}

export function retentionMessage(r: PersonalDataReport & { events: string[]; period: string }, lang: Lang): string {
  return [
    r.events.length ? t(lang, 'privacy.retentionDone', { events: list(lang, r.events), count: r.erased }) : t(lang, 'privacy.retentionNothing', { period: r.period }),
    r.notErased ? t(lang, 'privacy.notErased', { count: r.notErased }) : '',
    unreachableText(lang, r.unreachable),
  ].filter((x) => x).join('\n');
}

export function accommodationMessage(r: AccommodationFormResult, lang: Lang): string {
  return t(lang, 'privacy.accommodationDone', { created: t(lang, r.created ? 'privacy.created' : 'privacy.updated'), readers: r.readers, url: r.url });
}

function ui() { return SpreadsheetApp.getUi(); }

/** What the coordinator typed, or null when they cancelled. */
function askWho(lang: Lang, title: string): string | null {
  const answer = ui().prompt(title, t(lang, 'privacy.prompt'), ui().ButtonSet.OK_CANCEL);
  if (String(answer.getSelectedButton()) !== String(ui().Button.OK)) return null;
  return answer.getResponseText();
}

function confirm(title: string, text: string): boolean {
  return String(ui().alert(title, text, ui().ButtonSet.YES_NO)) === String(ui().Button.YES);
}

export function menuSearchPersonalData(): void {
  const lang = userLang();
  const who = askWho(lang, t(lang, 'menu.searchPerson'));
  if (who === null) return;
  runFromMenu(OPERATIONS.search, (ss, l) => {
    const message = searchMessage(searchPersonalData(ss, who), l);
    ui().alert(t(l, 'menu.searchPerson'), message, ui().ButtonSet.OK);
    return message;
  }, { scopes: PRIVACY_SCOPES });
}

export function menuErasePersonalData(): void {
  const lang = userLang();
  const who = askWho(lang, t(lang, 'menu.erasePerson'));
  if (who === null) return;
  // First what would go, read without the lock and without writing anything (no export, no log line).
  let places: PersonalDataPlace[] | null = null;
  runFromMenu(OPERATIONS.erase, (ss) => {
    places = previewErase(ss, who);
    return '';
  }, { scopes: PRIVACY_SCOPES, lock: false, log: false });
  const found = places as PersonalDataPlace[] | null;
  if (found === null) return; // the alert said why
  if (found.length && !confirm(t(lang, 'menu.erasePerson'), t(lang, 'privacy.confirmErase', { places: placesText(lang, found) }))) return;
  runFromMenu(OPERATIONS.erase, (ss, l) => {
    const message = eraseMessage(erasePersonalData(ss, who, l), l);
    ui().alert(t(l, 'menu.erasePerson'), message, ui().ButtonSet.OK);
    return message;
  }, { scopes: PRIVACY_SCOPES });
}

function previewErase(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, who: string): PersonalDataPlace[] {
  return searchPersonalData(ss, who, { exportFile: false }).places;
}

export function menuRetention(): void {
  const lang = userLang();
  let plan: ReturnType<typeof planRetention> | null = null;
  let period = DEFAULT_RETENTION;
  runFromMenu(OPERATIONS.retention, (ss) => {
    plan = planRetention(ss);
    period = plan.period;
    return '';
  }, { scopes: RETENTION_SCOPES, lock: false, log: false });
  const p = plan as ReturnType<typeof planRetention> | null;
  if (!p) return;
  if (p.places.length === 0) {
    ui().alert(t(lang, 'menu.retention'), t(lang, 'privacy.retentionNothing', { period }), ui().ButtonSet.OK);
    return;
  }
  if (!confirm(t(lang, 'menu.retention'), t(lang, 'privacy.retentionPlan', { period, events: list(lang, p.events), places: placesText(lang, p.places) }))) return;
  runFromMenu(OPERATIONS.retention, (ss, l) => {
    const message = retentionMessage(runRetention(ss, l), l);
    ui().alert(t(l, 'menu.retention'), message, ui().ButtonSet.OK);
    return message;
  }, { scopes: RETENTION_SCOPES });
}

export function menuCreateAccommodationForm(): void {
  runFromMenu(OPERATIONS.accommodation, (ss, l) => {
    const message = accommodationMessage(createAccommodationForm(ss, selectedEventId(ss)), l);
    ui().alert(t(l, 'menu.accommodationForm'), message, ui().ButtonSet.OK);
    return message;
  }, { scopes: ACCOMMODATION_SCOPES });
}
