/**
 * Continuity through the built bundle (issue 20's "Done when"): the coordinator's triggers gone → 「状態の確認」 says so
 * → a second coordinator's 「担当を引き継ぐ」 → registrations reach the ledger again, none lost in between; two
 * coordinators' triggers for one response → one ledger row; a revoked grant and a template deleted by hand each
 * reported with the fix. Several users on one spreadsheet: emulator/accounts.ts; triggers run as their owner.
 */
import type { HealthFactsView, RpcResult, SharedFolderResult, TakeOverResult } from '../../../../src/protocol';
import { DEMO_EVENTS, DemoEvent, agencyNamesOf, participantAnswers } from '../../../../scripts/demo/forms';
import { assessHealth, HealthFinding } from '../../../../src/server/domain/health';
import { checkSettingRows } from '../../../../src/server/domain/settings-check';
import { loadAddOn } from '../../../support/bundle';
import { ledgerFor, ok, prepare, sheetRecords } from '../../../support/forms';
import { SCOPES } from '../../../../src/server/scopes';

const NOW = new Date('2025-07-01T09:00:00+09:00');
const SEMINAR = DEMO_EVENTS[0] as DemoEvent;
const A = 'coordinator@example.jp';
const B = 'second@example.jp';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function world() {
  const emu = loadAddOn({ now: NOW });
  const formId = prepare(emu, { events: [SEMINAR] }).get(SEMINAR.id)!.registration.formId;
  emu.users.add(B);
  const agencies = agencyNamesOf(emu);
  let n = 0;
  const submit = () => { emu.runtime.advanceClock(MINUTE); return emu.forms.submit(formId, participantAnswers(0, n++, agencies)); };
  return { emu, formId, submit };
}

/** The facts as `user` gathers them, judged as the sidebar judges them. */
function health(emu: ReturnType<typeof world>['emu'], user: string): { facts: HealthFactsView; findings: HealthFinding[] } {
  const facts = ok(emu.users.as(user, () => emu.run<RpcResult<HealthFactsView>>('rpcCheckHealth')));
  const findings = assessHealth({ ...facts, settings: checkSettingRows(facts.settingRows) }, (ms) => new Date(ms).toISOString());
  return { facts, findings };
}
const codes = (findings: HealthFinding[], level?: HealthFinding['level']) => findings.filter((f) => !level || f.level === level).map((f) => f.code);

describe('continuity through the bundle', () => {
  test('the coordinator\'s triggers gone → the check says so → take-over → registrations reach the ledger, none lost', () => {
    const { emu, submit } = world();
    for (let i = 0; i < 5; i++) submit();
    // The hourly catch-up runs (as A, its owner) and writes its heartbeat.
    emu.clock.advanceBy(HOUR + MINUTE);
    emu.clock.disable();
    expect(ledgerFor(emu, SEMINAR.id)).toHaveLength(5);
    expect(emu.properties.document.get('responses.catchUp')).toEqual(expect.any(String));
    expect(JSON.parse(emu.properties.document.get('coordinator')!)).toMatchObject({ email: A });

    // B sees A's triggers running: B cannot see A's triggers (Google shows each user only their own).
    let h = health(emu, B);
    expect(h.facts.myTriggers).toEqual({ formSubmit: false, catchUp: false });
    expect(codes(h.findings, 'problem')).toEqual([]);
    expect(codes(h.findings)).toContain('triggers.other');

    // A leaves: A's triggers are gone. Responses keep arriving and nothing records them.
    emu.triggers.splice(0, emu.triggers.length);
    for (let i = 0; i < 3; i++) submit();
    emu.runtime.advanceClock(3 * HOUR);
    expect(ledgerFor(emu, SEMINAR.id)).toHaveLength(5);

    h = health(emu, B);
    expect(codes(h.findings, 'problem')).toEqual(['triggers.stoppedOther', 'responses.waiting']);
    const waiting = h.findings.find((f) => f.code === 'responses.waiting')!;
    expect(waiting).toMatchObject({ params: { count: 3, event: SEMINAR.id }, where: { row: 7 } });
    expect(h.findings.find((f) => f.code === 'triggers.stoppedOther')!.params).toMatchObject({ owner: A });

    // B takes over: B's triggers, B recorded, the three waiting responses brought in.
    const r = ok(emu.users.as(B, () => emu.run<RpcResult<TakeOverResult>>('rpcTakeOver', [], { operation: 'takeOver' })));
    expect(r).toMatchObject({ coordinator: B, previous: A, formsInUse: true, installed: true, added: 3, byHand: [] });
    // Who runs it was asked once (the coordinator's record); the log line below names B without asking again (calls9).
    expect(emu.ledger.byMethod('takeOver')['Session.Session.getActiveUser'] ?? 0).toBe(0);
    expect(emu.ledger.byMethod('takeOver')['Session.Session.getEffectiveUser']).toBe(1);
    expect(emu.triggers.map((t) => [t.handlerFunction, t.owner])).toEqual([['onFormSubmitHandler', B], ['catchUpResponses', B]]);
    expect(ledgerFor(emu, SEMINAR.id)).toHaveLength(8);
    const log = sheetRecords(emu, '操作ログ').filter((l) => l['操作'] === '担当を引き継ぐ');
    expect(log).toEqual([expect.objectContaining({ '実行者': B, '結果': '成功', '詳細': expect.stringContaining('同期で追加 3件') })]);

    // New registrations reach the ledger through B's trigger, running as B.
    const next = submit();
    expect(next.executions.map((x) => x.outcome)).toEqual(['completed']);
    expect(ledgerFor(emu, SEMINAR.id)).toHaveLength(9);
    emu.clock.advanceBy(HOUR + MINUTE);
    emu.clock.disable();
    h = health(emu, B);
    expect(codes(h.findings, 'problem')).toEqual([]);
    expect(codes(h.findings)).toEqual(expect.arrayContaining(['triggers.mine', 'responses.allIn']));
    // Every response once: 9 submissions, 9 rows, 9 distinct 回答id.
    expect(new Set(ledgerFor(emu, SEMINAR.id).map((row) => row['回答id'])).size).toBe(9);
  });

  test('on open (LIMITED): a stopped catch-up is said in a toast; in NONE nothing but the menu is touched', () => {
    const { emu, submit } = world();
    submit();
    emu.clock.advanceBy(HOUR + MINUTE);
    emu.clock.disable();
    emu.run('onOpen', [{ authMode: 'LIMITED' }]);
    expect(emu.active.toasts.filter((t) => t.title === '状態の確認')).toEqual([]);
    emu.triggers.splice(0);
    emu.runtime.advanceClock(3 * HOUR);
    emu.ledger.reset();
    emu.run('onOpen', [{ authMode: 'NONE' }]);
    expect(emu.ledger.count({ service: 'PropertiesService' })).toBe(0);
    emu.run('onOpen', [{ authMode: 'LIMITED' }]);
    expect(emu.active.toasts.filter((t) => t.title === '状態の確認').map((t) => t.message)).toEqual([expect.stringContaining('サイドバーの「状態の確認」')]);
  });

  test('take-over without the e-mail grant stops before changing anything, naming the permission', () => {
    const { emu } = world();
    emu.users.add(B, { grantedScopes: Object.values(SCOPES).filter((s) => s !== SCOPES.email) });
    const triggers = emu.triggers.length;
    const r = emu.users.as(B, () => emu.run<RpcResult<TakeOverResult>>('rpcTakeOver'));
    expect(r.ok ? '' : r.error.message).toContain('この操作には「メールアドレスの表示（操作ログの記録）」の権限が必要です');
    expect(emu.triggers).toHaveLength(triggers);
    expect(JSON.parse(emu.properties.document.get('coordinator')!)).toMatchObject({ email: A });
  });

  test('take-over: its grants and drive.file asked in one check; A\'s files listed for B with it, not asked without it (people10)', () => {
    const { emu } = world();
    emu.run('createPamphletTemplate');
    const granted = emu.users.as(B, () => emu.run<RpcResult<TakeOverResult>>('rpcTakeOver', [], { operation: 'granted' }));
    // The template and its folder, made by A: B's add-on cannot open them (drive.file is per user).
    expect(ok(granted).byHand.map((f) => f.key)).toHaveLength(2);
    expect(emu.ledger.count({ operation: 'granted', method: 'ScriptApp.getAuthorizationInfo' })).toBe(1);
    expect(emu.ledger.count({ operation: 'granted', method: 'Files.get' })).toBe(2);
    // Without drive.file the take-over still runs (the files are only a list), and asks Drive nothing.
    emu.users.add('third@example.jp', { grantedScopes: Object.values(SCOPES).filter((s) => s !== SCOPES.driveFile) });
    const without = ok(emu.users.as('third@example.jp', () => emu.run<RpcResult<TakeOverResult>>('rpcTakeOver', [], { operation: 'without' })));
    expect(without).toMatchObject({ coordinator: 'third@example.jp', byHand: [] });
    expect(emu.ledger.count({ operation: 'without', service: 'Drive' })).toBe(0);
    expect(emu.ledger.count({ operation: 'without', method: 'ScriptApp.getAuthorizationInfo' })).toBe(1);
  });

  test('two coordinators\' triggers firing for the same response add one ledger row', () => {
    const { emu, submit } = world();
    ok(emu.users.as(B, () => emu.run<RpcResult<TakeOverResult>>('rpcTakeOver')));
    expect(emu.triggers.filter((t) => t.eventType === 'ON_FORM_SUBMIT').map((t) => t.owner)).toEqual([A, B]);
    for (let i = 0; i < 6; i++) {
      const r = submit();
      expect(r.executions.map((x) => x.outcome)).toEqual(['completed', 'completed']);
    }
    const rows = ledgerFor(emu, SEMINAR.id);
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((row) => row['回答id'])).size).toBe(6);
    // Each says so in its own check: A's triggers run, and B has its own too.
    expect(codes(health(emu, A).findings)).toContain('triggers.alsoOther');
  });

  test('the trigger owner revoked the grant: the check names the cause and the fix; a missing grant of one\'s own is named', () => {
    const { emu, submit } = world();
    submit();
    emu.clock.advanceBy(HOUR + MINUTE);
    emu.clock.disable();
    emu.users.revoke(A);
    // A's triggers still exist but cannot start: the response stays in its sheet.
    const r = submit();
    expect(r.executions.map((x) => [x.outcome, x.error])).toEqual([['failed', 'Exception: Authorization is required to perform that action.']]);
    emu.runtime.advanceClock(3 * HOUR);
    // B has not granted Calendar (granular consent).
    emu.users.add(B, { grantedScopes: Object.values(SCOPES).filter((s) => s !== SCOPES.calendar) });
    const h = health(emu, B);
    expect(codes(h.findings, 'problem')).toEqual(['triggers.stoppedOther', 'responses.waiting', 'grants.missing']);
    expect(h.findings.find((f) => f.code === 'grants.missing')!.params).toEqual({ permissions: ['calendar'] });
  });

  test('a template deleted by hand: the check gives its 設定 row and the fix; B sees that A\'s files are A\'s', () => {
    const { emu } = world();
    emu.run('createPamphletTemplate');
    const settings = sheetRecords(emu, '設定');
    const id = String(settings.find((s) => s['項目'] === 'パンフレットひな形ID')!['値']);
    const row = settings.findIndex((s) => s['項目'] === 'パンフレットひな形ID') + 2;
    expect(codes(health(emu, A).findings, 'problem')).toEqual([]);
    // B's add-on cannot reach A's files (drive.file is per user): named as A's, with what to do.
    const asB = health(emu, B).findings.filter((f) => f.check === 'files');
    expect(asB.map((f) => f.code)).toEqual(['files.missingOther', 'files.missingOther']);
    emu.drive.deleteByHand(id);
    const files = health(emu, A).findings.filter((f) => f.check === 'files');
    expect(files).toEqual([expect.objectContaining({ level: 'problem', code: 'files.missing', params: expect.objectContaining({ key: 'パンフレットひな形ID', id }), where: { sheet: '設定', row, column: '値' } })]);
  });

  test('settings documented and checked: 初期設定 puts the explanation beside every declared key; a misspelt key and a URL are flagged with their row', () => {
    const { emu } = world();
    const sheet = emu.active.sheets.find((s) => s.name === '設定')!;
    const last = sheet.getLastRow();
    sheet.getRange(last + 1, 1, 3, 3).setValues([['カレンダーＩＤ', 'x@example.jp', ''], ['パンフレットひな形ID', 'https://docs.google.com/document/d/1AbCdEfGhIjKlMnOp/edit', ''], ['ネットワーク名', 'もう一つ', '']]);
    emu.run('setUpWorkbook');
    const rows = sheetRecords(emu, '設定');
    expect(rows.filter((r) => r['項目'] === 'パンフレットひな形ID' || r['項目'] === 'ネットワーク名').every((r) => String(r['説明']).length > 5)).toBe(true);
    const problems = health(emu, A).findings.filter((f) => f.check === 'settings');
    expect(problems.map((p) => [p.code, p.where?.row])).toEqual([
      ['settings.misspelt', last + 1], ['settings.driveUrl', last + 2], ['settings.duplicate', last + 3],
    ]);
  });

  test('ファイルを共有フォルダに移す: creates the add-on\'s folder, then (moved into a shared drive by a person) moves the add-on\'s files there', () => {
    const { emu } = world();
    emu.run('createPamphletTemplate');
    const first = ok(emu.run<RpcResult<SharedFolderResult>>('rpcMoveToSharedFolder'));
    expect(first.createdFolder).not.toBe('');
    const drive = emu.drive.addSharedDrive('ネットワーク', { [A]: 'organizer', [B]: 'writer' });
    emu.drive.moveByHand(first.createdFolder, drive);
    const second = ok(emu.run<RpcResult<SharedFolderResult>>('rpcMoveToSharedFolder'));
    expect(second).toMatchObject({ moved: ['パンフレット出力フォルダID'], notMovable: [] });
    const settings = sheetRecords(emu, '設定');
    const templateId = String(settings.find((s) => s['項目'] === 'パンフレットひな形ID')!['値']);
    expect(emu.drive.sharing.driveIdOf(templateId)).toBe(drive);
    expect(emu.drive.sharing.ownerOf(templateId)).toBeNull();
    // Re-run: nothing left to move; the pamphlet still finds its template and folder (supportsAllDrives).
    expect(ok(emu.run<RpcResult<SharedFolderResult>>('rpcMoveToSharedFolder'))).toMatchObject({ moved: [], notMovable: [] });
    expect(codes(health(emu, A).findings, 'problem')).toEqual([]);
  });
});
