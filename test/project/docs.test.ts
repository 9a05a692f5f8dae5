/**
 * Issue 14 item 20: the coordinator's steps cover every menu command (the pamphlet and the meeting invitations
 * included), and the project's design notes live in the repository (docs/ARCHITECTURE.md), linked from the README
 * instead of ../shared/DESIGN.md, with every repository path they name still present.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { menuItems } from '../../src/server/operations';
import { t } from '../../src/server/i18n/messages';

const ROOT = path.join(__dirname, '..', '..');
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const coordinator = readme.slice(0, readme.indexOf('## For developers'));

test('the coordinator section has a step for every menu command, the pamphlet and the invitations included', () => {
  for (const entry of menuItems()) if (entry) expect({ caption: t('ja', entry.caption), inSteps: coordinator.includes(t('ja', entry.caption)) }).toEqual({ caption: t('ja', entry.caption), inSteps: true });
  expect(coordinator).toMatch(/\n\d+\. \*\*パンフレット\*\*/);
  expect(coordinator).toMatch(/\n\d+\. \*\*会議の招待\*\*/);
});

test('the README links the design notes in the repository, not ../shared', () => {
  expect(readme).toContain('](docs/ARCHITECTURE.md)');
  expect(readme).not.toContain('../shared');
  expect(existsSync(path.join(ROOT, 'docs', 'ARCHITECTURE.md'))).toBe(true);
});

test('docs/ARCHITECTURE.md names only files and folders that exist, and no outside design file', () => {
  const doc = readFileSync(path.join(ROOT, 'docs', 'ARCHITECTURE.md'), 'utf8');
  expect(doc).not.toContain('../shared');
  const named = [...doc.matchAll(/`((?:src|emulator|test|docs|scripts|bench)\/[\w./-]+)`/g)].map((m) => m[1]!);
  const listed = [...doc.matchAll(/^(src\/[\w./-]+|emulator\/)\s/gm)].map((m) => m[1]!);
  expect(named.length + listed.length).toBeGreaterThan(5);
  for (const p of [...named, ...listed]) expect({ path: p, exists: existsSync(path.join(ROOT, p)) }).toEqual({ path: p, exists: true });
});
