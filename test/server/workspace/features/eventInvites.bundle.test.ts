/**
 * 「行事の案内を送信」 through the built bundle: the menu item on the selected 行事 row (as Apps Script calls it, the
 * alert in Japanese) and the sidebar's RPC; a re-run mails nobody twice; without a selection it explains.
 */
import type { RpcResult } from '../../../../src/protocol';
import type { EventInviteResult } from '../../../../src/server/workspace/features/eventInvites';
import { loadAddOn } from '../../../support/bundle';
import { BRIEFING, withInvitedEvent } from '../../../faults/operations';

const NOW = new Date('2026-02-02T09:00:00+09:00');

test('menu on the selected 行事 row: one mail per address with the form link, the alert; the sidebar re-run sends none', () => {
  const emu = loadAddOn({ now: NOW });
  withInvitedEvent(emu);
  emu.run('sendEventInvites');
  expect(emu.uiState.alerts.at(-1)!.prompt).toContain('行事シートで');
  expect(emu.mail.outbox).toHaveLength(0);
  const events = emu.active.sheets.find((s) => s.name === '行事')!;
  emu.active.setActiveRange(events.getRange(2, 3) as never);
  emu.run('sendEventInvites');
  const alert = emu.uiState.alerts.at(-1)!;
  expect(alert.title).toBe('行事の案内を送信');
  expect(alert.prompt).toContain(`「${BRIEFING.id}」の案内を3通送りました。`);
  expect(emu.mail.outbox.map((m) => m.to[0]).sort()).toEqual(['fukushi@city.example.jp', 'info@aoba.example.jp', 'senmon@hellowork.example.jp'].sort());
  const url = String(events.getDataRange().getValues()[1]![events.getDataRange().getValues()[0]!.map(String).indexOf('申込フォーム')]);
  expect(url).toMatch(/^https:\/\//);
  for (const m of emu.mail.outbox) expect(m.body).toContain(url);
  const again = emu.run<RpcResult<EventInviteResult>>('rpcSendEventInvites', [BRIEFING.id]);
  expect(again.ok && again.value.sent).toBe(0);
  expect(emu.mail.outbox).toHaveLength(3);
  // A release of addresses already recorded 送信, or an argument that is not a list: nothing is sent again.
  for (const resend of [['info@aoba.example.jp', 'senmon@hellowork.example.jp'], 'info@aoba.example.jp', { 0: 'info@aoba.example.jp', length: 1 }, null]) {
    const r = emu.run<RpcResult<EventInviteResult>>('rpcSendEventInvites', [BRIEFING.id, resend]);
    expect(r.ok && [r.value.sent, r.value.inDoubt]).toEqual([0, []]);
  }
  expect(emu.mail.outbox).toHaveLength(3);
});
