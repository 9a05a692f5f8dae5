/**
 * 「フォームを作成」 re-run: what a form already holds is remembered as it was last applied (a fingerprint of the
 * form's settings and of each question, with the question's place in the form), so a re-run reads the form's items
 * once and changes only the questions whose spec changed (e.g. the 所属 choices after new agencies joined). Every
 * read of a question's title, help text or choices would be a call, and so would every setter: comparing against the
 * remembered fingerprints costs none. A question a person edited in the form itself is left as the person left it
 * until its spec changes. Pure: plain data in, plain data out.
 */
import type { QuestionSpec } from './registration';

export interface AppliedForm {
  /** Fingerprint of title, description, confirmation message and settings. */
  head: string;
  /** Question key (type + title) → [place in form.getItems(), fingerprint]. */
  items: Record<string, [number, string]>;
  /** Number of items the form had after the last run (a person adding or deleting one shows here). */
  count: number;
}

/** FNV-1a, 32-bit, base 36: short and stable; a collision only costs a question not re-applied. */
export function fingerprint(value: unknown): string {
  const text = JSON.stringify(value);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

export const questionKey = (spec: Pick<QuestionSpec, 'type' | 'title'>): string => `${spec.type}\u0001${spec.title}`;

export type QuestionPlan =
  | { kind: 'keep'; spec: QuestionSpec; index: number }
  | { kind: 'update'; spec: QuestionSpec; index: number }
  /** The question reworded in its place (アンケート設問's 設問 edited): the item that had title `from` gets the new one. */
  | { kind: 'rename'; spec: QuestionSpec; index: number; from: string }
  | { kind: 'add'; spec: QuestionSpec };

/**
 * The questions to change, given what was applied last time and how many items the form has now; null when the
 * remembered state cannot be trusted (none, unreadable, or a person added or deleted items): then every question
 * is read and applied as on a first run.
 */
export function planQuestions(applied: AppliedForm | null, itemCount: number, specs: readonly QuestionSpec[]): QuestionPlan[] | null {
  if (!applied || applied.count !== itemCount) return null;
  const keys = new Set(specs.map(questionKey));
  // Items the last run applied whose question is no longer asked: a reworded question's old item, by place.
  const gone = Object.entries(applied.items).filter(([key]) => !keys.has(key));
  const claimed = new Set<string>();
  const at = (i: number) => applied.items[questionKey(specs[i]!)]?.[0];
  return specs.map((spec, i): QuestionPlan => {
    const known = applied.items[questionKey(spec)];
    if (known) return { kind: known[1] === fingerprint(spec) ? 'keep' : 'update', spec, index: known[0] };
    // A rename only where it is unambiguous: exactly one such item of the same type lies between the items of the
    // nearest questions before and after it; anything else (a new question, a moved one) is added as before.
    let before = -1, after = Infinity;
    for (let j = i - 1; j >= 0 && before < 0; j--) before = at(j) ?? -1;
    for (let j = i + 1; j < specs.length && after === Infinity; j++) after = at(j) ?? Infinity;
    const candidates = gone.filter(([key, [index]]) => key.startsWith(`${spec.type}\u0001`) && index > before && index < after && !claimed.has(key));
    if (candidates.length !== 1) return { kind: 'add', spec };
    const [key, [index]] = candidates[0]!;
    claimed.add(key);
    return { kind: 'rename', spec, index, from: key.slice(spec.type.length + 1) };
  });
}

export function parseApplied(text: string | null): AppliedForm | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as AppliedForm;
    return typeof v.head === 'string' && typeof v.count === 'number' && v.items && typeof v.items === 'object' ? v : null;
  } catch {
    return null;
  }
}
