/**
 * `npm run deploy` (scripts/deploy.mjs), offline: it must refuse, in Japanese and English and before building or
 * pushing anything, when this checkout is not configured for an Apps Script project.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'deploy.mjs');
const REAL_LOOKING_ID = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcdefGHIJ';

function deploy(files: { clasp?: string; loggedIn?: boolean }, args: string[] = []) {
  const dir = mkdtempSync(path.join(tmpdir(), 'deploy-project-'));
  const home = mkdtempSync(path.join(tmpdir(), 'deploy-home-'));
  if (files.clasp !== undefined) writeFileSync(path.join(dir, '.clasp.json'), files.clasp);
  if (files.loggedIn) writeFileSync(path.join(home, '.clasprc.json'), '{}');
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: dir, env: { ...process.env, HOME: home }, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('npm run deploy refuses clearly when not configured', () => {
  test('the repository\'s own .clasp.json (placeholder id): refused, in Japanese and English, nothing built', () => {
    const r = deploy({ clasp: readFileSync(path.join(__dirname, '..', '..', '.clasp.json'), 'utf8'), loggedIn: true });
    expect(r.status).toBe(1);
    expect(r.out).toContain('スクリプト ID がまだ仮の値（REPLACE_WITH_YOUR_SCRIPT_ID）です');
    expect(r.out).toContain('still has the placeholder script id');
    expect(r.out).not.toContain('built dist/');
  });

  test('no .clasp.json at all', () => {
    const r = deploy({ loggedIn: true });
    expect(r.status).toBe(1);
    expect(r.out).toContain('.clasp.json がありません');
    expect(r.out).toContain('.clasp.json is missing');
  });

  test('an empty id, a malformed file, a rootDir other than dist, no clasp login', () => {
    expect(deploy({ clasp: '{"rootDir":"dist"}', loggedIn: true }).out).toContain('仮の値（空）');
    expect(deploy({ clasp: '{ scriptId: ', loggedIn: true }).out).toContain('.clasp.json を読めません');
    expect(deploy({ clasp: JSON.stringify({ scriptId: REAL_LOOKING_ID, rootDir: 'src' }), loggedIn: true }).out).toContain('"rootDir" は "dist"');
    const noLogin = deploy({ clasp: JSON.stringify({ scriptId: REAL_LOOKING_ID, rootDir: 'dist' }) });
    expect(noLogin.status).toBe(1);
    expect(noLogin.out).toContain('npx clasp login');
  });

  test('configured: the checks pass (--check stops before building and pushing)', () => {
    const r = deploy({ clasp: JSON.stringify({ scriptId: REAL_LOOKING_ID, rootDir: 'dist' }), loggedIn: true }, ['--check']);
    expect(r).toEqual({ status: 0, out: expect.stringContaining('準備できています') });
  });
});

test('package.json runs the checks before anything else', () => {
  const pkg = require('../../package.json') as { scripts: Record<string, string> };
  expect(pkg.scripts.deploy).toBe('node scripts/deploy.mjs');
});
