/**
 * What issue 19's operations say: the 操作ログ line (places and counts only — what was typed, an e-mail or a name, is
 * never written anywhere) and the accommodation form's result. The menu items open the sidebar's 個人情報 section,
 * which asks who, previews, confirms and words the result (src/client/sections/privacy.ts).
 */
import type { AccommodationFormResult, PersonalDataReport } from '../../../protocol';
import { Lang, list, t } from '../../i18n/messages';

/** The 操作ログ line of a search, an erase (`erased`) or a tidy-up (`events`). */
export function privacyLogLine(r: PersonalDataReport & { events?: string[]; period?: string }, lang: Lang): string {
  const lead = r.events
    ? (r.events.length ? t(lang, 'privacy.retentionDone', { events: list(lang, r.events), count: r.erased }) : t(lang, 'privacy.retentionNothing', { period: r.period ?? '' }))
    : r.places.length ? t(lang, 'privacy.found', { places: list(lang, r.places.map((p) => `${p.place}（${p.rows}）`)) }) + (r.erased ? t(lang, 'privacy.erased', { count: r.erased }) : '')
      : t(lang, 'privacy.nothingFound');
  const line = r.notErased ? `${lead} ${t(lang, 'privacy.notErased', { count: r.notErased })}` : lead;
  return r.more ? `${line} ${t(lang, 'privacy.more', { done: r.more.done, left: r.more.left })}` : line;
}

export function accommodationMessage(r: AccommodationFormResult, lang: Lang): string {
  return t(lang, 'privacy.accommodationDone', { created: t(lang, r.created ? 'privacy.created' : 'privacy.updated'), readers: r.readers, url: r.url });
}
