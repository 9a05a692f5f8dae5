/**
 * The sidebar's resumable-work driver (src/client/ui.ts `job`) in Chromium: one server call with a progress bar,
 * every action disabled while it runs; when it stops part-way (its own message and the progress so far) or fails,
 * 「続きから再開」 calls it again, and the result arrives once it finishes.
 */
import { build } from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launchBrowser, ROOT } from './harness';

const describeBrowser = browserAvailable() ? describe : describe.skip;

/** A page holding one section with a job whose calls the test answers one by one. */
const HARNESS = `
import { job, JobInterrupted, section, button } from './src/client/ui';
const s = section('demo', 'common.progress');
let calls = 0;
const pending = [];
const view = job(s, () => new Promise((resolve, reject) => { calls += 1; pending.push({ resolve, reject }); }),
  (result) => { document.body.dataset.result = String(result); });
const other = button('other', () => undefined);
s.body.append(view.root, other);
document.body.append(s.root);
s.root.open = true;
window.harness = {
  start: () => view.run(),
  calls: () => calls,
  answer: (value) => pending.shift().resolve(value),
  interrupt: ([message, progress]) => pending.shift().reject(new JobInterrupted(message, progress)),
  fail: (message) => pending.shift().reject(new Error(message)),
};
`;

describeBrowser('resumable work in the sidebar', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const bundle = await build({ stdin: { contents: HARNESS, resolveDir: ROOT, loader: 'ts' }, bundle: true, write: false, format: 'iife', target: 'es2019' });
    context = await launchBrowser();
    page = context.pages()[0] ?? (await context.newPage());
    await page.setContent('<!DOCTYPE html><html lang="ja"><body></body></html>');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  });

  afterAll(async () => {
    await context?.close();
  });

  const harness = <T>(fn: string, arg?: unknown) =>
    page.evaluate(([f, a]) => (window as unknown as { harness: Record<string, (x?: unknown) => unknown> }).harness[f as string]!(a), [fn, arg] as const) as Promise<T>;

  async function waitForCalls(n: number): Promise<void> {
    await page.waitForFunction((k) => (window as unknown as { harness: { calls(): number } }).harness.calls() >= k, n);
  }

  test('a stop part-way shows its message and progress and resumes; a failure resumes too; actions are disabled meanwhile', async () => {
    void harness('start');
    await waitForCalls(1);
    // While the call runs, every action (here an unrelated button) is disabled, and the bar is indeterminate.
    expect(await page.getByRole('button', { name: 'other' }).isDisabled()).toBe(true);
    expect(await page.locator('progress').getAttribute('value')).toBeNull();

    await harness('interrupt', ['10 件を送信し、残りは明日送信します。', { done: 10, total: 30 }]);
    const resume = page.getByRole('button', { name: '続きから再開' });
    await resume.waitFor();
    expect(await page.locator('[role="alert"]').textContent()).toContain('10 件を送信し、残りは明日送信します。');
    expect(await page.locator('[role="alert"]').textContent()).not.toContain('途中で止まりました');
    expect(await page.locator('progress').evaluate((p: HTMLProgressElement) => [p.value, p.max])).toEqual([10, 30]);
    expect(await page.getByRole('button', { name: 'other' }).isEnabled()).toBe(true);

    await resume.click();
    await waitForCalls(2);
    await harness('fail', 'Service unavailable: Calendar');
    await resume.waitFor();
    expect(await page.locator('[role="alert"]').textContent()).toContain('Service unavailable: Calendar');
    expect(await page.locator('[role="alert"]').textContent()).toContain('10 / 30');

    await resume.click();
    await waitForCalls(3);
    await harness('answer', { done: 30, total: 30, result: 'finished' });
    await page.waitForFunction(() => document.body.dataset.result === 'finished');
    expect(await harness<number>('calls')).toBe(3);
    expect(await page.locator('progress').evaluate((p: HTMLProgressElement) => [p.value, p.max])).toEqual([30, 30]);
    expect(await resume.isHidden()).toBe(true);
    expect(await page.getByRole('button', { name: 'other' }).isEnabled()).toBe(true);
  });
});
