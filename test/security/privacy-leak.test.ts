/**
 * Issue 19 item 4: a marker person fed through every operation is found only where it belongs — the ledger, the
 * response and check-in sheets and 受講記録 (the coordinators' working data), the 受付名簿 (organisers only), the
 * 参加証明書 (the person only), the coordinator's private export — and never in the pamphlet, the
 * activity report, 操作ログ, a message shown to the user, another Drive file, or (after 「本人のデータを削除」) the preview's
 * journal.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EntryName, loadAddOn } from '../support/bundle';
import { prepare, sheetRecords } from '../support/forms';
import { agencyNamesOf, participantAnswers } from '../../scripts/demo/forms';
import type { EventFormsResult, RpcResult } from '../../src/protocol';
import { documentSections } from '../../emulator/drive';
import { documentToPlainLines } from '../../emulator/render-html';
import { PreviewSession } from '../../emulator/preview/session';
import { restoreRandomness } from '../../emulator/preview/journal';
import { sheetView } from '../../emulator/preview/views';
import { CHECK_IN_TITLES } from '../../src/server/domain/checkin';

const MARKER = { 氏名: '漏洩 検知子', ふりがな: 'ろうえい けんちこ', メール: 'leak.marker@example.jp' };
const TRACES = ['漏洩', 'ろうえい', 'leak.marker'];
const has = (text: string) => TRACES.some((t) => text.includes(t));

afterEach(() => restoreRandomness());

test('the marker passes every operation and shows up only in the ledger, the response and check-in sheets, 受講記録, the roster, the certificates and the private export', () => {
  const emu = loadAddOn({ now: new Date('2025-11-20T09:00:00+09:00') });
  const forms = prepare(emu);
  const agencies = agencyNamesOf(emu);
  const seminar = forms.get('EV-SEMINAR')!;
  for (let i = 0; i < 5; i++) emu.forms.submit(seminar.registration.formId, participantAnswers(0, i, agencies));
  emu.forms.submit(seminar.registration.formId, { ...participantAnswers(0, 5, agencies), ...MARKER });
  // A second registration by the same person (the duplicate message names nobody in 操作ログ) and a walk-in typed by hand.
  emu.forms.submit(seminar.registration.formId, { ...participantAnswers(0, 6, agencies), ...MARKER });
  emu.forms.submit(seminar.survey.formId, { 所属種別: '企業', 経験年数: '1年未満', 参加形態: '対面', 全体満足度: 5, 理解度: 4, 業務への役立ち度: 4, '時間配分・進行': 3, 講師の説明: 5, 次回参加意向: '参加したい' });
  const messages: string[] = [];
  const rpc = (name: EntryName, args: unknown[] = []) => { const r = emu.run<RpcResult<unknown>>(name, args); messages.push(JSON.stringify(r)); return r; };
  rpc('rpcSyncResponses');
  // On the day: the roster and its self check-in form, the marker checks in, certificates, 受講記録.
  rpc('rpcCreateRoster', ['EV-SEMINAR']);
  const checkIn = JSON.parse(emu.properties.document.get('checkin.forms')!)['EV-SEMINAR'] as { formId: string; sheetId: string };
  emu.forms.submit(checkIn.formId, { [CHECK_IN_TITLES.key]: MARKER.メール });
  rpc('rpcIssueCertificates', ['EV-SEMINAR']);
  // Each attendee's own PDF too (named after them, for mail): its result lists the attendees for the coordinator.
  expect(emu.run<RpcResult<unknown>>('rpcIssueCertificates', ['EV-SEMINAR', { perPerson: true }]).ok).toBe(true);
  emu.run('updateTrainingRecords');
  rpc('rpcCheckRegistry');
  rpc('rpcTallyAttendance');
  rpc('rpcSummariseSurveys');
  rpc('rpcCreatePamphletTemplate');
  const pamphlet = rpc('rpcGeneratePamphlet', [{ issuedOn: '2026-02-02' }]);
  const report = rpc('rpcCreateActivityReport');
  for (const f of ['checkRegistry', 'checkEvents', 'syncFormResponses', 'tallyAttendance', 'summariseSurveys'] as const) emu.run(f);
  rpc('rpcSearchPersonalData', [MARKER.メール]);
  // Where it belongs: the ledger and the response sheet, and the export in the coordinator's Drive.
  expect(has(JSON.stringify(sheetRecords(emu, '参加者台帳')))).toBe(true);
  expect(has(JSON.stringify(sheetRecords(emu, '受講記録')))).toBe(true);
  const checkInSheet = emu.active.sheets.find((sh) => String(sh.sheetId) === checkIn.sheetId)!;
  expect(has(JSON.stringify(checkInSheet.getDataRange().getValues()))).toBe(true);
  // The documents that must name them: the organisers' roster and their certificate (and those documents' PDFs).
  const belongs = (name: string) => /^(受付名簿|参加証明書)_EV-SEMINAR_/.test(name);
  const named = [...emu.drive.files.values()].filter((f) => !f.trashed && belongs(f.name) && documentSections(emu.drive, f.id)).map((f) => f.name.split('_')[0]).sort();
  expect(named).toEqual(['参加証明書', '受付名簿']);
  // The export (a Doc and its PDF in the coordinator's own Drive) holds them: that is what it is for.
  const exports = [...emu.drive.files.values()].filter((f) => f.name.startsWith('本人データ_'));
  expect(exports).toHaveLength(2);
  const exportDoc = exports.find((f) => documentSections(emu.drive, f.id))!;
  expect(has(documentToPlainLines(documentSections(emu.drive, exportDoc.id)!).join('\n'))).toBe(true);
  // Nowhere else: 操作ログ, what the user was shown (results, alerts), the documents, other Drive files.
  expect(sheetRecords(emu, '操作ログ').map((l) => String(l['詳細'])).filter(has)).toEqual([]);
  const shown = emu.uiState.alerts.map((a) => a.prompt).join('\n');
  expect({ shown: has(shown) }).toEqual({ shown: false });
  expect(pamphlet.ok && report.ok).toBe(true);
  for (const file of emu.drive.files.values()) {
    if (exports.includes(file) || belongs(file.name)) continue;
    const doc = documentSections(emu.drive, file.id);
    const text = doc ? documentToPlainLines(doc).join('\n') : new TextDecoder().decode(file.bytes);
    expect({ file: file.name, leaks: has(text) }).toEqual({ file: file.name, leaks: false });
  }
  // The survey summary and the tally name no participant.
  for (const name of ['出欠集計', 'アンケート集計', 'アンケート集計_EV-SEMINAR']) expect({ name, leaks: has(JSON.stringify(sheetRecords(emu, name))) }).toEqual({ name, leaks: false });
  // Messages returned to the sidebar: the sync's duplicate notice is for the coordinator at the sheet's row, not a log.
  expect(messages.filter((m) => has(m)).map((m) => m.slice(0, 40))).toEqual([]);
  // After 「本人のデータを削除」 no live file the add-on made is named after them or holds them but the documents
  // printing several people (受付名簿, the certificates Doc and its PDF: named for the coordinator to handle).
  const ownPdf = () => [...emu.drive.files.values()].filter((f) => !f.trashed && has(f.name)).map((f) => f.name);
  expect(ownPdf()).toHaveLength(1);
  expect(emu.run<RpcResult<unknown>>('rpcErasePersonalData', [MARKER.メール]).ok).toBe(true);
  expect(ownPdf()).toEqual([]);
  // The export is gone too, the Doc and its PDF (by the ids the search kept).
  expect(exports.map((f) => f.trashed)).toEqual([true, true]);
  const live = [...emu.drive.files.values()].filter((f) => !f.trashed && !/^(受付名簿|参加証明書)_EV-SEMINAR_[^_]*$/.test(f.name.replace(/\.pdf$/, '')));
  for (const file of live) {
    const doc = documentSections(emu.drive, file.id);
    const text = doc ? documentToPlainLines(doc).join('\n') : new TextDecoder().decode(file.bytes);
    expect({ file: file.name, leaks: has(text) || has(file.name) }).toEqual({ file: file.name, leaks: false });
  }
});

test('the preview journal forgets an erased person, and a restart replays to the same erased state', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'preview-privacy-'));
  const session = new PreviewSession({ stateDir: dir });
  session.start();
  const created = session.act({ kind: 'rpc', name: 'rpcCreateEventForms', args: ['EV-SEMINAR'] });
  const formId = ((created.value as RpcResult<EventFormsResult>) as { ok: true; value: EventFormsResult }).value.registration.formId;
  const agencies = agencyNamesOf(session.emu);
  expect(session.act({ kind: 'submit', formId, answers: { ...participantAnswers(0, 1, agencies), ...MARKER, ふりがな: 'ロウエイ ケンチコ' } }).ok).toBe(true);
  expect(session.act({ kind: 'submit', formId, answers: participantAnswers(0, 2, agencies) }).ok).toBe(true);
  session.act({ kind: 'rpc', name: 'rpcSearchPersonalData', args: [MARKER.メール] });
  const journal = () => readFileSync(path.join(dir, 'journal.jsonl'), 'utf8');
  expect(has(journal()) || journal().includes('ロウエイ')).toBe(true);
  expect(session.act({ kind: 'rpc', name: 'rpcErasePersonalData', args: [MARKER.メール] }).ok).toBe(true);
  expect({ journal: has(journal()) || journal().includes('ロウエイ') }).toEqual({ journal: false });
  const ledgerNames = (s: PreviewSession) => {
    const rows = sheetView(s.sheet('参加者台帳')!).rows;
    const c = rows[0]!.findIndex((cell) => cell.d === '氏名');
    return rows.slice(1).map((r) => r[c]!.d).filter((v) => v !== '');
  };
  const before = ledgerNames(session);
  expect(before).toContain('（削除済み）');
  restoreRandomness();
  const again = new PreviewSession({ stateDir: dir });
  again.start();
  expect(ledgerNames(again)).toEqual(before);
  expect(again.emu.active.sheets.some((sh) => has(JSON.stringify(sh.getDataRange().getValues())))).toBe(false);
});
