/**
 * 企業相談 (issue 17), workspace level on the emulator through the built bundle: the forms and the protected ledger,
 * filing from the form-submit trigger (once, whatever the firings), assignment, the agency's status link (its own
 * inquiry only) — state and the call ledger. (Auto-assignment, 関係機関 invitations and the report's section were cut
 * for the bundle: see README.)
 */
import type { RpcResult } from '../../../../src/protocol';
import { consultWorld, intakeAnswers, ok, sheetRecords, statusAnswersFromLink, storedForms, typeInto } from '../../../support/consultations';

type List = { consultations: { number: string; status: string; agencyId: string; statusLink: string; company: string }[]; agencies: { id: string; referrals: string }[]; intakeUrl: string };

const list = (emu: ReturnType<typeof consultWorld>) => ok(emu.run<RpcResult<List>>('rpcListConsultations'));

test('企業相談フォームの作成: the protected ledger, two published forms, one trigger; a re-run makes nothing new', () => {
  const emu = consultWorld({ forms: false });
  ok(emu.run<RpcResult<unknown>>('rpcCreateConsultationForms'));
  const sheet = emu.active.sheets.find((s) => s.name === '企業相談')!;
  const protection = sheet.protections.find((p) => p.description === 'jsn-consultations')!;
  expect(protection.range).toBeNull();
  expect([...protection.editors!]).toEqual(['coordinator@example.jp']);
  expect(protection.domainEdit).toBe(false);
  const forms = storedForms(emu);
  expect(emu.forms.store.get(forms.intake.formId).published).toBe(true);
  expect(forms.status.link).toMatch(/usp=pp_url/);
  expect(emu.active.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['企業相談回答', '企業相談状況回答']));
  const count = emu.forms.store.forms.size;
  emu.ledger.reset();
  ok(emu.run<RpcResult<unknown>>('rpcCreateConsultationForms'));
  expect(emu.forms.store.forms.size).toBe(count);
  expect(emu.ledger.count({ method: 'FormApp.create' })).toBe(0);
  expect(emu.ledger.count({ method: 'Sheet.protect' })).toBe(0);
  expect(sheet.protections.filter((p) => p.description === 'jsn-consultations')).toHaveLength(1);
  // rows18: Document Properties asked once per execution (was once per read of the stored forms: 14 on the first run);
  // the grants once, by the entry: the operation no longer asks its scopes again, and the coordinator's e-mail grant
  // is asked only if reading the address fails (coordinator.ts noteCoordinator) — was 3 asks.
  expect(emu.ledger.count({ method: 'PropertiesService.getDocumentProperties' })).toBe(1);
  expect(emu.ledger.count({ method: 'ScriptApp.getAuthorizationInfo' })).toBe(1);
});

test('企業相談フォームの作成 reads each thing once (issue 18): the sheet by name, 設定 once, Document Properties once; a renamed ledger is found by its mark', () => {
  const emu = consultWorld({ forms: false });
  ok(emu.run<RpcResult<unknown>>('rpcCreateConsultationForms'));
  // First run: the missing sheet is looked for by its role mark in one search (4 calls), not by every sheet's name,
  // marks and header (was a getName, getDeveloperMetadata, getLastColumn and getSheetValues a sheet); the sheet count
  // once for its tab position and once per new response sheet.
  expect(emu.ledger.count({ method: 'Spreadsheet.getSheets' })).toBe(3);
  expect(emu.ledger.count({ method: 'Sheet.getLastColumn' })).toBe(0);
  expect(emu.ledger.count({ method: 'DeveloperMetadataFinder.find' })).toBe(1);
  // Document Properties: one store, one getProperties; writes are the forms' records (made, then complete: 2 each),
  // what each form was given (1 each) and the coordinator.
  expect(emu.ledger.count({ method: 'PropertiesService.getDocumentProperties' })).toBe(1);
  expect(emu.ledger.count({ method: 'Properties.getProperties' })).toBe(1);
  expect(emu.ledger.count({ method: 'Properties.getProperty' })).toBe(0);
  expect(emu.ledger.count({ method: 'Properties.setProperty' })).toBe(7);
  // The grants are the entry's (one check), 設定 is read once as a view (2 calls: by name, values).
  expect(emu.ledger.count({ method: 'ScriptApp.getAuthorizationInfo' })).toBe(1);
  expect(emu.ledger.count({ method: 'Range.getFormulas' })).toBe(0);
  // calls9: the log line names the user the coordinator's record asked for (log.ts effectiveUserEmail), and each new
  // response sheet is renamed without asking its name (Google's 「フォームの回答 N」) and put back behind the core
  // sheets without asking the active sheet's id (taken before the sheet existed): 183 → 177.
  expect(emu.ledger.count({ method: 'Session.getActiveUser' })).toBe(0);
  expect(emu.ledger.count({ method: 'Sheet.getName' })).toBe(0);
  expect(emu.ledger.count()).toBe(177);

  // The re-run (was 121 calls at the bench's 16×40): the sheet by name (not 23 names), its header, mark and frozen
  // row; its protection; 設定 once; Document Properties once and nothing written; each form opened and compared.
  emu.ledger.reset();
  ok(emu.run<RpcResult<unknown>>('rpcCreateConsultationForms'));
  expect(emu.ledger.count({ method: 'Spreadsheet.getSheets' })).toBe(0);
  expect(emu.ledger.count({ method: 'Spreadsheet.getDeveloperMetadata' })).toBe(0);
  expect(emu.ledger.count({ method: 'PropertiesService.getDocumentProperties' })).toBe(1);
  expect(emu.ledger.count({ method: 'Properties.getProperty' }) + emu.ledger.count({ method: 'Properties.setProperty' })).toBe(0);
  expect(emu.ledger.count({ method: 'ScriptApp.getAuthorizationInfo' })).toBe(1);
  // calls9: the log line's user is the one the coordinator's record asked for, and each trigger's handler is asked
  // once (forms.ts ensureFormSubmitTrigger): 52 → 49.
  expect(emu.ledger.count({ method: 'Trigger.getHandlerFunction' })).toBe(emu.triggers.length);
  // people10: no trigger asked its type (the add-on's handler names say which it is): 49 → 47.
  expect(emu.ledger.count({ method: 'Trigger.getEventType' })).toBe(0);
  expect(emu.ledger.count()).toBe(47);

  // Renamed by a volunteer: found by its mark, nothing made beside it.
  const sheet = emu.active.sheets.find((s) => s.name === '企業相談')!;
  sheet.name = '相談台帳';
  const sheets = emu.active.sheets.length;
  const result = emu.run<RpcResult<unknown>>('rpcCreateConsultationForms');
  expect(result.ok).toBe(false);
  expect(result.ok ? '' : result.error.message).toContain('シート「相談台帳」が元の「企業相談」のようです');
  expect(emu.active.sheets.length).toBe(sheets);
  expect(emu.active.sheets.filter((s) => s.name === '企業相談')).toHaveLength(0);
});

test('企業相談フォームの作成 after an upgrade: 設定\'s missing 企業相談 rows are added with their defaults, the rest kept as typed', () => {
  const emu = consultWorld({ forms: false });
  const settings = emu.active.sheets.find((s) => s.name === '設定')!;
  const row = sheetRecords(emu, '設定').findIndex((r) => r['項目'] === '企業相談_督促日数') + 2;
  settings.deleteRows(row, 1);
  const name = sheetRecords(emu, '設定').findIndex((r) => r['項目'] === 'ネットワーク名') + 2;
  typeInto(emu, '設定', name, '値', '港区就労支援ネットワーク');
  ok(emu.run<RpcResult<unknown>>('rpcCreateConsultationForms'));
  const after = sheetRecords(emu, '設定');
  expect(after.filter((r) => r['項目'] === '企業相談_督促日数').map((r) => String(r['値']))).toEqual(['7']);
  expect(after.find((r) => r['項目'] === 'ネットワーク名')!['値']).toBe('港区就労支援ネットワーク');
  expect(emu.forms.store.get(storedForms(emu).intake.formId).title).toBe('【企業相談】港区就労支援ネットワーク');
});

test('a company\'s inquiry is filed once (duplicate and blank firings), numbered, and the same calls for the 1st and the 6th', () => {
  const emu = consultWorld();
  const { intake } = storedForms(emu);
  const cost: number[] = [];
  for (let i = 0; i < 6; i++) {
    emu.ledger.reset();
    const r = emu.forms.submit(intake.formId, intakeAnswers({ company: `株式会社${i}`, topics: ['職場実習の受入'] }), { operation: 'intake', duplicateFiring: i % 2 === 0, blankSecondFiring: i % 2 === 1 });
    expect(r.executions.every((x) => x.outcome === 'completed')).toBe(true);
    cost.push(emu.ledger.count({ operation: 'intake' }));
  }
  const rows = sheetRecords(emu, '企業相談');
  expect(rows.map((r) => r['受付番号'])).toEqual(['K-0001', 'K-0002', 'K-0003', 'K-0004', 'K-0005', 'K-0006']);
  expect(rows.every((r) => r['状態'] === '受付' && r['担当団体'] === '')).toBe(true);
  // Each submission's first firing costs the same whether the sheet holds 0 or 5 inquiries (a duplicate adds its own reads).
  expect(new Set([cost[0], cost[2], cost[4]]).size).toBe(1);
  expect(new Set([cost[1], cost[3], cost[5]]).size).toBe(1);
  // A person deletes a row: 回答を同期 does not file it again, nor reuse its number.
  emu.active.sheets.find((s) => s.name === '企業相談')!.deleteRow(3);
  ok(emu.run<RpcResult<unknown>>('rpcSyncResponses'));
  expect(sheetRecords(emu, '企業相談')).toHaveLength(5);
  emu.forms.submit(intake.formId, intakeAnswers({ company: '株式会社7', topics: ['見学'] }));
  expect(sheetRecords(emu, '企業相談').map((r) => r['受付番号']).at(-1)).toBe('K-0007');
});

test('assignment from the sidebar: only a candidate; the agency\'s link changes its own inquiry and no other', () => {
  const emu = consultWorld();
  const { intake } = storedForms(emu);
  emu.forms.submit(intake.formId, intakeAnswers({ company: 'A商事', topics: ['職場実習の受入'], disabilities: ['精神'] }));
  emu.forms.submit(intake.formId, intakeAnswers({ company: 'B工業', topics: ['職場実習の受入'] }));
  emu.forms.submit(intake.formId, intakeAnswers({ company: 'C物産', topics: ['見学'], share: false }));
  const before = list(emu);
  const noReferral = before.agencies.find((a) => a.referrals !== '受ける')!;
  const refused = emu.run<RpcResult<unknown>>('rpcAssignConsultation', ['K-0001', noReferral.id]);
  expect(refused.ok).toBe(false);
  expect(emu.run<RpcResult<unknown>>('rpcAssignConsultation', ['K-0003', before.agencies[0]!.id]).ok).toBe(false); // no consent to share
  // The sidebar's first candidate (the domain ranks; here any candidate the server accepts).
  const candidates = before.agencies.filter((a) => a.referrals === '受ける').map((a) => a.id);
  let a = null as null | { statusLink: string; agency: string };
  for (const id of candidates) { const r = emu.run<RpcResult<{ statusLink: string; agency: string }>>('rpcAssignConsultation', ['K-0001', id]); if (r.ok) { a = r.value; break; } }
  expect(a).not.toBeNull();
  let b = null as null | { statusLink: string };
  for (const id of candidates) { const r = emu.run<RpcResult<{ statusLink: string }>>('rpcAssignConsultation', ['K-0002', id]); if (r.ok) { b = r.value; break; } }
  const rows = () => Object.fromEntries(sheetRecords(emu, '企業相談').map((r) => [String(r['受付番号']), r]));
  expect(rows()['K-0001']!['状態']).toBe('担当決定');
  expect(rows()['K-0001']!['状況更新リンク']).toBe(a!.statusLink);
  // Agency A answers through its link, but edits the number to B's inquiry: refused, B unchanged.
  const forged = statusAnswersFromLink(emu, a!.statusLink, '完了');
  forged.answers['受付番号'] = 'K-0002';
  emu.ledger.reset();
  emu.forms.submit(forged.formId, forged.answers, { operation: 'status' });
  expect(rows()['K-0002']!['状態']).toBe('担当決定');
  expect(emu.ledger.count({ operation: 'status', method: 'FormApp.openById' })).toBe(0);
  // Its own link, as sent: applied once, with the first contact and the note.
  const own = statusAnswersFromLink(emu, a!.statusLink, '対応中', '電話で日程を調整');
  emu.forms.submit(own.formId, own.answers, { duplicateFiring: true });
  const k1 = rows()['K-0001']!;
  expect(k1['状態']).toBe('対応中');
  expect(k1['初回対応日時']).toBeInstanceOf(Date);
  expect(String(k1['対応メモ'])).toMatch(/対応中: 電話で日程を調整$/);
  // A coordinator sets it back by hand; a re-sync does not re-apply the old answer.
  typeInto(emu, '企業相談', 2, '状態', '担当決定');
  ok(emu.run<RpcResult<unknown>>('rpcSyncResponses'));
  expect(rows()['K-0001']!['状態']).toBe('担当決定');
  // Re-assigning B's inquiry revokes the previous link.
  const bLink = b!.statusLink;
  const others = candidates.filter((id) => id !== rows()['K-0002']!['担当団体id']);
  for (const id of others) if (emu.run<RpcResult<unknown>>('rpcAssignConsultation', ['K-0002', id]).ok) break;
  const stale = statusAnswersFromLink(emu, bLink, '完了');
  emu.forms.submit(stale.formId, stale.answers);
  expect(rows()['K-0002']!['状態']).toBe('担当決定');
  expect(rows()['K-0002']!['状況更新リンク']).not.toBe(bLink);
});
