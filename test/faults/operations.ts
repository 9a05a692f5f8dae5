/**
 * Every operation that writes, as one table shared by the fault matrix, the missing-grant tests and the formula scan.
 * Adding an operation is adding one entry: how to bring a fresh emulator to the state before it (through the built
 * bundle, as a user would), how to run it (its menu function or RPC), and which scopes it needs.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { RoundDecision, RoundRequestResult, RoundReviewData, RpcResult } from '../../src/protocol';
import { reviewView } from '../../src/server/domain/agency-round-view';
import { AddOnApi, EntryName, loadAddOn } from '../support/bundle';
import { toBase64 } from '../support/globals';
import { csvRecords, typeRows } from '../support/typing';
import { DEMO_EVENTS, DemoEvent, agencyNamesOf, participantAnswers, writeDemoEvents } from '../../scripts/demo/forms';
import { DEMO_AGENCIES_CSV } from '../../scripts/demo/agencies';
import { PARTNER_MEETINGS, editRound, typeNetwork, typePartners } from '../support/meetings';
import { SCOPES } from '../../src/server/scopes';
import { acceptReferrals, intakeAnswers, setAutoAssign, statusAnswersFromLink, storedForms } from '../support/consultations';

export type AddOn = ReturnType<typeof loadAddOn>;

/** What the user saw: an RPC's result, or the alert a menu function showed. */
export interface Outcome {
  ok: boolean;
  message: string;
  /** RpcError.kind for RPCs; for menu functions inferred from the sentence. */
  kind?: string;
}

/** Scope URLs by name: the one map, src/server/scopes.ts. */
export const SCOPE = SCOPES;

export interface Operation {
  /** As the user knows it (menu caption / 操作ログ). */
  name: string;
  /** Brings a fresh emulator (bundle loaded) to the state just before the operation. */
  setup(emu: AddOn): void;
  run: Runner;
  /** Scopes whose absence must be reported by name (granular consent). */
  scopes: readonly string[];
  /**
   * A trigger, not a person: nobody sees its failure (Apps Script records it in the executions list), so the fault
   * matrix checks that it failed cleanly and that `rerun` — what recovers it — restores the clean world.
   */
  trigger?: boolean;
  /** What the user does after a failure (default: the same operation again). */
  rerun?(emu: AddOn): Outcome;
  /** 操作ログ operations that legitimately differ between a clean run and a failure + rerun (e.g. who recorded a response). */
  ignoreLog?: readonly string[];
  /**
   * Known windows where a fault leaves an orphan: after `after` created something and before `until` recorded its
   * id (inclusive; without `until`, to the end of the run). Nothing can close them from inside Apps Script (the create and the write of its id are two round
   * trips); the matrix still checks the message and the re-run there, and prints how many indices fell in a window.
   */
  orphanWindows?: readonly (({ after: string; until?: string; what: string; onlyFirst?: boolean } | { atLast: string; what: string }) & {
    /** Artifacts the window may leave (default 1): more fails the matrix. */
    count?: number;
  })[];
}

/** The sentences describeError produces; a menu alert that starts with one of these reports a failure. */
const FAILURE_SENTENCE = /^(Google のサービスが一時的に応答しませんでした|別の処理が実行中です|予期しないエラーが発生しました|この操作には「.+」の権限が必要です|シート「.+」がありません|実行中にシート「.+」の見出し|シート「.+」が見つかりません|「.+」シートの列「.+」が見つかりません|行事シートで、フォームを作る行事の行を選んでから)/;

/** A runner that remembers its entry point, so test/project/operations.test.ts can match it to the table. */
export type Runner = ((emu: AddOn) => Outcome) & { entry?: EntryName };
export function runner(entry: EntryName, fn: (emu: AddOn) => Outcome): Runner {
  return Object.assign(fn, { entry });
}

export function menu(functionName: EntryName): Runner {
  return runner(functionName, (emu) => {
    const before = emu.uiState.alerts.length;
    emu.run(functionName);
    const shown = emu.uiState.alerts.slice(before);
    const last = shown.at(-1);
    if (!last) {
      // Some commands answer with a toast (e.g. 受付時刻を記録) and show an alert only on failure.
      const toast = emu.active.toasts.at(-1);
      return toast ? { ok: true, message: toast.message } : { ok: false, message: '', kind: 'no alert' };
    }
    const failed = FAILURE_SENTENCE.test(last.prompt);
    const kind = !failed ? undefined : /^Google/.test(last.prompt) ? 'service' : /^別の処理/.test(last.prompt) ? 'busy' : /^予期しない/.test(last.prompt) ? 'unexpected' : 'user';
    return { ok: !failed, message: last.prompt, kind };
  });
}

/** An RPC run as the sidebar runs it; its name and arguments are typed from main.ts. */
export function rpc<K extends EntryName & `rpc${string}`>(functionName: K, args?: (emu: AddOn) => Parameters<AddOnApi[K]>): Runner {
  return runner(functionName, (emu) => {
    const r = emu.run<RpcResult<unknown>>(functionName, args ? args(emu) : []);
    if (!r.ok) return { ok: false, message: r.error.message, kind: r.error.kind };
    // 初期設定 finishes what it can and lists the sheets it left alone because a person renamed them: for the user
    // that is a stop (rename back, run again), not a success.
    const renamed = (r.value as { renamed?: unknown } | null)?.renamed;
    if (Array.isArray(renamed) && renamed.length) return { ok: false, message: renamed.join(''), kind: 'user' };
    return { ok: true, message: JSON.stringify(r.value) };
  });
}

/** The decision each 掲載情報の回答を反映 world was set up for (its answer's key is known once the answer is in). */
// What issue 16's setups found (the same in every copy of a seeded world, and in every re-seeding: ids and answer keys
// are deterministic), for their runs: kept here, not per emulator, since the matrix runs on copies of the seeded world.
let roundDecision: RoundDecision | null = null;
let roundIds: string[] = [];

export const FIXTURE_CSV = readFileSync(path.join(__dirname, '..', 'fixtures', 'agencies.csv'), 'utf8');

const setUp = (emu: AddOn) => { emu.run('setUpWorkbook'); };

function ok<T>(r: RpcResult<T>): T {
  if (!r.ok) throw new Error(`test set-up: ${r.error.message}`);
  return r.value;
}

const WORKSHOP = DEMO_EVENTS[1] as DemoEvent;
/** Set up, the 16 demo agencies, the workshop typed into 行事 and (optionally) its forms. */
function withEvent(emu: AddOn, forms: boolean): string {
  setUp(emu);
  ok(emu.run<RpcResult<unknown>>('rpcImportCsv', [toBase64(DEMO_AGENCIES_CSV)]));
  writeDemoEvents(emu, [WORKSHOP]);
  if (!forms) return '';
  const created = ok(emu.run<RpcResult<{ registration: { formId: string } }>>('rpcCreateEventForms', [WORKSHOP.id]));
  return created.registration.formId;
}
/** With forms, and `n` responses that arrived while the trigger was missing (so 回答を同期 has work to do). */
function withMissedResponses(emu: AddOn, n: number): void {
  const formId = withEvent(emu, true);
  const installed = emu.triggers.splice(0);
  const agencies = agencyNamesOf(emu);
  for (let i = 0; i < n; i++) {
    emu.runtime.advanceClock(60_000);
    emu.forms.submit(formId, participantAnswers(1, i, agencies));
  }
  emu.triggers.push(...installed);
}
/**
 * Issue 12: 6 responses synced, then 2 more missed; the coordinator corrects an email in the response sheet and
 * deletes one ledger row — so 回答を同期 carries a correction, reports a deletion and appends, all in one run.
 */
function withCorrectionsAndDeletion(emu: AddOn): void {
  withMissedResponses(emu, 6);
  ok(emu.run<RpcResult<unknown>>('rpcSyncResponses'));
  const events = emu.active.sheets.find((s) => s.name === '行事')!.getDataRange().getValues();
  const formId = String(events[1]![events[0]!.map(String).indexOf('申込フォームid')]);
  const installed = emu.triggers.splice(0);
  const agencies = agencyNamesOf(emu);
  for (let i = 6; i < 8; i++) {
    emu.runtime.advanceClock(60_000);
    emu.forms.submit(formId, participantAnswers(1, i, agencies));
  }
  emu.triggers.push(...installed);
  const responses = emu.active.sheets.find((s) => s.name === `申込回答_${WORKSHOP.id}`)!;
  const mail = responses.getDataRange().getValues()[0]!.map(String).indexOf('メール') + 1;
  responses.rangeAt(3, mail, 1, 1).setValues([['corrected@example.jp']]);
  emu.active.sheets.find((s) => s.name === '参加者台帳')!.deleteRows(4, 1);
}
/** A joint briefing ahead of NOW, its forms, the test 関係機関, and a 招待先 naming two kinds and an agency. */
export const BRIEFING: DemoEvent = { ...WORKSHOP, id: 'EV-BRIEF', kind: '合同説明会', title: '企業向け合同説明会', start: new Date('2026-03-04T14:00:00+09:00'), end: new Date('2026-03-04T16:00:00+09:00') };
export function withInvitedEvent(emu: AddOn, invitees = '関係機関:ハローワーク、関係機関:区役所、ワークサポートあおば'): void {
  setUp(emu);
  ok(emu.run<RpcResult<unknown>>('rpcImportCsv', [toBase64(DEMO_AGENCIES_CSV)]));
  writeDemoEvents(emu, [BRIEFING], () => '募集中');
  ok(emu.run<RpcResult<unknown>>('rpcCreateEventForms', [BRIEFING.id]));
  typePartners(emu);
  const events = emu.active.sheets.find((s) => s.name === '行事')!;
  const col = events.rangeAt(1, 1, 1, events.getLastColumn()).getValues()[0]!.map(String).indexOf('招待先') + 1;
  events.rangeAt(2, col, 1, 1).setValues([[invitees]]);
}
/** Forms created, then the registration form unlinked from the spreadsheet (as from the Forms UI). */
function withUnlinkedForm(emu: AddOn): void {
  const formId = withEvent(emu, true);
  emu.globals.FormApp.openById(formId).removeDestination();
}
/** Ledger rows whose 出席 a volunteer ticked on the day. */
function withAttendance(emu: AddOn): void {
  withMissedResponses(emu, 6);
  emu.run('rpcSyncResponses');
  const ledger = emu.active.sheets.find((s) => s.name === '参加者台帳')!;
  const header = (ledger.rows[0] ?? []).map((c) => String(c?.value ?? ''));
  const attended = header.indexOf('出席') + 1;
  for (const row of [2, 4, 5]) ledger.rangeAt(row, attended, 1, 1).setValues([[true]]);
}
export function selectEventRow(emu: AddOn): void {
  const events = emu.active.sheets.find((s) => s.name === '行事')!;
  emu.active.setActiveRange(events.rangeAt(2, 1, 1, 1) as never);
}
/** What a person does before running it again: selects the event's row, wherever the row is now. */
function reselectEventRow(emu: AddOn): void {
  const events = emu.active.sheets.find((s) => s.name === '行事')!;
  const values = events.rangeAt(1, 1, events.getLastRow(), events.getLastColumn()).getValues();
  const row = values.findIndex((line) => line.includes(WORKSHOP.id));
  if (row < 0) throw new Error('test set-up: the event row is gone');
  emu.active.setActiveRange(events.rangeAt(row + 1, 1, 1, 1) as never);
}
/** A participant checks in through the event's check-in form: the first ledger row's e-mail. */
// ---- companies (issue 17) ----
function withReferrals(emu: AddOn): void {
  setUp(emu);
  ok(emu.run<RpcResult<unknown>>('rpcImportCsv', [toBase64(DEMO_AGENCIES_CSV)]));
  acceptReferrals(emu, agencyNamesOf(emu).slice(0, 6));
}
/** A company's inquiry, assigned, with the agency's status answer: the 企業相談 rows, both sheets and both stores. */
function withCompanyInquiry(emu: AddOn, email?: string): void {
  acceptReferrals(emu, agencyNamesOf(emu).slice(0, 6));
  ok(emu.run<RpcResult<unknown>>('rpcCreateConsultationForms'));
  if (email) emu.forms.submit(storedForms(emu).intake.formId, intakeAnswers({ company: '株式会社あお', topics: ['障害者雇用の検討'], email }));
  submitInquiry(emu);
  const link = ok(emu.run<RpcResult<{ statusLink: string }>>('rpcAssignConsultation', ['K-0001', 'AG-001'])).statusLink;
  const { formId, answers } = statusAnswersFromLink(emu, link, '完了', `${email ?? '担当者'} に電話しました`);
  emu.forms.submit(formId, answers);
}
function withConsultationForms(emu: AddOn): void {
  withReferrals(emu);
  ok(emu.run<RpcResult<unknown>>('rpcCreateConsultationForms'));
}
function submitted(r: { executions: { outcome: string; error?: string }[] }): Outcome {
  const failed = r.executions.find((x) => x.outcome === 'failed');
  return failed ? { ok: false, message: failed.error ?? '', kind: 'trigger' } : { ok: r.executions.length > 0, message: 'recorded' };
}
function submitInquiry(emu: AddOn): Outcome {
  emu.runtime.advanceClock(60_000);
  return submitted(emu.forms.submit(storedForms(emu).intake.formId, intakeAnswers({ company: '株式会社みどり', topics: ['障害者雇用の検討', '職場実習の受入'], disabilities: ['精神'] })));
}

function checkInOne(emu: AddOn): Outcome {
  const form = JSON.parse(emu.properties.document.get('checkin.forms') ?? '{}')[WORKSHOP.id] as { formId: string } | undefined;
  if (!form) throw new Error('test set-up: no check-in form');
  const ledger = emu.active.sheets.find((s) => s.name === '参加者台帳')!.getDataRange().getValues();
  const email = String(ledger[3]![ledger[0]!.map(String).indexOf('メール')]);
  emu.runtime.advanceClock(60_000);
  const r = emu.forms.submit(form.formId, { メールアドレスまたは受付番号: email });
  const failed = r.executions.find((x) => x.outcome === 'failed');
  return failed ? { ok: false, message: failed.error ?? '', kind: 'trigger' } : { ok: r.executions.length > 0, message: 'recorded' };
}
function submitOne(emu: AddOn): Outcome {
  const registration = [...emu.forms.store.forms.values()].find((f) => f.questions.some((q) => q.title === '氏名'));
  if (!registration) throw new Error('test set-up: no registration form');
  emu.runtime.advanceClock(60_000);
  const r = emu.forms.submit(registration.id, participantAnswers(1, 7, agencyNamesOf(emu)));
  const failed = r.executions.find((x) => x.outcome === 'failed');
  return failed ? { ok: false, message: failed.error ?? '', kind: 'trigger' } : { ok: r.executions.length > 0, message: 'recorded' };
}
/** The time-driven catch-up firing (catchUpResponses), as Apps Script runs it: a failure is a failed execution. */
export function catchUpOnce(emu: AddOn): Outcome {
  try {
    emu.run('catchUpResponses', [{ authMode: 'FULL', triggerUid: 'clock' }]);
    return { ok: true, message: 'caught up' };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e), kind: 'trigger' };
  }
}
const PAMPHLET_DAY = '2026-02-02';

/** Registrations and survey answers for the workshop (through the forms and the trigger), ready to be summarised. */
function withSurveyAnswers(emu: AddOn): void {
  withEvent(emu, true);
  const forms = [...emu.forms.store.forms.values()];
  const registration = forms.find((f) => f.questions.some((q) => q.title === '氏名'))!;
  const survey = forms.find((f) => f !== registration)!;
  const agencies = agencyNamesOf(emu);
  // Answers arrive with the trigger off and one 「回答を同期」 brings them in: the same sheets as fifteen firings, faster.
  const installed = emu.triggers.splice(0);
  for (let i = 0; i < 8; i++) {
    emu.runtime.advanceClock(60_000);
    emu.forms.submit(registration.id, participantAnswers(1, i, agencies));
  }
  for (let i = 0; i < 7; i++) {
    emu.runtime.advanceClock(60_000);
    const answers: Record<string, string | number | string[]> = {};
    for (const q of survey.questions) {
      if (q.type === 'SCALE') answers[q.title] = q.lowerBound + ((i * 3 + q.title.length) % (q.upperBound - q.lowerBound + 1));
      else if ((q.type === 'MULTIPLE_CHOICE' || q.type === 'LIST') && q.choices.length) answers[q.title] = q.choices[(i + q.title.length) % q.choices.length]!;
      else if (q.type === 'CHECKBOX' && q.choices.length) answers[q.title] = [q.choices[i % q.choices.length]!];
      else if (q.type === 'PARAGRAPH_TEXT' && i % 2 === 0) answers[q.title] = i === 2 ? '=HYPERLINK("https://evil.example","x")' : `感想${i}`;
    }
    emu.forms.submit(survey.id, answers);
  }
  emu.triggers.push(...installed);
  ok(emu.run<RpcResult<unknown>>('rpcSyncResponses'));
}
// ---- participant mail (issue 15) ----
/** Raw set of one cell by header (a person's typing, not counted). */
function typeCell(emu: AddOn, sheetName: string, row: number, header: string, value: unknown): void {
  const sheet = emu.active.sheets.find((s) => s.name === sheetName)!;
  const c = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!.map(String).indexOf(header) + 1;
  sheet.getRange(row, c).setValue(value);
}
/** The matrices run on 2026-02-02: the workshop moved to March, so that its registrations and reminders are ahead. */
function workshopInMarch(emu: AddOn): void {
  typeCell(emu, '行事', 2, '開始', new Date('2026-03-12T13:30:00+09:00'));
  typeCell(emu, '行事', 2, '終了', new Date('2026-03-12T16:30:00+09:00'));
}
/** Six registrations brought in and confirmed by 回答を同期, then the day the reminders fall due (2 days before). */
function withRemindersDue(emu: AddOn): void {
  withMissedResponses(emu, 6);
  workshopInMarch(emu);
  ok(emu.run<RpcResult<unknown>>('rpcSyncResponses'));
  emu.runtime.advanceClock(new Date('2026-03-10T14:00:00+09:00').getTime() - emu.runtime.now().getTime());
}
/** 定員 4: four 申込 and two キャンセル待ち told by 回答を同期; then a coordinator sets the first 申込 to 取消 by hand. */
function withCancellation(emu: AddOn): void {
  const formId = withEvent(emu, true);
  workshopInMarch(emu);
  typeCell(emu, '行事', 2, '定員', 4);
  const installed = emu.triggers.splice(0);
  const agencies = agencyNamesOf(emu);
  for (let i = 0; i < 6; i++) {
    emu.runtime.advanceClock(60_000);
    emu.forms.submit(formId, participantAnswers(1, i, agencies));
  }
  emu.triggers.push(...installed);
  ok(emu.run<RpcResult<unknown>>('rpcSyncResponses'));
  typeCell(emu, '参加者台帳', 2, '状態', '取消');
  emu.runtime.advanceClock(60 * 60_000);
}
/** Set up, then a volunteer types the fixture's agencies by hand (un-normalised: full-width digits, odd hyphens). */
const typedRegistry = (emu: AddOn) => {
  setUp(emu);
  typeRows(emu, '団体', csvRecords(FIXTURE_CSV));
};

/** Issue 19: the workshop's people synced (and one free-text answer naming p2-03), the coordinators named in 設定. */
function withPeople(emu: AddOn): void {
  withSurveyAnswers(emu);
  ok(emu.run<RpcResult<unknown>>('rpcSaveSettings', [{ 配慮事項の閲覧者: 'coordinator@example.jp、second@example.jp' }]));
}
const ERASE_WHO = 'p2-03@example.jp';

export const OPERATIONS: Operation[] = [
  { name: '初期設定', setup: () => {}, run: menu('setUpWorkbook'), scopes: [SCOPE.sheets] },
  {
    name: '初期設定（古いシートへの列の追加）',
    setup: (emu) => {
      setUp(emu);
      // An older workbook: 団体 lacks its last three columns and 設定 has no rows yet.
      const agencies = emu.active.sheets.find((s) => s.name === '団体')!;
      const width = agencies.getLastColumn();
      agencies.rangeAt(1, width - 2, 1, 3).clearContent();
      typeRows(emu, '団体', [{ 名称: '既存の団体', 種別: '就労移行支援' }]);
    },
    run: rpc('rpcSetUp'),
    scopes: [SCOPE.sheets],
  },
  { name: '団体名簿をチェック', setup: typedRegistry, run: menu('checkRegistry'), scopes: [SCOPE.sheets] },
  { name: '団体名簿をチェック（サイドバー）', setup: typedRegistry, run: rpc('rpcCheckRegistry'), scopes: [SCOPE.sheets] },
  {
    name: 'CSVから団体を取り込む',
    setup: (emu) => {
      setUp(emu);
      typeRows(emu, '団体', [{ 名称: 'ワークサポートあおば', 種別: '就労移行支援' }]);
    },
    run: rpc('rpcImportCsv', () => [toBase64(FIXTURE_CSV)]),
    scopes: [SCOPE.sheets],
  },
  // ---- forms and the ledger ----
  {
    name: '行事をチェック',
    setup: (emu) => {
      withEvent(emu, false);
      // 開始 typed in 和暦 and 定員 with full-width digits: the check writes them back as a date-time and a number.
      typeRows(emu, '行事', [{ id: 'EV-WAREKI', 種類: 'セミナー', 名称: '和暦で入力した行事', 開始: '令和8年8月1日 13:30', 定員: '３０名' }]);
    },
    run: menu('checkEvents'),
    scopes: [SCOPE.sheets],
  },
  {
    name: 'フォームを作成',
    setup: (emu) => { withEvent(emu, false); },
    run: rpc('rpcCreateEventForms', () => [WORKSHOP.id]),
    scopes: [SCOPE.sheets, SCOPE.forms, SCOPE.triggers],
    orphanWindows: [{ after: 'FormApp.create', until: 'Range.setValues', what: 'a form (created, its id not yet in 行事)' }],
  },
  {
    name: 'フォームを作成（メニュー・団体が増えて更新）',
    setup: (emu) => {
      withEvent(emu, true);
      typeRows(emu, '団体', [{ 名称: '新しく加入した団体', 名称カナ: 'アタラシイ', 種別: '就労移行支援', 電話: '03-9999-0000' }]);
      selectEventRow(emu);
    },
    run: menu('createEventForms'),
    rerun: (emu) => { reselectEventRow(emu); return menu('createEventForms')(emu); },
    scopes: [SCOPE.sheets, SCOPE.forms, SCOPE.triggers],
  },
  {
    // bench18c (issue 18 item 4): a survey question reworded in アンケート設問 — its item retitled in place, no other written.
    name: 'フォームを作成（設問の言い換え）',
    setup: (emu) => { withEvent(emu, true); typeCell(emu, 'アンケート設問', 7, '設問', '業務への役立ち度（3か月後）'); },
    run: rpc('rpcCreateEventForms', () => [WORKSHOP.id]),
    scopes: [SCOPE.sheets, SCOPE.forms, SCOPE.triggers],
  },
  {
    name: 'フォーム回答（トリガー）',
    setup: (emu) => { withEvent(emu, true); },
    run: runner('onFormSubmitHandler', submitOne),
    trigger: true,
    rerun: rpc('rpcSyncResponses'),
    ignoreLog: ['フォーム回答の取り込み', '回答を同期'],
    scopes: [],
  },
  { name: '回答を同期', setup: (emu) => withMissedResponses(emu, 6), run: menu('syncFormResponses'), scopes: [SCOPE.sheets] },
  { name: '回答を同期（回答の修正・台帳で削除された行）', setup: withCorrectionsAndDeletion, run: rpc('rpcSyncResponses'), scopes: [SCOPE.sheets] },
  {
    name: 'フォームを作成（回答先の付け直し）',
    setup: withUnlinkedForm,
    run: rpc('rpcCreateEventForms', () => [WORKSHOP.id]),
    scopes: [SCOPE.sheets, SCOPE.forms, SCOPE.triggers],
  },
  {
    // The hourly catch-up after a burst whose last firings gave up on the lock: six responses waiting, marked pending.
    name: '定時の回答取り込み（トリガー）',
    setup: (emu) => { withMissedResponses(emu, 6); emu.properties.document.set('responses.pendingSince', '2025-07-01T00:00:00.000Z'); },
    run: runner('catchUpResponses', (emu) => catchUpOnce(emu)),
    trigger: true,
    rerun: catchUpOnce, // the next hour's run
    ignoreLog: ['フォーム回答の取り込み'],
    scopes: [],
  },
  { name: '出欠を集計', setup: withAttendance, run: rpc('rpcTallyAttendance'), scopes: [SCOPE.sheets] },
  { name: '受付時刻を記録', setup: withAttendance, run: menu('stampCheckIns'), scopes: [SCOPE.sheets] },
  // ---- meetings (Calendar) ----
  // A run that stops part-way reports it in its result and logs 成功 (finding: the log line should say it stopped),
  // so the re-run adds a second 成功 line; the log is not compared for these two.
  { name: '会議の招待を送信', setup: (emu) => { setUp(emu); typeNetwork(emu); }, run: rpc('rpcSendMeetingInvites'), scopes: [SCOPE.sheets, SCOPE.calendar], ignoreLog: ['会議の招待を送信'] },
  {
    name: '会議の招待を送信（変更・中止・追加）',
    setup: (emu) => { setUp(emu); typeNetwork(emu); ok(emu.run<RpcResult<unknown>>('rpcSendMeetingInvites')); editRound(emu); },
    run: menu('sendMeetingInvites'),
    scopes: [SCOPE.sheets, SCOPE.calendar],
    ignoreLog: ['会議の招待を送信'],
  },
  // issue 17: 関係機関 invited by 招待先 (the sheet read, K ids written before the events are made)
  {
    name: '会議の招待を送信（関係機関）',
    setup: (emu) => { setUp(emu); typeNetwork(emu, PARTNER_MEETINGS); typePartners(emu); },
    run: rpc('rpcSendMeetingInvites'),
    scopes: [SCOPE.sheets, SCOPE.calendar],
    ignoreLog: ['会議の招待を送信'],
  },
  // issue 17 item 6: 行事の案内 to the event's 招待先 (関係機関 by kind, an agency by name): 3 mails, records in Document
  // Properties before and after the batch; a failed send stops the batch (said in the result), the re-run mails the rest.
  { name: '行事の案内を送信', setup: withInvitedEvent, run: rpc('rpcSendEventInvites', () => [BRIEFING.id]), scopes: [SCOPE.sheets, SCOPE.mail], ignoreLog: ['行事の案内を送信'] },
  // A dead run left the three addresses 要確認; the coordinator asked one and releases it: that one mail, once.
  {
    name: '行事の案内を送信（要確認の再送）',
    setup: (emu) => {
      withInvitedEvent(emu);
      const to = ['senmon@hellowork.example.jp', 'fukushi@city.example.jp', 'info@aoba.example.jp'];
      emu.properties.document.set('invites.sent', JSON.stringify(to.map((a) => JSON.stringify([BRIEFING.id, a, '?', '2026/02/01 09:00']))));
    },
    run: rpc('rpcSendEventInvites', () => [BRIEFING.id, ['info@aoba.example.jp']]),
    scopes: [SCOPE.sheets, SCOPE.mail], ignoreLog: ['行事の案内を送信'],
  },
  // ---- pamphlet (Docs) ----
  {
    name: 'パンフレットのひな形を作成',
    setup: (emu) => { setUp(emu); ok(emu.run<RpcResult<unknown>>('rpcImportCsv', [toBase64(DEMO_AGENCIES_CSV)])); },
    run: rpc('rpcCreatePamphletTemplate'),
    // Drive and the Docs API only (drive.file covers documents.batchUpdate on the app's own file).
    scopes: [SCOPE.sheets, SCOPE.driveFile],
    // The first Drive.Files.create is the folder; the template's id comes back with its own create, so a failure
    // after it trashes it (Drive.Files.update reaches it under drive.file) and leaves no window.
    orphanWindows: [{ after: 'Files.create', until: 'Range.setValues', onlyFirst: true, what: 'the output folder (created, its id not yet in 設定)' }],
  },
  {
    name: 'パンフレットを作成',
    setup: (emu) => {
      setUp(emu);
      ok(emu.run<RpcResult<unknown>>('rpcImportCsv', [toBase64(DEMO_AGENCIES_CSV)]));
      ok(emu.run<RpcResult<unknown>>('rpcCreatePamphletTemplate'));
    },
    run: rpc('rpcGeneratePamphlet', () => [{ issuedOn: PAMPHLET_DAY }]),
    scopes: [SCOPE.sheets, SCOPE.documents, SCOPE.driveFile],
    // Every run makes a new version by design; a failure after the work is saved (the flush as the document lock is
    // released) is reported, and the user's re-run then adds a second, complete version beside the first.
    orphanWindows: [{ atLast: 'SpreadsheetApp.flush', count: 2, what: 'a second complete pamphlet version: its document and its PDF (failure reported after the first was saved)' }],
  },
  {
    // issue 17: with the company form made, the copy gets its QR code through DocumentApp before the PDF.
    name: 'パンフレットを作成（企業相談フォームのQRコード）',
    setup: (emu) => {
      setUp(emu);
      ok(emu.run<RpcResult<unknown>>('rpcImportCsv', [toBase64(DEMO_AGENCIES_CSV)]));
      ok(emu.run<RpcResult<unknown>>('rpcCreatePamphletTemplate'));
      ok(emu.run<RpcResult<unknown>>('rpcCreateConsultationForms'));
    },
    run: rpc('rpcGeneratePamphlet', () => [{ issuedOn: PAMPHLET_DAY }]),
    scopes: [SCOPE.sheets, SCOPE.documents, SCOPE.driveFile],
    orphanWindows: [{ atLast: 'SpreadsheetApp.flush', count: 2, what: 'a second complete pamphlet version: its document and its PDF (failure reported after the first was saved)' }],
  },
  // ---- survey results and the activity report ----
  { name: 'アンケートを集計', setup: withSurveyAnswers, run: menu('summariseSurveys'), scopes: [SCOPE.sheets] },
  // charts18: a re-run after the question set changed: the event sheet's charts (kept across runs otherwise) are removed
  // and built again, their marks opened before the first insert; a person's own chart on that sheet stays.
  {
    name: 'アンケートを集計（設問の追加後）',
    setup: (emu) => {
      withSurveyAnswers(emu);
      ok(emu.run<RpcResult<unknown>>('rpcSummariseSurveys'));
      typeRows(emu, 'アンケート設問', [{ 設問: '会場の快適さ', 形式: '5段階', 必須: 'いいえ', 対象: 'すべて' }]);
      const sheet = emu.active.sheets.find((s) => s.name.startsWith('アンケート集計_'))!;
      sheet.insertChart(sheet.newChart().setChartType('BAR' as never).addRange(sheet.getRange('A6:B8')).setOption('title', '手で作ったグラフ').build());
    },
    run: menu('summariseSurveys'),
    scopes: [SCOPE.sheets],
  },
  {
    name: '活動報告書を作成',
    setup: (emu) => { withSurveyAnswers(emu); ok(emu.run<RpcResult<unknown>>('rpcSummariseSurveys')); },
    run: rpc('rpcCreateActivityReport'),
    scopes: [SCOPE.sheets, SCOPE.driveFile],
    // Like the pamphlet, every run makes a new report document by design.
    orphanWindows: [
      { atLast: 'SpreadsheetApp.flush', what: 'a second complete report (failure reported after the first was saved)' },
      { after: 'Documents.batchUpdate', until: 'Range.setValues', onlyFirst: true, what: 'the report template (made, its id not yet in 設定)' },
    ],
  },
  // ---- personal data (issue 19) ----
  {
    name: '本人のデータを検索',
    setup: withPeople,
    run: rpc('rpcSearchPersonalData', () => [ERASE_WHO]),
    scopes: [SCOPE.sheets, SCOPE.forms, SCOPE.driveFile, SCOPE.documents],
    // The export's ids are kept in Document Properties (so 「本人のデータを削除」 trashes it) after its Doc and PDF are
    // made; a failure before they are kept trashes them (no window).
    orphanWindows: [
      // Every search makes a new export by design: a failure reported after it was kept, and the re-run, make two.
      { atLast: 'SpreadsheetApp.flush', count: 2, what: 'a second export, Doc and PDF (failure reported after the first was kept; both are trashed by 本人のデータを削除)' },
    ],
  },
  {
    name: '本人のデータを削除',
    // With the person's own certificate PDF (参加証明書発行記録 keeps its id): trashed first, its id emptied after.
    setup: (emu) => {
      withPeople(emu);
      const ledger = emu.active.sheets.find((s) => s.name === '参加者台帳')!;
      const values = ledger.getDataRange().getValues();
      const row = values.findIndex((r) => r.includes(ERASE_WHO)) + 1;
      ledger.rangeAt(row, values[0]!.indexOf('出席') + 1, 1, 1).setValues([[true]]);
      ok(emu.run<RpcResult<unknown>>('rpcIssueCertificates', [WORKSHOP.id, { perPerson: true }]));
      // The same address as a company's contact (issue 17): 企業相談, its response sheet and the company form's store.
      withCompanyInquiry(emu, ERASE_WHO);
      ok(emu.run<RpcResult<unknown>>('rpcSearchPersonalData', [ERASE_WHO]));
    },
    run: rpc('rpcErasePersonalData', () => [ERASE_WHO]),
    scopes: [SCOPE.sheets, SCOPE.forms, SCOPE.driveFile],
  },
  {
    name: '個人情報の整理',
    // With the event's 受付名簿 (a Doc and its PDF to trash), 受講記録 (rows to erase), a search's export, and a company's
    // inquiry with an agency's status answer (企業相談, both response sheets and both forms' stores, issue 17).
    setup: (emu) => {
      withPeople(emu);
      ok(emu.run<RpcResult<unknown>>('rpcCreateRoster', [WORKSHOP.id]));
      emu.run('updateTrainingRecords');
      ok(emu.run<RpcResult<unknown>>('rpcSearchPersonalData', [ERASE_WHO]));
      // Received and closed in fiscal 2025: past its period (翌年度末) on the day the tidy-up runs.
      emu.runtime.fixedNow = new Date('2026-03-02T10:00:00+09:00');
      withCompanyInquiry(emu);
      emu.runtime.fixedNow = new Date('2027-04-02T09:00:00+09:00');
    },
    run: rpc('rpcRunRetention'),
    scopes: [SCOPE.sheets, SCOPE.forms, SCOPE.driveFile],
  },
  {
    name: '配慮事項フォームの作成',
    setup: withPeople,
    run: rpc('rpcCreateAccommodationForm', () => [WORKSHOP.id]),
    // It also refuses without userinfo.email (it must know the runner is a named coordinator); the table leaves that
    // scope out of every entry, as the security test derives it.
    scopes: [SCOPE.sheets, SCOPE.forms],
    orphanWindows: [{ after: 'FormApp.create', until: 'Properties.setProperty', what: 'the accommodation form (created, its id not yet kept)' }],
  },
  // ---- on the day and after (issue 15): 受付名簿, self check-in, 参加証明書, 受講記録 ----
  {
    name: '受付名簿を作成',
    // The event's row selected too, for the menu function (test/concurrency/entry-points.test.ts).
    setup: (emu) => { withAttendance(emu); selectEventRow(emu); },
    run: rpc('rpcCreateRoster', () => [WORKSHOP.id]),
    scopes: [SCOPE.sheets, SCOPE.forms, SCOPE.triggers, SCOPE.documents, SCOPE.driveFile],
    orphanWindows: [
      { after: 'FormApp.create', until: 'Properties.setProperty', what: 'the check-in form (created, its id not yet kept)' },
      { after: 'Files.create', until: 'Range.setValues', onlyFirst: true, what: 'the output folder (created, its id not yet in 設定)' },
      // Like the pamphlet, every run makes a new roster by design.
      { atLast: 'SpreadsheetApp.flush', count: 2, what: 'a second complete roster: its document and its PDF (failure reported after the first was saved)' },
    ],
  },
  {
    name: 'セルフ受付（トリガー）',
    setup: (emu) => { withAttendance(emu); ok(emu.run<RpcResult<unknown>>('rpcCreateRoster', [WORKSHOP.id])); },
    run: checkInOne,
    trigger: true,
    rerun: rpc('rpcSyncResponses'),
    ignoreLog: ['フォーム回答の取り込み', '回答を同期'],
    scopes: [],
  },
  {
    name: '参加証明書を作成',
    setup: (emu) => { withAttendance(emu); selectEventRow(emu); },
    run: rpc('rpcIssueCertificates', () => [WORKSHOP.id]),
    scopes: [SCOPE.sheets, SCOPE.documents, SCOPE.driveFile],
    orphanWindows: [
      { after: 'Files.create', until: 'Range.setValues', onlyFirst: true, what: 'the output folder (created, its id not yet in 設定)' },
      { after: 'Documents.batchUpdate', until: 'Range.setValues', onlyFirst: true, what: 'the certificate template (made through the Docs API, its id not yet in 設定)' },
      // The numbers are recorded before the document; a failure after the document and its PDF are made and before
      // their id reaches the record prints the same numbers again on the re-run (two files, no number twice).
      { after: 'Document.getAs', until: 'SpreadsheetApp.flush', count: 2, what: 'the certificates document and its PDF (made, their id not yet in the record)' },
    ],
  },
  {
    name: '参加証明書を作成（一人ずつPDF）',
    setup: (emu) => { withAttendance(emu); selectEventRow(emu); },
    run: rpc('rpcIssueCertificates', () => [WORKSHOP.id, { perPerson: true }]),
    scopes: [SCOPE.sheets, SCOPE.documents, SCOPE.driveFile],
    orphanWindows: [
      { after: 'Files.create', until: 'Range.setValues', onlyFirst: true, what: 'the output folder (created, its id not yet in 設定)' },
      { after: 'Documents.batchUpdate', until: 'Range.setValues', onlyFirst: true, what: 'the certificate template (made through the Docs API, its id not yet in 設定)' },
      // Each person's PDF is made on request and a re-run makes them again by design (numbers unchanged): the PDFs
      // made before a failure stay beside the re-run's.
      { after: 'Files.create', until: 'Files.update', count: 3, what: 'the PDFs made before the failure (a re-run makes everyone\'s again)' },
      { atLast: 'Files.update', count: 4, what: 'every PDF and the work Doc, when trashing the work Doc fails' },
      { atLast: 'SpreadsheetApp.flush', count: 3, what: 'every PDF (failure reported after they were made)' },
    ],
  },
  {
    // Issue 15 item 7: the same PDFs, each also e-mailed to its person — a fault anywhere must never mail anyone twice.
    name: '参加証明書を作成（一人ずつPDF・メール）',
    setup: (emu) => { withAttendance(emu); selectEventRow(emu); },
    run: rpc('rpcIssueCertificates', () => [WORKSHOP.id, { perPerson: true, mail: true }]),
    scopes: [SCOPE.sheets, SCOPE.documents, SCOPE.driveFile, SCOPE.mail],
    orphanWindows: [
      { after: 'Files.create', until: 'Range.setValues', onlyFirst: true, what: 'the output folder (created, its id not yet in 設定)' },
      { after: 'Documents.batchUpdate', until: 'Range.setValues', onlyFirst: true, what: 'the certificate template (made through the Docs API, its id not yet in 設定)' },
      { after: 'Files.create', until: 'Files.update', count: 3, what: 'the PDFs made before the failure (a re-run makes everyone\'s again)' },
      { atLast: 'Files.update', count: 4, what: 'every PDF and the work Doc, when trashing the work Doc fails' },
      { after: 'Files.update', count: 3, what: 'every PDF (a failure while mailing them: the re-run makes them again, mails only who was not mailed)' },
    ],
    },
  // ---- 掲載情報の確認 (issue 16) ----
  {
    name: '掲載情報の確認を依頼',
    setup: (emu) => { setUp(emu); ok(emu.run<RpcResult<unknown>>('rpcImportCsv', [toBase64(DEMO_AGENCIES_CSV)])); },
    run: rpc('rpcRequestAgencyRound', () => [{}]),
    // Each agency's link is mailed (14 of 16): a failed send stops the batch and is said in the result; the re-run
    // mails the rest and logs its own line.
    scopes: [SCOPE.sheets, SCOPE.forms, SCOPE.mail],
    ignoreLog: ['掲載情報の確認を依頼'],
    orphanWindows: [{ after: 'FormApp.create', until: 'Properties.setProperty', what: 'the confirmation form (created, its id not yet recorded)' }],
  },
  {
    // 15 days after the request two agencies have answered: the one reminder to the others that go by mail (12).
    name: '掲載情報の確認の再送',
    setup: (emu) => {
      setUp(emu);
      ok(emu.run<RpcResult<unknown>>('rpcImportCsv', [toBase64(DEMO_AGENCIES_CSV)]));
      const links = ok(emu.run<RpcResult<RoundRequestResult>>('rpcRequestAgencyRound', [{}])).links;
      for (const i of [0, 2]) {
        const { formId, answers } = emu.forms.store.answersFromPrefilledUrl(links[i]!.url);
        emu.forms.submit(formId, answers);
      }
      emu.runtime.advanceClock(15 * 24 * 60 * 60 * 1000);
      roundIds = links.map((l) => l.id);
    },
    run: rpc('rpcRequestAgencyRound', () => [{ ids: roundIds, remind: true }]),
    scopes: [SCOPE.sheets, SCOPE.forms, SCOPE.mail],
    ignoreLog: ['掲載情報の確認を依頼'],
  },
  {
    // Two agencies answered through their links (one with a full-width phone and a formula-looking 特色); the coordinator
    // applies the first's 電話 and 特色 and rejects its 掲載しない項目.
    name: '掲載情報の回答を反映',
    setup: (emu) => {
      setUp(emu);
      ok(emu.run<RpcResult<unknown>>('rpcImportCsv', [toBase64(DEMO_AGENCIES_CSV)]));
      const links = ok(emu.run<RpcResult<RoundRequestResult>>('rpcRequestAgencyRound', [{}])).links;
      for (const [i, changes] of [[0, { 電話: '０３－５２１１－９９９９', 特色: '=HYPERLINK("http://x")', 掲載しない項目: ['メール'] }], [2, { 開所日時: '月〜土' }]] as [number, Record<string, string | string[]>][]) {
        const { formId, answers } = emu.forms.store.answersFromPrefilledUrl(links[i]!.url);
        emu.forms.submit(formId, { ...answers, ...changes });
      }
      const agency = reviewView(ok(emu.run<RpcResult<RoundReviewData>>('rpcReviewAgencyRound'))).agencies.find((a) => a.state === 'answered')!;
      roundDecision = { agencyId: agency.id, answerKey: agency.answerKey, accept: ['phone', 'features'], reject: ['withheld'] };
    },
    run: rpc('rpcDecideAgencyRound', () => [roundDecision!]),
    scopes: [SCOPE.sheets],
  },
  { name: '受講記録を更新', setup: withAttendance, run: menu('updateTrainingRecords'), scopes: [SCOPE.sheets] },
  // ---- participant mail (issue 15) ----
  // A batch stopped part-way says so and logs its own line; the re-run logs another (as 会議の招待を送信).
  { name: '参加者へのメールを送信', setup: withRemindersDue, run: rpc('rpcSendMail'), scopes: [SCOPE.sheets, SCOPE.mail], ignoreLog: ['参加者へのメールを送信'] },
  {
    name: '参加者へのメールを送信（取消と繰り上げ・メニュー）', setup: withCancellation, run: menu('sendParticipantMail'), scopes: [SCOPE.sheets, SCOPE.mail],
    ignoreLog: ['参加者へのメールを送信'],
  },
  {
    // A registration for an event ahead: the firing records it and sends the confirmation with the .ics, under its lock.
    name: 'フォーム回答（トリガー・申込確認メール）',
    setup: (emu) => { withEvent(emu, true); workshopInMarch(emu); },
    run: submitOne,
    trigger: true,
    rerun: rpc('rpcSyncResponses'),
    ignoreLog: ['フォーム回答の取り込み', '回答を同期'],
    scopes: [],
  },
  {
    // The hourly trigger when the reminders fall due: no pending responses, the planned check time has come.
    name: '定時のメール送信（トリガー）',
    setup: withRemindersDue,
    run: catchUpOnce,
    trigger: true,
    rerun: catchUpOnce, // the next hour's run
    ignoreLog: ['参加者へのメール（定時）'],
    scopes: [],
  },
  {
    name: '設定の保存',
    setup: setUp,
    run: rpc('rpcSaveSettings', () => [{ ネットワーク名: '千代田区就労支援ネットワーク', テンプレート: '=HYPERLINK("x")' }]),
    scopes: [SCOPE.sheets],
  },  // ---- continuity (issue 20) ----
  {
    // The first coordinator left: their triggers are gone and six responses wait. A second coordinator (granted what
    // the test grants) installs their own triggers, is recorded, and the sync brings the six in.
    name: '担当を引き継ぐ',
    setup: (emu) => { withMissedResponses(emu, 6); emu.triggers.splice(0); },
    run: asSecondCoordinator(rpc('rpcTakeOver')),
    // It needs userinfo.email too (to record who took over), unlike every other operation, which reads it best-effort;
    // the security tests leave that scope out everywhere, so test/server/workspace/features/health.bundle.test.ts checks it.
    scopes: [SCOPE.sheets, SCOPE.triggers],
  },
  {
    // The add-on's folder was created by the first run and moved into the network's shared drive by a person; the
    // run moves the add-on's output folder (with the template in it) there.
    name: 'ファイルを共有フォルダに移す',
    setup: (emu) => {
      setUp(emu);
      ok(emu.run<RpcResult<unknown>>('rpcImportCsv', [toBase64(DEMO_AGENCIES_CSV)]));
      ok(emu.run<RpcResult<unknown>>('rpcCreatePamphletTemplate'));
      const folder = ok(emu.run<RpcResult<{ createdFolder: string }>>('rpcMoveToSharedFolder')).createdFolder;
      emu.drive.moveByHand(folder, emu.drive.addSharedDrive('ネットワーク', { [emu.runtime.user.email]: 'organizer' }));
    },
    run: rpc('rpcMoveToSharedFolder'),
    scopes: [SCOPE.sheets, SCOPE.driveFile],
  },
  // ---- companies (issue 17): 企業相談フォームの作成, filing by the trigger, 担当に決める, the agency's status answer ----
  {
    name: '企業相談フォームの作成',
    setup: withReferrals,
    run: rpc('rpcCreateConsultationForms'),
    scopes: [SCOPE.sheets, SCOPE.forms, SCOPE.triggers],
    orphanWindows: [{ after: 'FormApp.create', until: 'Properties.setProperty', what: 'a company form (created, its id not yet kept)' }],
  },
  {
    name: '企業相談（トリガー）',
    setup: withConsultationForms,
    run: submitInquiry,
    trigger: true,
    rerun: rpc('rpcSyncResponses'),
    ignoreLog: ['フォーム回答の取り込み', '回答を同期'],
    scopes: [],
  },
  {
    // 設定「企業相談_自動割当」 する: the firing files the inquiry as 担当決定 for its first candidate and mails both.
    name: '企業相談（トリガー・自動割当）',
    setup: (emu) => { withConsultationForms(emu); setAutoAssign(emu, 'する'); },
    run: submitInquiry,
    trigger: true,
    rerun: rpc('rpcSyncResponses'),
    ignoreLog: ['フォーム回答の取り込み', '回答を同期'],
    scopes: [],
  },
  {
    name: '企業相談の担当を決定',
    setup: (emu) => { withConsultationForms(emu); submitInquiry(emu); },
    run: rpc('rpcAssignConsultation', () => ['K-0001', 'AG-001']),
    scopes: [SCOPE.sheets, SCOPE.mail],
    // A send that failed part-way is reported in the result (成功 with 「途中で止まりました」); the re-run logs again.
    ignoreLog: ['企業相談の担当を決定'],
  },
  {
    name: '企業相談の督促',
    setup: (emu) => {
      withConsultationForms(emu); submitInquiry(emu); ok(emu.run<RpcResult<unknown>>('rpcAssignConsultation', ['K-0001', 'AG-001']));
      emu.runtime.advanceClock(8 * 24 * 60 * 60 * 1000);
    },
    run: rpc('rpcRemindConsultation', () => ['K-0001']),
    scopes: [SCOPE.sheets, SCOPE.mail],
    ignoreLog: ['企業相談の督促'],
  },
  {
    name: '企業相談の対応状況（トリガー）',
    setup: (emu) => { withConsultationForms(emu); submitInquiry(emu); ok(emu.run<RpcResult<unknown>>('rpcAssignConsultation', ['K-0001', 'AG-001'])); },
    run: (emu) => {
      const link = String(emu.active.sheets.find((s) => s.name === '企業相談')!.getDataRange().getValues()[1]![23]);
      const { formId, answers } = statusAnswersFromLink(emu, link, '対応中', '電話しました');
      return submitted(emu.forms.submit(formId, answers));
    },
    trigger: true,
    rerun: rpc('rpcSyncResponses'),
    ignoreLog: ['フォーム回答の取り込み', '回答を同期'],
    scopes: [],
  },
];

/** The second coordinator of issue 20, with the grant the test gives (a scope removed stays removed for them). */
export const SECOND_COORDINATOR = 'second@example.jp';
function asSecondCoordinator(run: Runner): Runner {
  return runner(run.entry!, (emu) => {
    emu.users.add(SECOND_COORDINATOR, { grantedScopes: [...emu.runtime.grantedScopes] });
    return emu.users.as(SECOND_COORDINATOR, () => run(emu));
  });
}
