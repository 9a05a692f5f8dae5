/**
 * Demo step: participant mail (issue 15) along the year. The confirmations went out from the form-submit trigger as
 * people registered (forms step); here the clock is set to each moment of the year and the add-on's send runs as the
 * hourly trigger would: a late registration waitlisted, a cancellation typed by hand and the promotion on the next
 * sync, the reminders two days before each event (one participant opted out), the thank-you with the survey link to
 * attendees only, and the one survey reminder. Exports mail/outbox.json and summary.json "mail".
 */
import type { MailRunReport, RpcResult, SyncReport } from '../../src/protocol';
import { MAIL_KINDS, MailKind } from '../../src/server/domain/mail';
import { defaultMailTemplate } from '../../src/server/workspace/mail';
import { DEMO_EVENTS, agencyNamesOf, participantAnswers } from './forms';
import { DemoContext } from './context';
import type { Emulator } from '../../emulator';

function unwrap<T>(r: RpcResult<T>, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${r.error.message}`);
  return r.value;
}

/** A person's typing in a sheet (raw, not an add-on call). */
function typeCell(emu: Emulator, sheetName: string, row: number, header: string, value: unknown): void {
  const sheet = emu.active.sheets.find((s) => s.name === sheetName)!;
  const c = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!.map(String).indexOf(header) + 1;
  sheet.getRange(row, c).setValue(value);
}

function ledgerRows(emu: Emulator): Record<string, unknown>[] {
  const [header, ...rows] = emu.active.sheets.find((s) => s.name === '参加者台帳')!.getDataRange().getValues();
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [String(h), r[i]])));
}

/**
 * Which kind a mail is, from its subject: the default subject (the demo uses the default texts) with each placeholder
 * matching any text (企業相談's 【企業相談 {{受付番号}}】), a reminder's 【再送】 allowed in front.
 */
function kindOf(subject: string): MailKind | null {
  return MAIL_KINDS.find((k) => {
    const pattern = defaultMailTemplate(k).subject.replace(/[.*+?^$()[\]\\|]/g, '\\$&').replace(/\{\{[^}]*\}\}/g, '.*?');
    return new RegExp(`^(【再送】)?${pattern}`).test(subject);
  }) ?? null;
}

export function mailStep(ctx: DemoContext): void {
  const { emu } = ctx;
  const at = (iso: string) => { emu.runtime.fixedNow = new Date(`${iso}+09:00`); };
  const send = (what: string) => {
    const r = unwrap(emu.run<RpcResult<MailRunReport>>('rpcSendMail'), what);
    ctx.log(`${what}: ${r.message.split('\n')[0]}`);
  };
  unwrap(emu.run<RpcResult<unknown>>('rpcSaveSettings', [{ 'アンケート再送（日後）': '3' }]), 'アンケート再送の設定');

  // ---- EV-SEMINAR (2025-08-22): reminders, thank-you, survey reminder ----
  // p1-02 ticked 「配信を希望しない」 on the form (forms.ts): 配信停止 in the ledger, so no reminder or thank-you.
  at('2025-08-20T15:00:00');
  send('EV-SEMINAR リマインド（2日前）');
  at('2025-08-22T17:00:00');
  send('EV-SEMINAR お礼とアンケート');
  at('2025-08-25T17:00:00');
  send('EV-SEMINAR アンケート再送');

  // ---- EV-WORKSHOP (2025-12-12): a late registration is waitlisted; a cancellation promotes it ----
  at('2025-11-20T10:00:00');
  const workshopForm = [...emu.forms.store.forms.values()].find((f) => f.title.startsWith('【参加申込】ロールプレイ'))!;
  emu.forms.submit(workshopForm.id, participantAnswers(1, 30, agencyNamesOf(emu)));
  const now = ledgerRows(emu);
  const cancelled = now.findIndex((r) => r['行事id'] === 'EV-WORKSHOP' && r['状態'] === '申込' && r['出席'] !== true) + 2;
  typeCell(emu, '参加者台帳', cancelled, '状態', '取消');
  at('2025-11-21T10:00:00');
  const sync = unwrap(emu.run<RpcResult<SyncReport>>('rpcSyncResponses'), '回答を同期');
  ctx.log(`EV-WORKSHOP: 31人目の申込はキャンセル待ち、${cancelled}行目を取消 → 回答を同期: ${sync.mail ?? ''}`);
  const promoted = ledgerRows(emu).findIndex((r) => r['メール'] === 'p2-31@example.jp') + 2;
  typeCell(emu, '参加者台帳', promoted, '出席', true); // the promoted participant came
  at('2025-12-10T14:00:00');
  send('EV-WORKSHOP リマインド（2日前）');
  at('2025-12-12T17:00:00');
  send('EV-WORKSHOP お礼とアンケート');
  at('2025-12-15T17:00:00');
  send('EV-WORKSHOP アンケート再送');

  exportOutbox(ctx);
}

/**
 * After the certificates (issue 15 item 7): the workshop's attendees receive their own 参加証明書 by e-mail, one PDF
 * each, and a second run mails nobody twice. The outbox is exported again with them.
 */
export function certificateMailStep(ctx: DemoContext): void {
  const { emu } = ctx;
  emu.runtime.fixedNow = new Date('2025-12-16T10:00:00+09:00');
  const first = unwrap(emu.run<RpcResult<{ count: number; mailed?: number }>>('rpcIssueCertificates', ['EV-WORKSHOP', { perPerson: true, mail: true }]), '参加証明書をメールで送る');
  const again = unwrap(emu.run<RpcResult<{ count: number; mailed?: number }>>('rpcIssueCertificates', ['EV-WORKSHOP', { perPerson: true, mail: true }]), '参加証明書をメールで送る（再実行）');
  ctx.log(`参加証明書をメールで送る EV-WORKSHOP: ${first.mailed ?? 0}通（再実行 ${again.mailed ?? 0}通）`);
  exportOutbox(ctx);
}

export function exportOutbox(ctx: DemoContext): void {
  const { emu } = ctx;
  const titles = new Map(DEMO_EVENTS.map((e) => [e.id, e.title]));
  const outbox = emu.mail.outbox.map((m) => ({
    kind: kindOf(m.subject) ?? 'other',
    event: [...titles].find(([, title]) => m.subject.includes(title))?.[0] ?? '',
    to: m.to, subject: m.subject, body: m.body, attachments: m.attachments,
  }));
  ctx.files.set('mail/outbox.json', JSON.stringify(outbox, null, 2));
  const counts: Record<string, number> = {};
  for (const m of outbox) counts[m.kind] = (counts[m.kind] ?? 0) + 1;
  ctx.summary.mail = counts;
  ctx.log(`メール: ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join('、')}（mail/outbox.json）`);
}
