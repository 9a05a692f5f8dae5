/**
 * Issue 13 item 1: the operation table (src/server/operations.ts) is the one list of what the add-on does. main.ts
 * holds exactly one line per entry point the table declares (a missing or extra entry point fails here), each line
 * runs the operation that declares that function, the menu the bundle builds is the table's, and the fault and
 * volunteer-edit matrices cover every operation that writes.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as main from '../../src/server/main';
import { entryPoints, LIFECYCLE, menuItems, OPERATIONS, OperationId } from '../../src/server/operations';
import { t } from '../../src/server/i18n/messages';
import { OPERATIONS as FAULT_OPERATIONS } from '../faults/operations';
import { TARGET_OF } from '../volunteer/matrix';
import { loadAddOn } from '../support/bundle';

const MAIN = readFileSync(path.join(__dirname, '..', '..', 'src', 'server', 'main.ts'), 'utf8');
const declared = entryPoints();

test('main.ts exports exactly the entry points the table declares, plus onOpen/onInstall', () => {
  const exported = Object.keys(main).filter((k) => typeof (main as Record<string, unknown>)[k] === 'function').sort();
  expect(exported).toEqual([...declared.map((e) => e.fn), ...LIFECYCLE].sort());
  expect(new Set(declared.map((e) => e.fn)).size).toBe(declared.length);
});

test('each entry point is one line that runs the operation declaring it, from the place it declares', () => {
  const RUNNER = { menu: 'fromMenu', sidebar: 'fromSidebar', trigger: 'fromTrigger' } as const;
  const lines = MAIN.split('\n').filter((l) => l.startsWith('export function'));
  const wrong: string[] = [];
  for (const e of declared) {
    const line = lines.filter((l) => l.startsWith(`export function ${e.fn}(`));
    const expected = new RegExp(`^export function ${e.fn}\\([^)]*\\)(: [^{]+)? \\{ (return )?${RUNNER[e.where]}\\(O\\.${e.id}(, [\\w, ]+)?\\); \\}$`);
    if (line.length !== 1 || !expected.test(line[0]!)) wrong.push(`${e.fn} (${e.where} of ${e.id}): ${line.join(' | ') || 'missing'}`);
  }
  expect(wrong).toEqual([]);
});

test('every operation has a caption in Japanese and English, and the 操作ログ names are distinct', () => {
  const captions = Object.values(OPERATIONS).map((o) => o.caption);
  for (const c of captions) {
    expect(t('ja', c)).not.toBe('');
    expect(t('en', c)).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  }
  expect(new Set(captions.map((c) => t('ja', c))).size).toBe(captions.length);
});

test('the menu the bundle builds is the table\'s: captions, functions, separators between groups', () => {
  const emu = loadAddOn();
  emu.run('onOpen', [{ authMode: 'LIMITED' } as never]);
  const expected = menuItems().map((m) => (m ? { caption: t('ja', m.caption), fn: m.fn } : null));
  const built = emu.uiState.menus.at(-1)!.items.map((i) => ('caption' in i ? { caption: i.caption, fn: i.functionName } : null));
  expect(built).toEqual(expected);
  // A group's items are listed together in the table, so each group is one block between separators.
  const groups = Object.values(OPERATIONS).flatMap((o) => ('menu' in o && o.menu ? [o.menu.group] : []));
  const blocks = groups.filter((g, i) => i === 0 || groups[i - 1] !== g);
  expect(new Set(blocks).size).toBe(blocks.length);
});

/** Operations that write: what the fault and volunteer-edit matrices must reach. */
const writing = (Object.entries(OPERATIONS) as [OperationId, (typeof OPERATIONS)[OperationId]][])
  .filter(([, o]) => 'trigger' in o || ('run' in o && (o as { log?: boolean }).log !== false))
  .map(([id]) => id);

function covering(id: OperationId): string[] {
  const fns = declared.filter((e) => e.id === id).map((e) => e.fn);
  return FAULT_OPERATIONS.filter((o) => o.run.entry && fns.includes(o.run.entry)).map((o) => o.name);
}

test('the fault matrix runs every operation that writes (test/faults/operations.ts names its entry point)', () => {
  expect(writing.filter((id) => covering(id).length === 0)).toEqual([]);
  for (const o of FAULT_OPERATIONS) expect({ op: o.name, entry: o.run.entry ?? 'none' }).toEqual({ op: o.name, entry: expect.stringMatching(/./) });
});

/** Writing operations the volunteer-edit matrix does not run, each with the reason. */
const NOT_IN_VOLUNTEER_MATRIX: Partial<Record<OperationId, string>> = {
  catchUpResponses: 'the same write path as 回答を同期, which the matrix runs',
};

test('the volunteer-edit matrix runs every other operation that writes', () => {
  const missing = writing.filter((id) => !NOT_IN_VOLUNTEER_MATRIX[id] && !covering(id).some((name) => TARGET_OF[name]));
  expect(missing).toEqual([]);
});
