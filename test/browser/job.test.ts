/**
 * The sidebar's chunked-work driver (src/client/ui.ts `job`) in Chromium: it calls the server chunk by chunk with
 * the cursor, moves the progress bar, keeps every action disabled while work runs, and after a failed chunk offers
 * 「続きから再開」, which continues from the last confirmed cursor instead of starting again.
 */
import { build } from 'esbuild';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launchBrowser, ROOT } from './harness';

const describeBrowser = browserAvailable() ? describe : describe.skip;

/** A page holding one section with a job whose chunks the test answers one by one. */
const HARNESS = `
import { job, section, button } from './src/client/ui';
const s = section('demo', 'common.progress');
const calls = [];
const pending = [];
const view = job(s, (cursor) => new Promise((resolve, reject) => { calls.push(cursor); pending.push({ resolve, reject }); }),
  (result) => { document.body.dataset.result = String(result); });
const other = button('other', () => undefined);
s.body.append(view.root, other);
document.body.append(s.root);
s.root.open = true;
window.harness = {
  start: () => view.run(),
  calls: () => calls.slice(),
  answer: (value) => pending.shift().resolve(value),
  fail: (message) => pending.shift().reject(new Error(message)),
};
`;

describeBrowser('chunked work in the sidebar', () => {
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

  async function waitForCalls(n: number): Promise<unknown[]> {
    await page.waitForFunction((k) => (window as unknown as { harness: { calls(): unknown[] } }).harness.calls().length >= k, n);
    return harness<unknown[]>('calls');
  }

  test('chunks follow the cursor, the bar moves, actions are disabled meanwhile, and a failure resumes from the last cursor', async () => {
    void harness('start');
    expect(await waitForCalls(1)).toEqual([null]);
    // While a chunk runs, every action (here an unrelated button) is disabled.
    expect(await page.getByRole('button', { name: 'other' }).isDisabled()).toBe(true);
    expect(await page.locator('progress').getAttribute('value')).toBeNull();

    await harness('answer', { done: 10, total: 30, cursor: 'c10', message: '' });
    expect(await waitForCalls(2)).toEqual([null, 'c10']);
    expect(await page.locator('progress').evaluate((p: HTMLProgressElement) => [p.value, p.max])).toEqual([10, 30]);

    await harness('fail', 'Service unavailable: Documents');
    const resume = page.getByRole('button', { name: '続きから再開' });
    await resume.waitFor();
    expect(await page.locator('[role="alert"]').textContent()).toContain('Service unavailable: Documents');
    expect(await page.locator('[role="alert"]').textContent()).toContain('10 / 30');
    expect(await page.getByRole('button', { name: 'other' }).isEnabled()).toBe(true);

    await resume.click();
    expect(await waitForCalls(3)).toEqual([null, 'c10', 'c10']);
    await harness('answer', { done: 20, total: 30, cursor: 'c20', message: '' });
    await waitForCalls(4);
    await harness('answer', { done: 30, total: 30, cursor: null, message: '', result: 'finished' });
    await page.waitForFunction(() => document.body.dataset.result === 'finished');
    expect(await harness<unknown[]>('calls')).toEqual([null, 'c10', 'c10', 'c20']);
    expect(await resume.isHidden()).toBe(true);
    expect(await page.getByRole('button', { name: 'other' }).isEnabled()).toBe(true);
  });
});
