/**
 * Security properties over every operation in the fault matrix's table (test/faults/operations.ts):
 * - no cell the add-on writes holds a formula (every sheet of every spreadsheet, after each operation);
 * - a user who granted only some scopes (granular consent) is told, in Japanese, which permission is missing —
 *   for each scope an operation needs;
 * - the pamphlet carries no participant data.
 * (The XSS corpus through the sidebar and preview in Chromium belongs to the sidebar's tests.)
 */
import type { PamphletResult, RpcResult } from '../../src/protocol';
import { MessageKey, t } from '../../src/server/i18n/messages';
import { SCOPES } from '../../src/server/scopes';

import { documentToPlainLines } from '../../emulator/render-html';
import { documentSections } from '../../emulator/drive';
import { DEMO_EVENTS, DemoEvent, agencyNamesOf, participantAnswers } from '../../scripts/demo/forms';
import { loadAddOn } from '../support/bundle';
import { formulaCells } from '../support/formulas';
import { AddOn, OPERATIONS, Operation, SCOPE } from '../faults/operations';
import { forkAddOn } from '../support/fork';
import type { CallRecord } from '../../emulator/runtime';
import { scopesFor } from '../../emulator/scopes';
import { ok, prepare, sheetRecords } from '../support/forms';

/** The permission's Japanese name as the consent screen says it, in 「」. */
const jaLabel = (scope: string) => `「${t('ja', `scope.${Object.entries(SCOPES).find(([, url]) => url === scope)![0]}` as MessageKey)}」`;


const NOW = new Date('2026-02-02T09:00:00+09:00');

/**
 * Each operation's clean run is made once and kept as a summary (formula cells before and after, the outcome, the
 * manifest scopes its calls need): every world the file made was once kept for the whole file, and with other files
 * before it in the same jest worker that ran the worker out of memory in CI (4 GB). The missing-scope cases of one
 * operation run one after another on copies (test/support/fork.ts: ~50 ms) of one seeded world, the only world kept,
 * seeded again for the next operation. The copy is proved equal to its source datum for datum
 * (test/emulator/index.fork.test.ts) and, per operation, to a world seeded from scratch by the fault matrix
 * (test/faults/matrix.ts); MATRIX_RESEED=1 seeds every case from scratch here too.
 */
interface Clean { before: string[]; after: string[]; outcome: { ok: boolean }; needed: string[] }
const cleanRuns = new Map<string, Clean>();
let manifestScopes: readonly string[] | undefined;
function clean(op: Operation): Clean {
  let c = cleanRuns.get(op.name);
  if (c) return c;
  const emu = loadAddOn({ now: NOW });
  manifestScopes ??= [...emu.runtime.manifestScopes];
  op.setup(emu);
  const before = formulaCells(emu);
  const start = emu.ledger.records.length;
  const outcome = op.run(emu);
  c = { before, after: formulaCells(emu), outcome, needed: scopesNeeded(emu.ledger.records.slice(start), manifestScopes) };
  cleanRuns.set(op.name, c);
  return c;
}

/** The one seeded world kept: the latest operation's, forked for each of its cases. */
let seeded: { op: string; world: AddOn } | undefined;
function seededCopy(op: Operation): AddOn {
  const fresh = () => { const world = loadAddOn({ now: NOW }); op.setup(world); return world; };
  if (process.env.MATRIX_RESEED === '1') return fresh();
  if (seeded?.op !== op.name) seeded = { op: op.name, world: fresh() };
  return forkAddOn(seeded.world, { now: NOW });
}

describe('no formula in any cell the add-on writes', () => {
  test.each(OPERATIONS.map((op) => [op.name, op] as const))('%s', (_name, op) => {
    const { before, after, outcome } = clean(op);
    expect(outcome).toMatchObject({ ok: true });
    expect(after).toEqual(before);
    expect(before).toEqual([]); // the set-ups type text only, so nothing at all is a formula
  });
});

/**
 * Which manifest scopes an operation cannot do without, derived from what it calls: a clean run's ledger, each call
 * looked up in the emulator's scope table (Google's reference). Removing scope S breaks a call when S is the only
 * scope of the manifest among those its reference lists.
 */
function scopesNeeded(calls: readonly CallRecord[], manifest: readonly string[]): string[] {
  const needed = new Set<string>();
  for (const r of calls) {
    const [type, method] = r.method.split('.') as [string, string];
    const held = (scopesFor(r.service, type, method)?.scopes ?? []).filter((s) => manifest.includes(s));
    if (held.length === 1) needed.add(held[0]!);
  }
  return [...needed].sort();
}
/** Read only inside a test, never while jest collects the cases: see Clean above. */
const scopesCalledFor = (op: Operation) => clean(op).needed;

describe('a missing grant (granular consent) is named in Japanese', () => {

  test('each operation declares exactly the scopes its calls need by Google\'s reference', () => {
    // Triggers declare none: nobody is there to be told (their failure is the fault matrix's business).
    // userinfo.email (who ran it, for 操作ログ) is read best-effort: see the next test.
    const ops = OPERATIONS.filter((op) => !op.trigger);
    const declared = ops.map((op) => ({ op: op.name, scopes: [...op.scopes].sort() }));
    // A scope an operation calls but does not declare must be one it works without: a best-effort call whose
    // permission error it catches (回答を同期 reads the mail quota to learn whether mail is granted; without the
    // grant the responses are still recorded and 操作ログ says no mail went). Run without it to prove that.
    const worksWithout = (op: Operation, scope: string) => {
      const emu = seededCopy(op);
      emu.runtime.grantedScopes = emu.runtime.manifestScopes.filter((s) => s !== scope);
      return op.run(emu).ok;
    };
    const needed = ops.map((op) => ({ op: op.name, scopes: scopesCalledFor(op).filter((s) => s !== SCOPE.email && (op.scopes.includes(s) || !worksWithout(op, s))) }));
    expect(needed).toEqual(declared);
  });

  test('without userinfo.email every operation still works, and 操作ログ records the line with the user unknown', () => {
    const op = OPERATIONS.find((o) => o.name === '団体名簿をチェック')!;
    expect(scopesCalledFor(op)).toContain(SCOPE.email);
    const emu = loadAddOn({ now: NOW });
    op.setup(emu);
    emu.runtime.grantedScopes = emu.runtime.manifestScopes.filter((s) => s !== SCOPE.email);
    expect(op.run(emu)).toMatchObject({ ok: true });
    const log = sheetRecords(emu, '操作ログ');
    expect(log.at(-1)).toMatchObject({ 操作: op.name, 実行者: '(不明)' });
  });

  // One scope removed at a time (manifest minus it): every operation whose calls need it fails with its Japanese name.
  // The cases come from the scopes each operation declares, which the first test above proves are those its calls need
  // (deriving them here would run every operation while jest collects the cases, in one synchronous stretch, where
  // V8 frees none of the script contexts those executions made: 1.7 GB).
  const cases = OPERATIONS.filter((op) => !op.trigger).flatMap((op) => [...op.scopes]
    .filter((s) => s !== SCOPE.email).map((scope) => [op.name, scope.replace('https://www.googleapis.com/auth/', ''), op, scope] as const));
  test.each(cases)('%s without %s', (_name, _short, op, scope) => {
    const emu = seededCopy(op);
    emu.runtime.grantedScopes = emu.runtime.manifestScopes.filter((s) => s !== scope);
    const outcome = op.run(emu);
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toContain(jaLabel(scope));
    expect(outcome.message).toContain('権限が必要です');
    expect(outcome.message).not.toMatch(/Exception|https:\/\/www\.googleapis|\n\s+at /);
  });

  // The same scope missing from appsscript.json itself (a manifest edit gone wrong), for one operation it affects:
  // Google then answers "Specified permissions are not sufficient…", which must not reach the user either.
  const manifestCases = [...new Map(cases.map(([name, short, op, scope]) => [scope, [name, short, op, scope] as const])).values()];
  test.each(manifestCases)('%s with %s missing from the manifest', (_name, _short, op, scope) => {
    const emu = seededCopy(op);
    emu.runtime.manifestScopes = emu.runtime.manifestScopes.filter((s) => s !== scope);
    emu.runtime.grantedScopes = [...emu.runtime.manifestScopes];
    const outcome = op.run(emu);
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toContain(jaLabel(scope));
    expect(outcome.message).not.toMatch(/Exception|Specified permissions|https:\/\/www\.googleapis|\n\s+at /);
  });

  test('every operation declares the scopes it needs, and each is in the manifest', () => {
    const emu = loadAddOn();
    for (const op of OPERATIONS) for (const s of op.scopes) expect({ op: op.name, s, inManifest: emu.runtime.manifestScopes.includes(s) }).toEqual({ op: op.name, s, inManifest: true });
  });
});

describe('the pamphlet carries agency data only', () => {
  test('no participant name, kana, e-mail or free-text agency from the ledger appears in the document or its PDF', () => {
    const emu = loadAddOn({ now: NOW });
    const forms = prepare(emu, { events: [DEMO_EVENTS[0] as DemoEvent] });
    const formId = forms.get(DEMO_EVENTS[0]!.id)!.registration.formId;
    const agencies = agencyNamesOf(emu);
    for (let i = 0; i < 12; i++) {
      emu.runtime.advanceClock(60_000);
      emu.forms.submit(formId, participantAnswers(0, i, agencies));
    }
    const ledger = sheetRecords(emu, '参加者台帳');
    expect(ledger).toHaveLength(12);
    ok(emu.run<RpcResult<unknown>>('rpcCreatePamphletTemplate'));
    const pamphlet = ok(emu.run<RpcResult<PamphletResult>>('rpcGeneratePamphlet', [{ issuedOn: '2026-02-02' }]));
    const text = documentToPlainLines(documentSections(emu.drive, pamphlet.documentId)!).join('\n');
    const pdf = (emu.drive.files.get(pamphlet.pdfId)?.pdfText ?? []).join('\n');
    expect(text.length).toBeGreaterThan(200);
    expect(pdf.length).toBeGreaterThan(200);
    const agencyNames = new Set(agencies);
    const personal = ledger.flatMap((r) => [r['氏名'], r['ふりがな'], r['メール'], r['所属団体']])
      .map(String).filter((v) => v.trim() !== '' && !agencyNames.has(v));
    expect(personal.length).toBeGreaterThan(20);
    for (const value of personal) {
      expect({ value, inDocument: text.includes(value) }).toEqual({ value, inDocument: false });
      expect({ value, inPdf: pdf.includes(value) }).toEqual({ value, inPdf: false });
    }
    // Only consented agencies are listed: one that has not consented is named nowhere.
    const notConsented = sheetRecords(emu, '団体').filter((r) => r['掲載同意'] !== '同意').map((r) => String(r['名称']));
    expect(notConsented.length).toBeGreaterThan(0);
    for (const name of notConsented) expect({ name, listed: text.includes(name) }).toEqual({ name, listed: false });
  });
});
