/** Building blocks shared by the sections: a collapsible section, result/error areas, busy state, resumable jobs. */
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

// ---- long work: one server call that may stop part-way and be resumed ----

/** How far a resumable action got: `done` of `total`, and its result once finished. */
export interface Progress<T> {
  done: number;
  total: number;
  result?: T;
}

/**
 * Thrown by a job's step that stopped part-way with its own complete message (what was done, what was not, what to
 * do next): shown alone, without the generic 「途中で止まりました」 line, beside the progress so far.
 */
export class JobInterrupted extends Error {
  constructor(message: string, readonly progress: Progress<unknown>) {
    super(message);
  }
}

export interface JobView {
  root: HTMLElement;
  run(): Promise<void>;
}

/**
 * Runs `step` (one server call whose server side skips what an earlier run finished, e.g. events already in the
 * calendar) with a progress bar. If it fails or stops part-way, the error is shown with a 「続きから再開」 button that
 * calls it again, so what was finished is not redone.
 */
export function job<T>(s: Section, step: () => Promise<Progress<T>>, onDone: (result: T | undefined, last: Progress<T>) => void): JobView {
  const labelId = nextId('progress');
  const bar = el('progress', { max: 1, value: 0, 'aria-labelledby': labelId });
  const text = el('span', { id: labelId, class: 'progress-text', text: t('common.progress') });
  const resume = el('button', { type: 'button', class: 'secondary', text: t('common.retry'), hidden: true });
  action(resume);
  const root = el('div', { class: 'job', hidden: true }, text, bar, resume);
  let last: Progress<T> = { done: 0, total: 0 };

  const show = (p: Progress<unknown>) => {
    bar.max = Math.max(1, p.total);
    bar.value = Math.min(p.done, p.total);
    text.textContent = t('common.progressText', { done: p.done, total: p.total });
  };
  const attempt = async () => {
    root.hidden = false;
    resume.hidden = true;
    // Until the server has said how much there is, the bar is indeterminate (no value attribute).
    if (last.total === 0) bar.removeAttribute('value');
    try {
      last = await step();
    } catch (e) {
      if (e instanceof JobInterrupted) {
        last = { done: e.progress.done, total: e.progress.total };
        show(last);
      }
      resume.hidden = false;
      showError(s, e);
      if (!(e instanceof JobInterrupted)) append(s.error, el('p', { text: t('common.interrupted', { done: last.done, total: last.total }) }));
      throw e;
    }
    show(last);
    onDone(last.result, last);
  };

  const run = () => exclusive(s, async () => {
    last = { done: 0, total: 0 };
    await attempt().catch(() => undefined);
  }).then(() => undefined);
  resume.addEventListener('click', () => {
    void exclusive(s, () => attempt().catch(() => undefined));
  });
  return { root, run };
}
