/**
 * Demo step: the seed's two events through their forms. EV-SEMINAR (August, 40 registrations) and EV-WORKSHOP
 * (December role-play workshop, 30 registrations, 30 seats): forms created by the add-on, participants submit
 * through the emulator (firing the add-on's spreadsheet form-submit trigger), including one duplicate firing,
 * one blank second firing, two submissions interleaved under the lock, and a stretch with the trigger off that
 * 「回答を同期」 recovers. Then check-in, surveys and the tally. `--responses FILE.csv` submits each row of FILE as
 * a participant would (header: イベント,氏名,ふりがな,所属,職種,メール,参加形態).
 */
import { readFileSync } from 'node:fs';
import { checkInOnTheDay } from './checkin';
import type { AttendanceReport, EventFormsResult, Problem, RpcResult, SyncReport } from '../../src/protocol';
import { SubmissionRefused, type Answer } from '../../emulator/forms';
import { parseCsv } from '../../emulator/services';
import type { Emulator } from '../../emulator';
import { formatProblem } from '../../src/server/domain/where';
import { OPT_OUT_CHOICE } from '../../src/server/domain/registration';
import { DemoContext } from './context';
import { typeDemoPartners } from './meetings';

export interface DemoEvent { id: string; kind: string; title: string; start: Date; end: Date; venue: string; capacity: number; registrations: number; invitees?: string }

export const DEMO_EVENTS: readonly DemoEvent[] = [
  {
    id: 'EV-SEMINAR', kind: 'セミナー', title: '支援者向けセミナー「企業が求める職業準備性」',
    start: new Date('2025-08-22T14:00:00+09:00'), end: new Date('2025-08-22T16:30:00+09:00'), venue: '区民会館 第1会議室', capacity: 40, registrations: 40,
    // issue 17 item 6: the seminar's announcement reaches Hello Work (関係機関) through 「行事の案内を送信」.
    invitees: '関係機関:ハローワーク',
  },
  {
    id: 'EV-WORKSHOP', kind: 'ワークショップ', title: 'ロールプレイ研修「企業面接への同行支援」',
    start: new Date('2025-12-12T13:30:00+09:00'), end: new Date('2025-12-12T16:30:00+09:00'), venue: '就労支援センターかがやき 研修室', capacity: 30, registrations: 30,
  },
];

const FAMILY = [['佐藤', 'さとう'], ['鈴木', 'すずき'], ['高橋', 'たかはし'], ['田中', 'たなか'], ['伊藤', 'いとう'], ['渡辺', 'わたなべ'], ['山本', 'やまもと'], ['中村', 'なかむら'], ['小林', 'こばやし'], ['加藤', 'かとう'],
  ['吉田', 'よしだ'], ['山田', 'やまだ'], ['佐々木', 'ささき'], ['山口', 'やまぐち'], ['松本', 'まつもと'], ['井上', 'いのうえ'], ['木村', 'きむら'], ['林', 'はやし'], ['斎藤', 'さいとう'], ['清水', 'しみず']] as const;
const GIVEN = [['花子', 'はなこ'], ['太郎', 'たろう'], ['美咲', 'みさき'], ['健一', 'けんいち'], ['由美', 'ゆみ'], ['大輔', 'だいすけ'], ['恵', 'めぐみ'], ['翔太', 'しょうた'], ['真理子', 'まりこ'],
  ['誠', 'まこと'], ['彩', 'あや'], ['拓也', 'たくや'], ['裕子', 'ゆうこ']] as const;
const JOBS = ['就労支援員', '職業指導員', '生活支援員', 'サービス管理責任者', 'ジョブコーチ', '相談支援専門員', '就労定着支援員'];
const OUTSIDERS = ['区役所 障害者福祉課', '株式会社サンプル商事 人事部', '都立特別支援学校 進路指導部'];

/** The i-th (0-based) participant of event number e, as they would fill in the registration form. */
export function participantAnswers(e: number, i: number, agencyNames: readonly string[]): Record<string, Answer> {
  const [family, familyKana] = FAMILY[i % FAMILY.length]!;
  const [given, givenKana] = GIVEN[(i + Math.floor(i / FAMILY.length) * 3 + e * 2) % GIVEN.length]!;
  const answers: Record<string, Answer> = {
    氏名: `${family} ${given}`,
    ふりがな: `${familyKana} ${givenKana}`,
    所属: i % 9 === 8 ? OUTSIDERS[(i + e) % OUTSIDERS.length]! : agencyNames[(i * 5 + e) % agencyNames.length]!,
    職種: JOBS[(i + e) % JOBS.length]!,
    メール: `p${e + 1}-${String(i + 1).padStart(2, '0')}@example.jp`,
    参加形態: i % 4 === 3 ? 'オンライン' : '対面',
  };
  if (e === 0 && i === 12) answers['職種'] = '=HYPERLINK("https://example.jp","研修担当")';
  if (i === 3) Object.assign(answers, { 必要な配慮: '車椅子で参加します。段差のない席を希望します。', 配慮事項の取扱い: ['上記に同意して記入します'] });
  if (e === 0 && i === 7) answers['必要な配慮'] = '資料を事前にデータでいただけると助かります。';
  // One participant asks for no mail but the confirmation (配信停止, issue 15).
  if (e === 0 && i === 1) answers['お知らせの配信'] = [OPT_OUT_CHOICE];
  return answers;
}

/** One anonymous survey answer set, varied but deterministic. */
export function surveyAnswers(i: number, workshop: boolean): Record<string, Answer> {
  const pick = <T>(xs: readonly T[], k: number) => xs[k % xs.length]!;
  const answers: Record<string, Answer> = {
    所属種別: pick(['就労移行支援', '就労継続支援B型', '障害者就業・生活支援センター', '就労継続支援A型', '行政'], i),
    経験年数: pick(['1年未満', '1〜3年', '3〜5年', '5〜10年', '10年以上'], i * 3),
    参加形態: i % 4 === 3 ? 'オンライン' : '対面',
    全体満足度: 3 + (i % 3), 理解度: 3 + ((i + 1) % 3), 業務への役立ち度: 4 + (i % 2), '時間配分・進行': 2 + (i % 4), 講師の説明: 3 + ((i * 2) % 3),
    今後希望するテーマ: [pick(['定着支援', 'アセスメント', '企業開拓・職場実習'], i), ...(i % 2 ? ['精神・発達障害の理解'] : [])],
    次回参加意向: pick(['参加したい', '内容によって参加したい', '参加したい', '参加しない'], i),
  };
  if (workshop) answers['演習の実践度'] = 3 + (i % 3);
  if (i % 5 === 0) answers['最も役立った点'] = '実際の事例をもとにした説明が具体的でした。';
  if (i % 7 === 0) answers['改善点'] = 'グループワークの時間をもう少し長くしてほしいです。';
  return answers;
}

function unwrap<T>(r: RpcResult<T>, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${r.error.message}`);
  return r.value;
}

/** What a volunteer types into 行事 (raw emulator objects: not counted as add-on calls). */
export function writeDemoEvents(emu: Emulator, events: readonly DemoEvent[] = DEMO_EVENTS, status: (e: DemoEvent) => string = () => '終了'): void {
  const sheet = emu.active.sheets.find((s) => s.name === '行事');
  if (!sheet) throw new Error('行事 sheet missing: run 初期設定 first');
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!.map(String);
  const col = (h: string) => header.indexOf(h);
  const first = sheet.getLastRow() + 1;
  const rows = events.map((e) => {
    const line: unknown[] = header.map(() => '');
    line[col('id')] = e.id; line[col('種類')] = e.kind; line[col('名称')] = e.title; line[col('開始')] = e.start; line[col('終了')] = e.end;
    line[col('会場')] = e.venue; line[col('定員')] = e.capacity; line[col('状態')] = status(e);
    if (e.invitees) line[col('招待先')] = e.invitees;
    return line;
  });
  sheet.getRange(first, 1, rows.length, header.length).setValues(rows);
}

export function agencyNamesOf(emu: Emulator): string[] {
  const sheet = emu.active.sheets.find((s) => s.name === '団体')!;
  const values = sheet.getDataRange().getValues();
  const c = values[0]!.map(String).indexOf('名称');
  return values.slice(1).map((r) => String(r[c]).trim()).filter((s) => s !== '');
}

function ledgerCount(emu: Emulator, eventId: string): number {
  const sheet = emu.active.sheets.find((s) => s.name === '参加者台帳')!;
  const values = sheet.getDataRange().getValues();
  const c = values[0]!.map(String).indexOf('行事id');
  return values.slice(1).filter((r) => r[c] === eventId).length;
}

/** Ticks 出席 as volunteers do at the door (raw writes: a person's edits, not the add-on's calls). */
function tickAttendance(emu: Emulator, eventId: string, absentEvery: number): number {
  const sheet = emu.active.sheets.find((s) => s.name === '参加者台帳')!;
  const values = sheet.getDataRange().getValues();
  const header = values[0]!.map(String);
  const [ev, st, at] = [header.indexOf('行事id'), header.indexOf('状態'), header.indexOf('出席')];
  let ticked = 0;
  values.slice(1).forEach((r, i) => {
    if (r[ev] !== eventId || r[st] === 'キャンセル待ち' || (i + 1) % absentEvery === 0) return;
    sheet.getRange(i + 2, at + 1).setValue(true);
    ticked++;
  });
  return ticked;
}

export function formsStep(ctx: DemoContext): void {
  const { emu } = ctx;
  writeDemoEvents(emu);
  const agencies = agencyNamesOf(emu);
  const forms = new Map<string, EventFormsResult>();
  for (const event of DEMO_EVENTS) {
    const result = unwrap(emu.run<RpcResult<EventFormsResult>>('rpcCreateEventForms', [event.id]), `forms for ${event.id}`);
    forms.set(event.id, result);
    ctx.log(`フォームを作成 ${event.id}: 申込 ${result.registration.url} / アンケート ${result.survey.url}${result.triggerInstalled ? '（トリガー設定）' : ''}`);
  }
  // Re-running updates the same forms.
  unwrap(emu.run<RpcResult<EventFormsResult>>('rpcCreateEventForms', ['EV-SEMINAR']), 'forms again');
  ctx.log(`フォームを再実行: フォーム数 ${emu.forms.store.forms.size}（増えない）`);

  // ---- EV-SEMINAR's announcement (issue 17 item 6), end of June: 招待先 関係機関:ハローワーク; a re-run mails nobody twice ----
  emu.runtime.fixedNow = new Date('2025-06-30T10:00:00+09:00');
  typeDemoPartners(emu);
  const invites = unwrap(emu.run<RpcResult<{ sent: number; message: string }>>('rpcSendEventInvites', ['EV-SEMINAR']), '行事の案内を送信');
  const reinvite = unwrap(emu.run<RpcResult<{ sent: number }>>('rpcSendEventInvites', ['EV-SEMINAR']), '行事の案内を送信（再実行）');
  ctx.log(`行事の案内を送信 EV-SEMINAR: ${invites.message}（再実行 ${reinvite.sent}通）`);

  // ---- EV-SEMINAR: registrations in July, one duplicate firing, one blank second firing, two at once ----
  const seminar = forms.get('EV-SEMINAR')!.registration.formId;
  emu.runtime.fixedNow = new Date('2025-07-01T09:00:00+09:00');
  for (let i = 0; i < 38; i++) {
    emu.runtime.advanceClock(37 * 60 * 1000);
    emu.forms.submit(seminar, participantAnswers(0, i, agencies), { duplicateFiring: i === 5, blankSecondFiring: i === 10 });
  }
  emu.runtime.advanceClock(60 * 60 * 1000);
  emu.forms.submitConcurrently({ formId: seminar, answers: participantAnswers(0, 38, agencies) }, { formId: seminar, answers: participantAnswers(0, 39, agencies) });
  ctx.log(`EV-SEMINAR: 40件の申込（重複発火1・空の再発火1・同時2件）→ 台帳 ${ledgerCount(emu, 'EV-SEMINAR')}行`);

  // ---- EV-WORKSHOP: the trigger is off for the last responses (e.g. removed) → 「回答を同期」 recovers them ----
  const workshop = forms.get('EV-WORKSHOP')!.registration.formId;
  emu.runtime.fixedNow = new Date('2025-11-04T09:00:00+09:00');
  const installed = [...emu.triggers];
  for (let i = 0; i < 30; i++) {
    if (i === 24) emu.triggers.splice(0);
    emu.runtime.advanceClock(53 * 60 * 1000);
    emu.forms.submit(workshop, participantAnswers(1, i, agencies));
  }
  ctx.log(`EV-WORKSHOP: 30件の申込（最後の6件はトリガー停止中）→ 台帳 ${ledgerCount(emu, 'EV-WORKSHOP')}行`);
  emu.triggers.push(...installed);

  // ---- --responses FILE.csv ----
  const unmatched: Problem[] = [];
  if (ctx.args.responses) submitCsv(ctx, forms, agencies, unmatched);

  const sync = unwrap(emu.run<RpcResult<SyncReport>>('rpcSyncResponses'), '回答を同期');
  ctx.log(`回答を同期: 追加 ${sync.added}件（キャンセル待ち ${sync.waitlisted}）、取り込み済み ${sync.alreadyRecorded}件`);
  const again = unwrap(emu.run<RpcResult<SyncReport>>('rpcSyncResponses'), '回答を同期（再実行）');
  ctx.log(`回答を同期（再実行）: 追加 ${again.added}件`);

  // ---- after each event: surveys and check-in ----
  emu.runtime.fixedNow = new Date('2025-08-22T16:40:00+09:00');
  for (let i = 0; i < 31; i++) emu.forms.submit(forms.get('EV-SEMINAR')!.survey.formId, surveyAnswers(i, false));
  emu.runtime.fixedNow = new Date('2025-12-12T16:40:00+09:00');
  for (let i = 0; i < 24; i++) emu.forms.submit(forms.get('EV-WORKSHOP')!.survey.formId, surveyAnswers(i, true), { duplicateFiring: i === 0 });
  // On the day: the roster and the QR self check-in for part of the attendees (demo/checkin.ts), volunteers tick the rest.
  checkInOnTheDay(ctx);
  const ticked = tickAttendance(emu, 'EV-SEMINAR', 8) + tickAttendance(emu, 'EV-WORKSHOP', 10);
  ctx.log(`受付: ${ticked}人の出席にチェック`);
  const tally = unwrap(emu.run<RpcResult<AttendanceReport>>('rpcTallyAttendance'), '出欠を集計');
  for (const e of tally.events) ctx.log(`出欠を集計 ${e.id}: 申込${e.registered} 出席${e.attended} 欠席${e.noShows} キャンセル待ち${e.waitlisted}`);

  const problems = [...unmatched, ...sync.problems, ...tally.problems.filter((p) => !sync.problems.some((q) => q.sheet === p.sheet && q.row === p.row && q.message === p.message))];
  for (const p of problems) ctx.log(`  要確認 ${formatProblem('ja', p)}`);
  ctx.summary.ledger = {
    events: tally.events.map((e) => ({ id: e.id, title: e.title, registered: e.registered, attended: e.attended, waitlisted: e.waitlisted })),
    problems,
  };
  for (const form of emu.forms.store.forms.values()) {
    const sheet = form.destinationSheet();
    ctx.files.set(`forms/${form.title.replace(/[\\/:*?"<>|]/g, '_')}.json`, JSON.stringify({
      title: form.title,
      items: form.items.map((i) => ({ title: i.title, type: i.type, ...(i.choices.length ? { choices: [...i.choices, ...(i.hasOther ? ['その他'] : [])] } : {}), required: i.required })),
      published: form.published,
      destination: form.destination ? { type: 'SPREADSHEET', spreadsheetId: form.destination.spreadsheetId, sheet: sheet?.name ?? null } : null,
    }, null, 2));
  }
}

/** `--responses FILE.csv`: each row submitted as a participant would; rows naming no known event are kept and reported. */
function submitCsv(ctx: DemoContext, forms: Map<string, EventFormsResult>, agencies: readonly string[], unmatched: Problem[]): void {
  const { emu } = ctx;
  const rows = parseCsv(readFileSync(ctx.args.responses!, 'utf8').replace(/^\uFEFF/, ''));
  const header = (rows[0] ?? []).map((h) => h.trim());
  const keep: string[][] = [];
  let submitted = 0;
  emu.runtime.fixedNow = new Date('2025-11-20T09:00:00+09:00');
  rows.slice(1).forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    const line = i + 2;
    const get = (h: string) => (cells[header.indexOf(h)] ?? '').trim();
    const key = get('イベント');
    const event = DEMO_EVENTS.find((e) => e.id === key || e.title === key);
    const result = event ? forms.get(event.id) : undefined;
    if (!result) {
      keep.push(cells);
      unmatched.push({ sheet: 'responses.csv', row: line, column: 'イベント', message: `イベント「${key}」は行事にありません。この行は取り込まず unmatched-responses.csv に残しました` });
      return;
    }
    const answers: Record<string, Answer> = {};
    for (const h of ['氏名', 'ふりがな', '所属', '職種', 'メール', '参加形態']) if (get(h) !== '') answers[h] = get(h);
    if (answers['所属'] && !agencies.includes(String(answers['所属']))) answers['所属'] = String(answers['所属']); // free text: the その他 option
    try {
      emu.runtime.advanceClock(60 * 1000);
      emu.forms.submit(result.registration.formId, answers);
      submitted++;
    } catch (e) {
      keep.push(cells);
      // Reported under the question the form refused (氏名, メール), as the form page shows it.
      const refused = e instanceof SubmissionRefused ? e : null;
      unmatched.push({
        sheet: 'responses.csv', row: line, column: refused ? refused.question : 'イベント',
        message: `フォームが受け付けませんでした: ${refused ? refused.reason : e instanceof Error ? e.message : String(e)}`,
      });
    }
  });
  if (keep.length) {
    const esc = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    ctx.files.set('forms/unmatched-responses.csv', [header, ...keep].map((r) => r.map(esc).join(',')).join('\n') + '\n');
  }
  ctx.log(`--responses: ${submitted}件を送信、${keep.length}件は取り込まず保持`);
}
