/**
 * Request tokens (掲載情報の確認's 確認コード, 企業相談's auto-assigned 確認コード; issue 18: one random draw a run,
 * domain/tokens.ts): each token is HMAC-SHA-256 of the run's secret, which must never be written anywhere an agency,
 * a volunteer or a company can read (a cell, a property, a mail, a form) — with it, one agency's token would give away
 * every other's. Each token depends on that secret: the same registry with another draw gives every agency another
 * token.
 */
import { createHmac } from 'node:crypto';
import type { RoundRequestResult, RpcResult } from '../../src/protocol';
import type { Emulator } from '../../emulator';
import { createUtilities, UtilitiesStore } from '../../emulator/utilities';
import { ROUND_TOKEN } from '../../src/server/domain/agency-round';
import { roundWorld } from '../support/agency-round';
import { consultWorld, intakeAnswers, setAutoAssign, sheetRecords, storedForms, typeInto } from '../support/consultations';
import { ok } from '../support/forms';

/** The UUIDs the emulator handed out between two counts (its sequence replayed by its own Utilities). */
function drawn(from: number, to: number): string[] {
  const replay = createUtilities({} as never, { uuids: from });
  return Array.from({ length: to - from }, () => replay.getUuid());
}

/** Everything readable after the run: every cell of every sheet, every property, every mail, every form. */
function everythingReadable(emu: Emulator): string {
  const cells = emu.active.sheets.map((s) => JSON.stringify(s.getDataRange().getValues()));
  const props = [emu.properties.document, emu.properties.user, emu.properties.script].flatMap((m) => [...m.entries()].map((e) => e.join('=')));
  const forms = [...emu.forms.store.forms.values()].map((f) => JSON.stringify({ title: f.title, description: f.description, items: f.items.map((i) => ({ title: i.title, help: i.helpText })) }));
  return [...cells, ...props, JSON.stringify(emu.mail.outbox), ...forms].join('\n');
}

const uuids = (emu: Emulator) => (emu.stores as unknown as { utilities: UtilitiesStore }).utilities.uuids;
const tokensOf = (emu: Emulator, r: RoundRequestResult) => new Map(r.links.map((l) => [l.id, String(emu.forms.store.answersFromPrefilledUrl(l.url).answers[ROUND_TOKEN])]));

test('掲載情報の確認を依頼: the run\'s secret is stored nowhere; every token is keyed by it', () => {
  const emu = roundWorld();
  const before = uuids(emu);
  const result = ok(emu.run<RpcResult<RoundRequestResult>>('rpcRequestAgencyRound', [{}]));
  const [secret, ...more] = drawn(before, uuids(emu));
  expect(more).toEqual([]);
  const readable = everythingReadable(emu);
  expect(readable).not.toContain(secret!);
  const tokens = tokensOf(emu, result);
  expect(tokens.size).toBe(16);
  // Each token is the secret's HMAC of the agency's id, the date and the run's counter (node:crypto's HMAC here),
  // cut to getUuid's shape — and each is on record, so an answer can be matched.
  [...tokens].forEach(([id, token], n) => {
    const mac = createHmac('sha256', secret!).update(`${id}:2026-11-02:${n}`).digest().subarray(0, 16);
    mac[6] = (mac[6]! & 0x0f) | 0x40;
    mac[8] = (mac[8]! & 0x3f) | 0x80;
    expect(token.replace(/-/g, '')).toBe(mac.toString('hex'));
    expect(readable).toContain(token);
  });

  // The same registry, the same day, another draw: no agency gets the same token.
  const other = roundWorld();
  (other.stores as unknown as { utilities: UtilitiesStore }).utilities.uuids += 1000;
  const again = tokensOf(other, ok(other.run<RpcResult<RoundRequestResult>>('rpcRequestAgencyRound', [{}])));
  expect([...again.keys()]).toEqual([...tokens.keys()]);
  for (const [id, token] of again) expect(token).not.toBe(tokens.get(id));
});

test('企業相談 (自動割当): one draw for the inquiries a firing assigns, stored nowhere; their codes differ', () => {
  const emu = consultWorld({ names: ['ワークサポートあおば', 'ステップワーク神田'] });
  sheetRecords(emu, '団体').forEach((_, i) => typeInto(emu, '団体', i + 2, 'メール', `agency${i + 1}@example.jp`));
  setAutoAssign(emu, 'する');
  const { intake } = storedForms(emu);
  const before = uuids(emu);
  emu.forms.submitConcurrently(
    { formId: intake.formId, answers: intakeAnswers({ company: 'a', topics: ['職場実習の受入'], email: 'a@a.example.jp' }) },
    { formId: intake.formId, answers: intakeAnswers({ company: 'b', topics: ['職場実習の受入'], email: 'b@b.example.jp' }) },
  );
  const secrets = drawn(before, uuids(emu));
  expect(secrets).toHaveLength(1);
  const codes = sheetRecords(emu, '企業相談').map((r) => String(r['確認コード']));
  expect(codes).toHaveLength(2);
  expect(new Set(codes).size).toBe(2);
  for (const c of codes) expect(c).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(everythingReadable(emu)).not.toContain(secrets[0]!);
});
