/**
 * Rendering the catalogue's sentences (catalogue.ts): `{name}` is replaced by a parameter.
 */
import { catalogue, type Lang, type MessageKey } from './catalogue';

export type { Lang, MessageKey };


export function langOf(locale: string | null | undefined): Lang {
  return !locale || locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** A list inside a sentence: 「A、B」 in Japanese, "A, B" in English. */
export function list(lang: Lang, items: readonly (string | number)[]): string {
  return items.join(lang === 'ja' ? '、' : ', ');
}

/** A message to render in the reader's language later (a parameter of another message, an error's detail). */
export interface Localized { key: MessageKey; params?: Params }
/** A parameter: text, a number, a message rendered in the same language, or a list of them (joined by `list`). */
export type Param = string | number | Localized | readonly Param[];
export type Params = Record<string, Param>;

function render(lang: Lang, p: Param): string {
  if (typeof p === 'string' || typeof p === 'number') return String(p);
  if (Array.isArray(p)) return list(lang, (p as readonly Param[]).map((x) => render(lang, x)));
  const l = p as Localized;
  return t(lang, l.key, l.params);
}

export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  return catalogue(lang)[key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? render(lang, params[name]!) : m));
}

/** A template problem (domain/template.ts: a code, its parameters, where it is) as a sentence. */
export function templateProblem(lang: Lang, p: { code: string; params: Record<string, string | number>; where?: { kind: string } & Record<string, unknown> }): string {
  const where = p.where ? t(lang, `template.where.${p.where.kind}` as MessageKey, p.where as unknown as Record<string, string | number>) : '';
  return t(lang, `template.${p.code}` as MessageKey, { ...p.params, where });
}
