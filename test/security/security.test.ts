/**
 * Security properties over every operation in the fault matrix's table (test/faults/operations.ts):
 * - no cell the add-on writes holds a formula (every sheet of every spreadsheet, after each operation);
 * - a user who granted only some scopes (granular consent) is told, in Japanese, which permission is missing —
 *   for each scope an operation needs;
 * - the pamphlet carries no participant data.
 * (The XSS corpus through the sidebar and preview in Chromium belongs to the sidebar's tests.)
 */
import type { PamphletResult, RpcResult } from '../../src/protocol';
import { SCOPE_LABELS } from '../../src/server/workspace/auth';
import { documentToPlainLines } from '../../emulator/render-html';
import { documentSections } from '../../emulator/drive';
import { DEMO_EVENTS, DemoEvent, agencyNamesOf, participantAnswers } from '../../scripts/demo/forms';
import { loadAddOn } from '../support/bundle';
import { formulaCells } from '../support/formulas';
import { OPERATIONS } from '../faults/operations';
import { ok, prepare, sheetRecords } from '../forms/support';

const NOW = new Date('2026-02-02T09:00:00+09:00');

describe('no formula in any cell the add-on writes', () => {
  test.each(OPERATIONS.map((op) => [op.name, op] as const))('%s', (_name, op) => {
    const emu = loadAddOn({ now: NOW });
    op.setup(emu);
    const before = formulaCells(emu);
    expect(op.run(emu)).toMatchObject({ ok: true });
    expect(formulaCells(emu)).toEqual(before);
    expect(before).toEqual([]); // the set-ups type text only, so nothing at all is a formula
  });
});

describe('a missing grant (granular consent) is named in Japanese', () => {
  const cases = OPERATIONS.filter((op) => !op.trigger).flatMap((op) => op.scopes.map((scope) => [op.name, scope.replace('https://www.googleapis.com/auth/', ''), op, scope] as const));
  test.each(cases)('%s without %s', (_name, _short, op, scope) => {
    const emu = loadAddOn({ now: NOW });
    op.setup(emu);
    emu.runtime.grantedScopes = emu.runtime.manifestScopes.filter((s) => s !== scope);
    const outcome = op.run(emu);
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toContain(`「${SCOPE_LABELS[scope]}」`);
    expect(outcome.message).toContain('権限が必要です');
    expect(outcome.message).not.toMatch(/Exception|https:\/\/www\.googleapis|\n\s+at /);
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
