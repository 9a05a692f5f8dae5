/**
 * Demo steps for the day and after (issue 15): each event's 受付名簿 (Doc + PDF under docs/), part of the attendees
 * checking themselves in through the QR code's form (by e-mail or 受付番号, and walk-ins), the rest ticked in the ledger
 * by volunteers (formsStep); then the 参加証明書 (docs/) and the 受講記録 sheet. summary.json → "checkIn" and
 * "certificates".
 */
import type { RpcResult } from '../../src/protocol';
import { documentSections } from '../../emulator/drive';
import { renderDocumentHtml } from '../../emulator/render-html';
import { CHECK_IN_TITLES, checkInCounts, receiptNumber } from '../../src/server/domain/checkin';
import type { LedgerRow } from '../../src/server/domain/ledger';
import { DEMO_EVENTS } from './forms';
import { DemoContext } from './context';

function unwrap<T>(r: RpcResult<T>, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${r.error.message}`);
  return r.value;
}

const fileName = (name: string) => name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');

function exportDoc(ctx: DemoContext, documentId: string, pdfId: string): string {
  const name = ctx.emu.drive.files.get(documentId)?.name ?? documentId;
  const sections = documentSections(ctx.emu.drive, documentId);
  if (!sections) throw new Error(`document ${documentId} not found`);
  ctx.files.set(`docs/${fileName(name)}.html`, renderDocumentHtml(sections, name));
  const pdf = ctx.emu.drive.files.get(pdfId);
  if (pdf?.bytes) ctx.files.set(`docs/${fileName(name)}.pdf`, Buffer.from(pdf.bytes));
  return name;
}

function sheetRecords(ctx: DemoContext, name: string): Record<string, unknown>[] {
  const sheet = ctx.emu.active.sheets.find((s) => s.name === name);
  if (!sheet) return [];
  const [header, ...rows] = sheet.getDataRange().getValues();
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [String(h), r[i]])));
}

const WALK_INS: Record<string, { name: string; furigana: string; agency: string; email: string }[]> = {
  'EV-SEMINAR': [
    { name: '飛入 一郎', furigana: 'とびいり いちろう', agency: '区役所 障害者福祉課', email: 'tobiiri1@example.jp' },
    { name: '当日 花', furigana: 'とうじつ はな', agency: '株式会社サンプル商事 人事部', email: 'toujitsu@example.jp' },
  ],
  'EV-WORKSHOP': [{ name: '飛入 二郎', furigana: 'とびいり じろう', agency: 'ワークサポートあおば', email: 'tobiiri2@example.jp' }],
};

/** On each event's day, before volunteers tick the rest: the roster, then every third registrant checks in at the QR form. */
export function checkInOnTheDay(ctx: DemoContext): void {
  const { emu } = ctx;
  for (const event of DEMO_EVENTS) {
    emu.runtime.setNow(new Date(event.start.getTime() - 60 * 60 * 1000));
    const roster = unwrap(emu.run<RpcResult<{ documentId: string; pdfId: string; listed: number; formUrl: string }>>('rpcCreateRoster', [event.id]), `roster ${event.id}`);
    const name = exportDoc(ctx, roster.documentId, roster.pdfId);
    ctx.log(`受付名簿を作成 ${event.id}: ${roster.listed}名 →「${name}」、セルフ受付フォーム ${roster.formUrl}`);
    const formId = (JSON.parse(emu.properties.document.get('checkin.forms') ?? '{}')[event.id] as { formId: string }).formId;
    // Every third registrant, among those the volunteers would tick anyway (formsStep's tickAttendance leaves every
    // absentEvery-th ledger row out), so only the walk-ins change the day's numbers.
    const absentEvery = event.id === 'EV-SEMINAR' ? 8 : 10;
    const ledger = sheetRecords(ctx, '参加者台帳');
    const registered = ledger.filter((r, i) => r['行事id'] === event.id && r['状態'] === '申込' && (i + 1) % absentEvery !== 0);
    // The first few arrive one by one through the trigger (one of them fired twice); the rest, at the morning rush,
    // find the trigger busy and are brought in by one 回答を同期 below (as the hourly catch-up would).
    const installed = [...emu.triggers];
    let self = 0;
    registered.forEach((r, i) => {
      if (i % 3 !== 0) return;
      if (self === 4) emu.triggers.splice(0);
      emu.runtime.advanceClock(40_000);
      const key = i % 2 === 0 ? String(r['メール']) : receiptNumber(String(r['回答id']));
      emu.forms.submit(formId, { [CHECK_IN_TITLES.key]: key }, { duplicateFiring: i === 0 });
      self++;
    });
    for (const w of WALK_INS[event.id] ?? []) {
      emu.runtime.advanceClock(40_000);
      emu.forms.submit(formId, { [CHECK_IN_TITLES.key]: w.email, [CHECK_IN_TITLES.name]: w.name, [CHECK_IN_TITLES.furigana]: w.furigana, [CHECK_IN_TITLES.agency]: w.agency });
    }
    if (emu.triggers.length === 0) emu.triggers.push(...installed);
    unwrap(emu.run<RpcResult<unknown>>('rpcSyncResponses'), `check-ins ${event.id}`);
    ctx.log(`セルフ受付 ${event.id}: QRコードのフォームから ${self}名（4名はその場で、残りは同期で取り込み）、当日参加 ${(WALK_INS[event.id] ?? []).length}名`);
  }
}

/** After the events: certificates for every attendee, the 受講記録 sheet, and the check-in counts. */
export function certificatesStep(ctx: DemoContext): void {
  const { emu } = ctx;
  const certificates: Record<string, { issued: number; first: number; last: number; document: string }> = {};
  for (const event of DEMO_EVENTS) {
    const r = unwrap(emu.run<RpcResult<{ count: number; first: number; last: number; documentId: string; pdfId: string }>>('rpcIssueCertificates', [event.id]), `certificates ${event.id}`);
    const name = r.count ? exportDoc(ctx, r.documentId, r.pdfId) : '';
    certificates[event.id] = { issued: r.count, first: r.first, last: r.last, document: name };
    ctx.log(`参加証明書を作成 ${event.id}: ${r.count}枚（発行番号 ${r.first}〜${r.last}）`);
  }
  const again = unwrap(emu.run<RpcResult<{ count: number }>>('rpcIssueCertificates', ['EV-SEMINAR']), 'certificates again');
  ctx.log(`参加証明書を再実行: 新しく作成 ${again.count}枚（重複なし）`);
  emu.run('updateTrainingRecords');
  ctx.log(`受講記録を更新: ${sheetRecords(ctx, '受講記録').filter((r) => String(r['メール']).includes('@')).length}行`);

  // How each attendee was checked in, from the ledger and the record of handled check-ins (no names).
  const ledger = sheetRecords(ctx, '参加者台帳').map((r) => ({
    responseId: String(r['回答id']), eventId: String(r['行事id']), attended: r['出席'] === true, route: String(r['経路']),
  })) as LedgerRow[];
  const self = new Set(sheetRecords(ctx, '取り込み記録').map((r) => String(r['内容'])).filter((v) => v.startsWith('checkin:')).map((v) => v.slice('checkin:'.length)));
  ctx.summary.checkIn = Object.fromEntries(DEMO_EVENTS.map((e) => [e.id, checkInCounts(ledger, e.id, self)]));
  ctx.summary.certificates = certificates;
  for (const [id, c] of Object.entries(ctx.summary.checkIn as Record<string, { selfCheckIn: number; byHand: number; walkIn: number }>)) {
    ctx.log(`受付の内訳 ${id}: セルフ受付 ${c.selfCheckIn}、手で出席 ${c.byHand}、当日参加 ${c.walkIn}`);
  }
}
