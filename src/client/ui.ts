/** Building blocks shared by the sections: a collapsible section, result/error areas, busy state, chunked jobs. */
import type { JobProgress } from '../protocol';
import { append, Child, el, nextId, replace } from './dom';
import { lang, MessageKey, t } from './i18n';
import { formatProblem } from '../server/domain/where';
import { messageOf } from './rpc';

export interface Section {
  root: HTMLDetailsElement;
  body: HTMLElement;
  result: HTMLElement;
  error: HTMLElement;
}

export function section(feature: string, titleKey: MessageKey, helpKey?: MessageKey, open = false): Section {
  const headingId = nextId(`h-${feature}`);
  const body = el('div', { class: 'section-body' });
  const result = el('div', { class: 'result', role: 'status', 'aria-live': 'polite' });
  const error = el('div', { class: 'error', role: 'alert' });
  const root = el('details', { class: 'section', 'data-feature': feature, open },
    el('summary', {}, el('h2', { id: headingId, text: t(titleKey) })),
    el('div', { class: 'section-content', role: 'region', 'aria-labelledby': headingId },
      helpKey ? el('p', { class: 'help', text: t(helpKey) }) : null, body, result, error));
  return { root, body, result, error };
}

export function showResult(s: Section, ...lines: Child[]): void {
  replace(s.error);
  replace(s.result, ...lines.map((line) => (typeof line === 'string' ? el('p', { text: line }) : line)));
}

export function showError(s: Section, error: unknown): void {
  replace(s.error, el('p', { text: messageOf(error) }));
}

export function clearMessages(s: Section): void {
  replace(s.result);
  replace(s.error);
}

/** A list of problems (row, column, what to do), the first `limit` shown. */
export function problemList(problems: readonly { sheet?: string; row: number; column: string; message: string }[], limit = 50): HTMLElement {
  const list = el('ul', { class: 'problems' });
  for (const p of problems.slice(0, limit)) append(list, el('li', { text: formatProblem(lang(), p) }));
  if (problems.length > limit) append(list, el('li', { text: t('common.more', { count: problems.length - limit }) }));
  return list;
}

// ---- busy state: one piece of work at a time; every action control is disabled while it runs ----

const controls = new Set<HTMLButtonElement | HTMLInputElement | HTMLSelectElement>();
const blocked = new WeakSet<Element>();
let busy = false;

export function action<T extends HTMLButtonElement | HTMLInputElement | HTMLSelectElement>(control: T): T {
  controls.add(control);
  control.disabled = busy || blocked.has(control);
  return control;
}

/** Enables or disables one control on its own account (e.g. import stays off until a preview is valid). */
export function setAllowed(control: HTMLButtonElement | HTMLInputElement, allowed: boolean): void {
  if (allowed) blocked.delete(control);
  else blocked.add(control);
  control.disabled = busy || !allowed;
}

function setBusy(value: boolean): void {
  busy = value;
  document.body.setAttribute('aria-busy', String(value));
  for (const c of controls) {
    if (!c.isConnected) {
      controls.delete(c);
      continue;
    }
    c.disabled = value || blocked.has(c);
  }
}

/** Runs `work` with every action disabled; errors go to the section's alert area. */
export async function exclusive<T>(s: Section, work: () => Promise<T>): Promise<T | undefined> {
  if (busy) return undefined;
  setBusy(true);
  replace(s.error);
  try {
    return await work();
  } catch (e) {
    showError(s, e);
    return undefined;
  } finally {
    setBusy(false);
  }
}

export function button(text: string, onClick: () => void, kind: 'primary' | 'secondary' = 'primary'): HTMLButtonElement {
  const b = action(el('button', { type: 'button', class: kind, text }));
  b.addEventListener('click', onClick);
  return b;
}

// ---- long work: chunks driven from here, each one server call well inside the 6-minute limit ----

/** Thrown by a job step that stopped part-way: what was done so far is kept and shown, and 「続きから再開」 offered. */
/**
 * A chunk that stopped with its own complete message (what was done, what was not, what to do next): shown alone,
 * without the generic 「途中で止まりました」 line beside it.
 */
export class JobInterrupted extends Error {
  constructor(message: string, readonly progress: JobProgress<unknown>) {
    super(message);
  }
}

export interface JobView {
  root: HTMLElement;
  run(): Promise<void>;
}

/**
 * Calls `step(cursor)` until the server returns cursor null, updating a progress bar. If a chunk fails, the error
 * is shown with a 「続きから再開」 button that continues from the last cursor the server confirmed, so finished
 * chunks are not redone.
 */
export function job<T>(s: Section, step: (cursor: string | null) => Promise<JobProgress<T>>, onDone: (result: T | undefined, last: JobProgress<T>) => void): JobView {
  const labelId = nextId('progress');
  const bar = el('progress', { max: 1, value: 0, 'aria-labelledby': labelId });
  const text = el('span', { id: labelId, class: 'progress-text', text: t('common.progress') });
  const resume = el('button', { type: 'button', class: 'secondary', text: t('common.retry'), hidden: true });
  action(resume);
  const root = el('div', { class: 'job', hidden: true }, text, bar, resume);
  let cursor: string | null = null;
  let last: JobProgress<T> = { done: 0, total: 0, cursor: null, message: '' };

  const loop = async () => {
    root.hidden = false;
    resume.hidden = true;
    for (;;) {
      // Until the server has said how much there is, the bar is indeterminate (no value attribute).
      if (last.total === 0) bar.removeAttribute('value');
      try {
        last = await step(cursor);
      } catch (e) {
        if (e instanceof JobInterrupted) {
          last = { ...e.progress, result: undefined } as JobProgress<T>;
          bar.max = Math.max(1, last.total);
          bar.value = Math.min(last.done, last.total);
          text.textContent = t('common.progressText', { done: last.done, total: last.total });
          cursor = last.cursor;
        }
        resume.hidden = false;
        showError(s, e);
        if (!(e instanceof JobInterrupted)) append(s.error, el('p', { text: t('common.interrupted', { done: last.done, total: last.total }) }));
        throw e;
      }
      bar.max = Math.max(1, last.total);
      bar.value = Math.min(last.done, last.total);
      text.textContent = `${last.message ? `${last.message} ` : ''}${t('common.progressText', { done: last.done, total: last.total })}`;
      cursor = last.cursor;
      if (cursor === null) break;
    }
    onDone(last.result, last);
  };

  const run = () => exclusive(s, async () => {
    cursor = null;
    last = { done: 0, total: 0, cursor: null, message: '' };
    await loop().catch(() => undefined);
  }).then(() => undefined);
  resume.addEventListener('click', () => {
    void exclusive(s, () => loop().catch(() => undefined));
  });
  return { root, run };
}
