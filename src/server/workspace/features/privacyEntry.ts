/**
 * The menu side of issue 19: the question (who), the confirmation (what will go) and the answer — asked and shown
 * outside the document lock, so nobody's form-submit waits while a coordinator reads a dialog; the work itself runs
 * as its sidebar twin does (grants, lock, 操作ログ). Results and 操作ログ carry places and counts only: what was typed
 * into the prompt (an e-mail, a name) is never written anywhere.
 */
import type { AccommodationFormResult, PersonalDataReport, PersonalDataPlace, RetentionPlanView, RpcResult } from '../../../protocol';
import { Lang, list, t } from '../../i18n/messages';
import { alert, fromSidebar, userLang } from '../entry';
import type { Operation } from '../../operations';

const placesText = (lang: Lang, places: readonly PersonalDataPlace[]) => list(lang, places.map((p) => `${p.place}（${p.rows}）`));

function unreachableText(lang: Lang, items: readonly PersonalDataPlace[]): string {
  if (items.length === 0) return '';
  return t(lang, 'privacy.unreachable', { items: list(lang, items.map((i) => t(lang, i.todo ?? 'privacy.todo.form', { place: i.place }))) });
}

const lines = (...xs: string[]) => xs.filter((x) => x).join('\n');

/** The closing lines every report shares: rows not erased, then what the coordinator must do by hand. */
const tail = (r: PersonalDataReport, lang: Lang) => [r.notErased ? t(lang, 'privacy.notErased', { count: r.notErased }) : '', unreachableText(lang, r.unreachable)];

export function searchMessage(r: PersonalDataReport, lang: Lang): string {
  if (r.places.length === 0) return lines(t(lang, 'privacy.nothingFound'), unreachableText(lang, r.unreachable));
  return lines(t(lang, 'privacy.found', { places: placesText(lang, r.places) }), r.exportUrl ? t(lang, 'privacy.exported', { url: r.exportUrl }) : '', unreachableText(lang, r.unreachable));
}

export function eraseMessage(r: PersonalDataReport, lang: Lang): string {
  return lines(
    r.places.length ? t(lang, 'privacy.erased', { count: r.erased }) : t(lang, 'privacy.nothingFound'),
    ...tail(r, lang),
  );
}

export function retentionMessage(r: PersonalDataReport & { events: string[]; period: string }, lang: Lang): string {
  return lines(
    r.events.length ? t(lang, 'privacy.retentionDone', { events: list(lang, r.events), count: r.erased }) : t(lang, 'privacy.retentionNothing', { period: r.period }),
    ...tail(r, lang),
  );
}

export function accommodationMessage(r: AccommodationFormResult, lang: Lang): string {
  return t(lang, 'privacy.accommodationDone', { created: t(lang, r.created ? 'privacy.created' : 'privacy.updated'), readers: r.readers, url: r.url });
}

function ui() { return SpreadsheetApp.getUi(); }

/** What the coordinator typed, or null when they cancelled. */
function askWho(lang: Lang, title: string): string | null {
  const answer = ui().prompt(title, t(lang, 'privacy.prompt'), ui().ButtonSet.OK_CANCEL);
  return String(answer.getSelectedButton()) === String(ui().Button.OK) ? answer.getResponseText() : null;
}

function confirm(title: string, text: string): boolean {
  return String(ui().alert(title, text, ui().ButtonSet.YES_NO)) === String(ui().Button.YES);
}

/** The result, or null after showing the failure (the one alert path). */
function shown<T>(title: string, r: RpcResult<T>): T | null {
  if (r.ok) return r.value;
  alert(title, r.error.message);
  return null;
}

type Op<A extends unknown[], T> = Operation<A, T>;

export function menuSearch(search: Op<[string], PersonalDataReport>): void {
  const lang = userLang();
  const title = t(lang, 'menu.searchPerson');
  const who = askWho(lang, title);
  if (who === null) return;
  const r = shown(title, fromSidebar(search, who));
  if (r) alert(title, searchMessage(r, lang));
}

export function menuErase(preview: Op<[string], PersonalDataPlace[]>, erase: Op<[string], PersonalDataReport>): void {
  const lang = userLang();
  const title = t(lang, 'menu.erasePerson');
  const who = askWho(lang, title);
  if (who === null) return;
  const places = shown(title, fromSidebar(preview, who));
  if (places === null) return;
  if (places.length && !confirm(title, t(lang, 'privacy.confirmErase', { places: placesText(lang, places) }))) return;
  const r = shown(title, fromSidebar(erase, who));
  if (r) alert(title, eraseMessage(r, lang));
}

export function menuRetention(plan: Op<[], RetentionPlanView>, run: Op<[], PersonalDataReport & { events: string[]; period: string }>): void {
  const lang = userLang();
  const title = t(lang, 'menu.retention');
  const p = shown(title, fromSidebar(plan));
  if (!p) return;
  if (p.places.length === 0) { alert(title, t(lang, 'privacy.retentionNothing', { period: p.period })); return; }
  if (!confirm(title, t(lang, 'privacy.retentionPlan', { period: p.period, events: list(lang, p.events), places: placesText(lang, p.places) }))) return;
  const r = shown(title, fromSidebar(run));
  if (r) alert(title, retentionMessage(r, lang));
}
