/**
 * DriveApp's reference lists only the broad `drive` / `drive.readonly` scopes, which the manifest does not (and must
 * not) ask for: under `drive.file` every DriveApp call fails on real Google. The add-on reaches Drive through the
 * Advanced Drive service only (src/server/workspace/drive.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const SRC = path.join(__dirname, '..', '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : /\.(ts|js|html)$/.test(name) ? [p] : [];
  });
}

test('no DriveApp anywhere in src/', () => {
  const files = sources(SRC);
  expect(files.length).toBeGreaterThan(20);
  const hits = files.filter((f) => /DriveApp/.test(readFileSync(f, 'utf8'))).map((f) => path.relative(SRC, f));
  expect(hits).toEqual([]);
});

test('the built bundle calls no DriveApp method either', () => {
  const bundle = readFileSync(path.join(__dirname, '..', '..', 'dist', 'Code.js'), 'utf8');
  expect(bundle).not.toMatch(/DriveApp/);
  expect(bundle).toMatch(/Drive\.Files/);
});

test('the manifest enables the Advanced Drive service v3 and never asks for the restricted drive scope', () => {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'appsscript.json'), 'utf8')) as {
    oauthScopes: string[]; dependencies: { enabledAdvancedServices: { userSymbol: string; serviceId: string; version: string }[] };
  };
  expect(manifest.dependencies.enabledAdvancedServices).toContainEqual({ userSymbol: 'Drive', serviceId: 'drive', version: 'v3' });
  expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/drive.file');
  expect(manifest.oauthScopes).not.toContain('https://www.googleapis.com/auth/drive');
  expect(manifest.oauthScopes).not.toContain('https://www.googleapis.com/auth/drive.readonly');
});
