/** The one SCOPES map (src/server/scopes.ts) is exactly the manifest's oauthScopes, and no other code spells a scope URL. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { GOOGLE_SCOPES, SCOPES } from '../../src/server/scopes';

const root = path.join(__dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('SCOPES', () => {
  test('equals appsscript.json\'s oauthScopes, one name per scope', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'appsscript.json'), 'utf8'));
    expect(Object.values(SCOPES).sort()).toEqual([...manifest.oauthScopes].sort());
    expect(new Set(Object.values(GOOGLE_SCOPES)).size).toBe(Object.keys(GOOGLE_SCOPES).length);
  });

  test('server code and the emulator name scopes through the map, never by URL', () => {
    const allowed = new Set([
      'src/server/scopes.ts',
      // Issue 18 rewrites these two (REPORT_SCOPES, DOCUMENTS_SCOPE/DRIVE_FILE_SCOPE): docsapi converts.
      'src/server/workspace/features/activityReport.ts', 'src/server/workspace/features/pamphlet.ts',
    ]);
    const offenders = [...files(path.join(root, 'src')), ...files(path.join(root, 'emulator'))]
      .map((p) => path.relative(root, p))
      .filter((p) => !allowed.has(p))
      .filter((p) => readFileSync(path.join(root, p), 'utf8').split('\n')
        // Comments quote Google's error wording, which names scopes by URL.
        .some((line) => /['"`]https:\/\/www\.googleapis\.com\/auth\//.test(line) && !/^\s*(\*|\/\/)/.test(line)));
    expect(offenders).toEqual([]);
  });
});
