/**
 * Issue 13, item 7: the tests mirror the source tree (README, "A short tour of the code").
 *
 *   test/server/<path>/<module>[.<aspect>].test.ts   ↔ src/server/<path>/<module>.ts
 *   test/client/<path>/<module>[.<aspect>].test.ts   ↔ src/client/<path>/<module>.ts
 *   test/emulator/<path>/<module>[.<aspect>].test.ts ↔ emulator/<path>/<module>.ts
 *
 * `<aspect>` (after the first dot) names what the file looks at when a module has several test files: `bundle`
 * (through the built dist/Code.js, as Apps Script calls it), `demo` (through `npm run demo`), or a topic
 * (`forms.rerun-diff.test.ts`). The proof suites and the project checks cut across the tree and keep their own
 * folders; helpers live in test/support/, data files in test/fixtures/. Every domain module and every feature module
 * has a test at its mirrored place, or an entry in COVERED_ELSEWHERE naming the test that exercises it.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

/** Test folder → the source folder it mirrors. */
const MIRRORS: Record<string, string> = { 'test/server': 'src/server', 'test/client': 'src/client', 'test/emulator': 'emulator' };
/** Folders that cut across the tree: proof suites, project checks (tests allowed, any name). */
const CROSS_CUTTING = ['browser', 'concurrency', 'faults', 'hostile', 'security', 'volunteer', 'project'];
/** Folders without tests: shared helpers and data files. */
const NO_TESTS = ['support', 'fixtures'];

/**
 * Modules tested where another module's test drives them. `by` must be a test in the layout and must contain `sees`
 * (the module's import path, or the entry point or sheet through which the bundle test exercises it). An entry for a
 * module that now has its own test at its mirrored place fails: remove it.
 */
const COVERED_ELSEWHERE: Record<string, { by: string; sees: string }> = {
  'src/server/domain/attendance.ts': { by: 'test/server/domain/registration.test.ts', sees: "domain/attendance'" },
  'src/server/domain/events.ts': { by: 'test/server/domain/registration.test.ts', sees: "domain/events'" },
  'src/server/domain/ledger.ts': { by: 'test/server/domain/registration.test.ts', sees: "domain/ledger'" },
  'src/server/domain/survey-questions.ts': { by: 'test/server/domain/registration.test.ts', sees: "domain/survey-questions'" },
  'src/server/domain/certificates.ts': { by: 'test/server/domain/checkin.test.ts', sees: "domain/certificates'" },
  'src/server/domain/training-counts.ts': { by: 'test/server/domain/checkin.test.ts', sees: "domain/training-counts'" },
  'src/server/domain/gojuon.ts': { by: 'test/server/domain/checkin.test.ts', sees: "domain/gojuon'" },
  'src/server/domain/continuity.ts': { by: 'test/server/workspace/features/health.bundle.test.ts', sees: 'continuity' },
  'src/server/domain/csv.ts': { by: 'test/server/domain/agencies.test.ts', sees: "domain/csv'" },
  'src/server/domain/dates.ts': { by: 'test/server/domain/ja.test.ts', sees: "domain/dates'" },
  'src/server/domain/text.ts': { by: 'test/server/domain/ja.test.ts', sees: "domain/text'" },
  'src/server/domain/form-sync.ts': { by: 'test/server/workspace/features/forms.rerun-diff.test.ts', sees: "domain/form-sync'" },
  'src/server/domain/schema.ts': { by: 'test/server/workspace/features/registry.test.ts', sees: "domain/schema'" },
  'src/server/domain/settings-check.ts': { by: 'test/server/domain/health.test.ts', sees: "domain/settings-check'" },
  'src/server/domain/template.ts': { by: 'test/server/domain/doc-requests.test.ts', sees: "domain/template'" },
  'src/server/domain/ics.ts': { by: 'test/server/domain/mail.test.ts', sees: "domain/ics'" },
  'src/server/workspace/features/accommodation.ts': { by: 'test/server/workspace/features/privacy.bundle.test.ts', sees: 'rpcCreateAccommodationForm' },
  'src/server/workspace/features/privacyEntry.ts': { by: 'test/server/workspace/features/privacy.bundle.test.ts', sees: 'rpcSearchPersonalData' },
  'src/server/workspace/features/catchUp.ts': { by: 'test/server/workspace/features/health.test.ts', sees: "features/catchUp'" },
  'src/server/workspace/features/certificates.ts': { by: 'test/server/workspace/features/checkin.bundle.test.ts', sees: 'rpcIssueCertificates' },
  'src/server/workspace/features/csvImport.ts': { by: 'test/server/workspace/features/registry.test.ts', sees: "features/csvImport'" },
  'src/server/workspace/features/formsEntry.ts': { by: 'test/server/workspace/features/forms.bundle.test.ts', sees: 'rpcCreateEventForms' },
  'src/server/workspace/features/pending.ts': { by: 'test/server/workspace/features/forms.bundle.test.ts', sees: 'pendingSince' },
  'src/server/workspace/features/surveys.ts': { by: 'test/server/workspace/features/forms.test.ts', sees: 'アンケート設問' },
  'src/server/workspace/features/importRecord.ts': { by: 'test/server/workspace/features/responses.identity.test.ts', sees: '取り込み記録' },
  'src/server/workspace/features/reportEntry.ts': { by: 'test/server/workspace/features/activityReport.test.ts', sees: "features/reportEntry'" },
};

/** The modules that must each have a test: every domain module and every feature's workspace module. */
const MUST_HAVE_TESTS = ['src/server/domain', 'src/server/workspace/features'];

function walk(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    return statSync(path.join(ROOT, rel)).isDirectory() ? walk(rel) : [rel];
  });
}

const isTest = (file: string) => file.endsWith('.test.ts');
const moduleOf = (file: string) => path.basename(file).split('.')[0];

/** Where a test of `source` (a .ts file) goes. */
function mirroredTest(source: string): string {
  const [testDir, srcDir] = Object.entries(MIRRORS).find(([, s]) => source.startsWith(`${s}/`))!;
  return `${testDir}${source.slice(srcDir.length).replace(/\.ts$/, '')}.test.ts`;
}

/** The mirrored source of a test in a mirrored folder, or undefined when the folder is not mirrored. */
function sourceOf(test: string): string | undefined {
  const entry = Object.entries(MIRRORS).find(([t]) => test.startsWith(`${t}/`));
  if (!entry) return undefined;
  const [testDir, srcDir] = entry;
  return `${srcDir}${path.dirname(test).slice(testDir.length)}/${moduleOf(test)}.ts`;
}

/** The source modules a test imports (src/ or emulator/), as candidates for where it belongs. */
function importedSources(test: string): string[] {
  if (!existsSync(path.join(ROOT, test))) return [];
  const text = readFileSync(path.join(ROOT, test), 'utf8');
  const dir = path.dirname(test);
  return [...text.matchAll(/from '(\.[^']+)'/g)]
    .map((m) => path.posix.normalize(`${dir}/${m[1]}`))
    .map((p) => (existsSync(path.join(ROOT, `${p}.ts`)) ? `${p}.ts` : existsSync(path.join(ROOT, p, 'index.ts')) ? `${p}/index.ts` : ''))
    .filter((p) => Object.values(MIRRORS).some((s) => p.startsWith(`${s}/`)) && !/^src\/(protocol|server\/scopes)\.ts$/.test(p));
}

const RULE = 'A test of src/server/X.ts goes in test/server/X.test.ts (several: X.<aspect>.test.ts, e.g. X.bundle.test.ts '
  + 'through the built bundle), src/client/X.ts → test/client/X.test.ts, emulator/X.ts → test/emulator/X.test.ts; '
  + `proof suites and project checks in test/{${CROSS_CUTTING.join(',')}}/; helpers in test/support/, data in test/fixtures/ `
  + '(README, "A short tour of the code"). Move it with git mv and fix its relative imports.';

function misplaced(file: string): string | undefined {
  const top = file.split('/')[1] ?? '';
  if (file.split('/').length === 2) return `${file}: no file at test/'s root. ${RULE}`;
  if (CROSS_CUTTING.includes(top)) return undefined;
  if (NO_TESTS.includes(top)) return isTest(file) ? `${file}: test/${top}/ holds no tests. ${RULE}` : undefined;
  const source = sourceOf(file);
  if (source === undefined) {
    const guesses = isTest(file) ? importedSources(file).map(mirroredTest) : [];
    const hint = guesses.length ? ` By its imports it belongs at ${[...new Set(guesses)].map((g) => g.replace(/\.test\.ts$/, '[.<aspect>].test.ts')).join(' or ')}.` : '';
    return `${file}: test/${top}/ mirrors no source folder.${hint} ${RULE}`;
  }
  if (!isTest(file)) return `${file}: only tests in the mirrored folders; helpers go in test/support/, data in test/fixtures/.`;
  if (!existsSync(path.join(ROOT, source))) {
    const guesses = importedSources(file).map(mirroredTest);
    const hint = guesses.length ? ` By its imports it belongs at ${[...new Set(guesses)].map((g) => g.replace(/\.test\.ts$/, '[.<aspect>].test.ts')).join(' or ')}.` : '';
    return `${file}: mirrors ${source}, which does not exist (the part before the first dot names the module).${hint} ${RULE}`;
  }
  return undefined;
}

const TESTS = walk('test');

test('every file under test/ is where the layout says', () => {
  expect(TESTS.map(misplaced).filter(Boolean)).toEqual([]);
});

function coverageProblems(sources: string[], covered: typeof COVERED_ELSEWHERE): string[] {
  const problems: string[] = [];
  for (const source of sources) {
    const own = mirroredTest(source);
    const ownDir = path.dirname(own);
    const module = path.basename(source, '.ts');
    const hasOwn = existsSync(path.join(ROOT, ownDir))
      && readdirSync(path.join(ROOT, ownDir)).some((n) => isTest(n) && moduleOf(n) === module);
    const elsewhere = covered[source];
    if (hasOwn && elsewhere) problems.push(`${source} has its own test now: remove its COVERED_ELSEWHERE entry (test/project/test-layout.test.ts).`);
    if (hasOwn || elsewhere) continue;
    problems.push(`${source} has no test: write ${own} (or ${own.replace(/\.test\.ts$/, '.<aspect>.test.ts')}).`);
  }
  for (const [source, { by, sees }] of Object.entries(covered)) {
    if (!existsSync(path.join(ROOT, source))) problems.push(`COVERED_ELSEWHERE names ${source}, which does not exist.`);
    if (!existsSync(path.join(ROOT, by))) problems.push(`COVERED_ELSEWHERE: ${source} is said to be covered by ${by}, which does not exist.`);
    else if (misplaced(by)) problems.push(`COVERED_ELSEWHERE: ${by} is not in the layout.`);
    else if (!readFileSync(path.join(ROOT, by), 'utf8').includes(sees)) problems.push(`COVERED_ELSEWHERE: ${by} no longer mentions ${sees}, so it does not show it covers ${source}.`);
  }
  return problems;
}

const MODULES = MUST_HAVE_TESTS.flatMap((dir) => readdirSync(path.join(ROOT, dir))
  .filter((n) => n.endsWith('.ts') && !n.endsWith('.d.ts')).map((n) => `${dir}/${n}`));

test('every domain module and feature module has a test at its mirrored place (or names the test that covers it)', () => {
  expect(coverageProblems(MODULES, COVERED_ELSEWHERE)).toEqual([]);
});

test('the rule bites: a misplaced test is told where it belongs', () => {
  // A file named as before the move (test/<feature>/domain.test.ts) importing the domain module.
  const guess = importedSources('test/server/domain/meetings.test.ts').map(mirroredTest);
  expect(guess).toContain('test/server/domain/meetings.test.ts');
  expect(misplaced('test/meetings/domain.test.ts')).toMatch(/mirrors no source folder/);
  expect(misplaced('test/server/workspace/features/meeting.bundle.test.ts')).toMatch(/src\/server\/workspace\/features\/meeting\.ts, which does not exist/);
  expect(misplaced('test/support/x.test.ts')).toMatch(/holds no tests/);
  expect(misplaced('test/server/domain/helpers.ts')).toMatch(/helpers go in test\/support/);
  expect(misplaced('test/x.test.ts')).toMatch(/no file at test\/'s root/);
  expect(misplaced('test/server/workspace/features/meetings.bundle.test.ts')).toBeUndefined();
  expect(misplaced('test/faults/anything.ts')).toBeUndefined();
  // A module without a test, an entry for a module that has its own, and an entry whose test says nothing of it.
  expect(coverageProblems(['src/server/domain/reminders.ts'], {})).toEqual([
    'src/server/domain/reminders.ts has no test: write test/server/domain/reminders.test.ts (or test/server/domain/reminders.<aspect>.test.ts).',
  ]);
  expect(coverageProblems(['src/server/domain/email.ts'], { 'src/server/domain/email.ts': { by: 'test/server/domain/ja.test.ts', sees: 'rpcNoSuchThing' } })
    .join('\n')).toMatch(/has its own test now[\s\S]*no longer mentions rpcNoSuchThing/);
});
