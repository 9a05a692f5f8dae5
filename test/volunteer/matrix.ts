/**
 * The volunteer-edit matrix, beside the fault matrix: every operation that writes (test/faults/operations.ts) × call
 * boundaries × each kind of edit a person makes in the Sheets UI without our lock (emulator/volunteer.ts): type a row,
 * edit a cell, sort, insert a row, delete a row, rename a header, rename a sheet.
 *
 * What must hold, for an edit landing before call k of the operation:
 * - sort / insert / delete / type / edit: the world afterwards is the world of one of the two serial orders — the edit
 *   before the operation, or the operation then the edit — compared sheet by sheet as sets of rows (a person's sort
 *   legitimately changes row order, nothing else). So the person's edit is kept, every add-on write is on the row it
 *   belongs to, and nothing is duplicated or lost.
 * - rename a header or the sheet: the operation either finishes or stops with a clear Japanese sentence (never a
 *   stack trace, never writing somewhere else); once the person renames it back, a re-run leaves the clean world.
 * Boundaries inside a re-read → write round trip (support.ts raceWindow: after the re-read, before the write it
 * guards) are the one window no Apps Script API closes; there only a clean outcome is required, and they are counted.
 *
 * Which boundaries: an edit to sheet S can only be seen by a call on S or on the spreadsheet's list of sheets, so every
 * boundary just before such a call stands for the run of boundaries before it ("distinct"). `npm run test:volunteer`
 * (VOLUNTEER_MATRIX=full) runs every distinct boundary; `npm test` runs, per operation and edit, the boundary just
 * after the operation's first read of S, the one just before its first re-read of S, and the one before its last call
 * on S (when different): the edit between read and write, which the old write model got wrong.
 */
import { loadAddOn } from '../support/bundle';
import { forkAddOn, seedOnce } from '../support/fork';
import { sheetNamed } from '../support/typing';
import type { VolunteerEdit } from '../../emulator';
import { visibleLastRow } from '../../emulator/volunteer';
import type { CallRecord } from '../../emulator/runtime';
import type { Cell, Sheet } from '../../emulator/spreadsheet';
import { AddOn, OPERATIONS, Operation, Outcome, catchUpOnce } from '../faults/operations';
import { WORLD_PARTS, idNames, normaliseIds } from '../faults/world';
import { NOW, raceWindow } from './support';

const FULL = process.env.VOLUNTEER_MATRIX === 'full';
const fresh = () => loadAddOn({ now: NOW });
/**
 * Every edit runs on a copy of the operation's seeded world (test/support/fork.ts `seedOnce`), and the serial order
 * "operation, then edit" on a copy of the world its clean run left, instead of seeding again each time.
 */
const STACK_TRACE = /\n\s+at |Code\.js:\d|\.ts:\d|(Type|Reference|Range|Syntax)Error|undefined|\[object /;
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** The sheet each operation writes (or reads rows from) and what a volunteer does to it. */
interface Target {
  sheet: string;
  /** A record typed below the last row. */
  typed: Record<string, string>;
  /** A cell edited in row 2 that the operation does not write. */
  edit: { header: string; text: string };
  sortBy: string;
  rename: string;
}

const TARGETS: Record<string, Target> = {
  団体: { sheet: '団体', typed: { 名称: '手入力の団体', 名称カナ: 'テニュウリョクノダンタイ', 種別: '就労移行支援', 電話: '03-1111-2222' }, edit: { header: '特色', text: '手で書いた特色' }, sortBy: '名称', rename: '種別' },
  参加者台帳: { sheet: '参加者台帳', typed: { 行事id: 'WS-2026-02', 氏名: '手入力 花子', ふりがな: 'てにゅうりょく はなこ', 所属団体: 'ワークサポートあおば', 状態: '申込', 経路: '手入力' }, edit: { header: '職種', text: '手で直した職種' }, sortBy: '氏名', rename: '氏名' },
  会議: { sheet: '会議', typed: { 名称: '手入力の会議（未送信）' }, edit: { header: '説明/議題', text: '手で書いた議題' }, sortBy: '名称', rename: '名称' },
  設定: { sheet: '設定', typed: { 項目: '手で追加したメモ', 値: 'メモ' }, edit: { header: '説明', text: '手で書いた説明' }, sortBy: '項目', rename: '値' },
  行事: { sheet: '行事', typed: { id: 'EV-HAND', 名称: '手入力の行事' }, edit: { header: '会場', text: '手で書いた会場' }, sortBy: '名称', rename: '名称' },
  企業相談: { sheet: '企業相談', typed: { 会社名: '電話で受けた相談', 相談内容: '見学' }, edit: { header: '従業員数', text: '手で直した規模' }, sortBy: '会社名', rename: '会社名' },
  関係機関: { sheet: '関係機関', typed: { 種別: 'その他', 名称: '手入力の関係機関' }, edit: { header: '備考', text: '手で書いた備考' }, sortBy: '名称', rename: '名称' },
  アンケート記録: { sheet: 'アンケート記録', typed: { 回答id: 'hand-1', 行事id: 'WS-2026-02', 設問: '手入力', 回答: 'メモ' }, edit: { header: '回答', text: '手で直した回答' }, sortBy: '回答id', rename: '回答' },
};

/** Operation → the sheet the volunteer works in while it runs (the fresh 初期設定 has no sheet yet to edit). */
export const TARGET_OF: Record<string, string> = {
  '初期設定（古いシートへの列の追加）': '団体',
  団体名簿をチェック: '団体',
  '団体名簿をチェック（サイドバー）': '団体',
  CSVから団体を取り込む: '団体',
  行事をチェック: '行事',
  フォームを作成: '行事',
  'フォームを作成（メニュー・団体が増えて更新）': '行事',
  'フォームを作成（設問の言い換え）': '行事',
  'フォーム回答（トリガー）': '参加者台帳',
  回答を同期: '参加者台帳',
  出欠を集計: '参加者台帳',
  受付時刻を記録: '参加者台帳',
  会議の招待を送信: '会議',
  '会議の招待を送信（変更・中止・追加）': '会議',
  // issue 17: the partners are read (and given ids) while a volunteer edits them
  '会議の招待を送信（関係機関）': '関係機関',
  // issue 17 item 6: the event's 招待先 and the partners are read while volunteers edit 行事
  行事の案内を送信: '行事',
  '行事の案内を送信（要確認の再送）': '行事',
  パンフレットのひな形を作成: '設定',
  パンフレットを作成: '団体',
  'パンフレットを作成（企業相談フォームのQRコード）': '団体',
  アンケートを集計: 'アンケート記録',
  'アンケートを集計（設問の追加後）': 'アンケート記録',
  活動報告書を作成: '設定',
  設定の保存: '設定',
  本人のデータを削除: '参加者台帳',
  個人情報の整理: '参加者台帳',
  受付名簿を作成: '参加者台帳',
  'セルフ受付（トリガー）': '参加者台帳',
  参加証明書を作成: '参加者台帳',
  '参加証明書を作成（一人ずつPDF）': '参加者台帳',
  受講記録を更新: '参加者台帳',
  // issue 20: the take-over's sync appends to the ledger; the move reads 設定 for the ids.
  担当を引き継ぐ: '参加者台帳',
  ファイルを共有フォルダに移す: '設定',
  // issue 17
  企業相談フォームの作成: '設定',
  '企業相談（トリガー）': '企業相談',
  '企業相談（トリガー・自動割当）': '企業相談',
  企業相談の担当を決定: '企業相談',
  企業相談の督促: '企業相談',
  '企業相談の対応状況（トリガー）': '企業相談',
  参加者へのメールを送信: '参加者台帳',
  '参加者へのメールを送信（取消と繰り上げ・メニュー）': '参加者台帳',
  '定時のメール送信（トリガー）': '参加者台帳',
  'フォーム回答（トリガー・申込確認メール）': '参加者台帳',
  // issue 16: the request reads 団体 (the links carry its rows); a decision writes one 団体 row.
  掲載情報の確認を依頼: '団体',
  掲載情報の回答を反映: '団体',
  掲載情報の確認の再送: '団体',
};

type Kind = VolunteerEdit['kind'];

const KINDS: Kind[] = ['typeRow', 'editCell', 'sort', 'insertRow', 'deleteRow', 'renameHeader', 'renameSheet'];
const RENAMED_SHEET = (name: string) => `${name}（作業中）`;
const RENAMED_HEADER = (name: string) => `${name}（変更）`;

function editOf(kind: Kind, t: Target): VolunteerEdit {
  switch (kind) {
    case 'typeRow': return { kind, sheet: t.sheet, record: t.typed };
    case 'editCell': return { kind, sheet: t.sheet, row: 2, header: t.edit.header, text: t.edit.text };
    case 'sort': return { kind, sheet: t.sheet, header: t.sortBy, ascending: false };
    case 'insertRow': return { kind, sheet: t.sheet, before: 2 };
    case 'deleteRow': return { kind, sheet: t.sheet, row: 3 };
    case 'renameHeader': return { kind, sheet: t.sheet, header: t.rename, to: RENAMED_HEADER(t.rename) };
    case 'renameSheet': return { kind, sheet: t.sheet, to: RENAMED_SHEET(t.sheet) };
  }
}

/** The edit as a person would do it, if it can be done now (a sheet not made yet, a row not there: nothing to do). */
function tryEdit(emu: AddOn, edit: VolunteerEdit): boolean {
  const sheet = emu.active.sheets.find((s) => s.name === edit.sheet);
  if (!sheet) return false;
  // A row of the data the person sees (not rows an add-on has in transit at the grid's bottom).
  if ((edit.kind === 'editCell' || edit.kind === 'deleteRow') && visibleLastRow(sheet) < edit.row) return false;
  const headers = (sheet.rows[0] ?? []).map((c) => String(c?.value ?? ''));
  if (edit.kind === 'renameHeader' && !headers.includes(edit.header)) return false;
  if (edit.kind === 'typeRow' && !Object.keys(edit.record).every((h) => headers.includes(h))) return false;
  if ((edit.kind === 'editCell' && !headers.includes(edit.header)) || (edit.kind === 'sort' && !headers.includes(edit.header))) return false;
  emu.volunteer.apply(edit);
  return true;
}

function undoRename(emu: AddOn, edit: VolunteerEdit): void {
  if (edit.kind === 'renameSheet') {
    const s = emu.active.sheets.find((x) => x.name === edit.to);
    if (s) emu.volunteer.renameSheet(edit.to, edit.sheet);
  } else if (edit.kind === 'renameHeader') {
    const sheet = emu.active.sheets.find((x) => x.name === edit.sheet);
    if (sheet && (sheet.rows[0] ?? []).some((c) => c?.value === edit.to)) emu.volunteer.renameHeader(edit.sheet, edit.to, edit.header);
  }
}

/** Forms and live Drive files: what an orphan adds. */
function artifacts(x: AddOn | { forms: number; files: number }): number {
  if ('forms' in x && typeof x.forms === 'number') return x.forms + (x as { files: number }).files;
  const emu = x as AddOn;
  return emu.forms.store.forms.size + [...emu.drive.files.values()].filter((f) => !f.trashed).length;
}

// ---- the world as rows (order-insensitive within a sheet) ----

function cellText(c: Cell | undefined): string {
  if (!c) return '';
  let out = c.formula ? `f=${c.formula}` : c.value instanceof Date ? `D:${c.value.toISOString()}` : c.value === '' ? '' : `${typeof c.value}:${String(c.value)}`;
  if (c.note) out += `|note=${c.note}`;
  if (c.background) out += `|bg=${c.background}`;
  return out;
}

/** Whether cellText gives some cell of the row a text not starting with '|' (a value other than '', or a formula). */
function hasValueOrFormula(row: Sheet['rows'][number] | undefined): boolean {
  if (!row) return false;
  for (let c = 0; c < row.length; c++) {
    const cell = row[c];
    if (cell && (cell.formula || cell.value !== '')) return true;
  }
  return false;
}

function sheetRows(sheet: Sheet): string[] {
  const head = `sheet ${sheet.name}: ${(sheet.rows[0] ?? []).map(cellText).join(' ; ')}`;
  const rows: string[] = [];
  for (let r = 1; r < sheet.rows.length; r++) {
    // A row is listed when a cell holds a value or a formula (the test below); most rows of a sheet are formatted and
    // empty (a formatted column is a thousand cells), so those are passed over before any text is built.
    if (!hasValueOrFormula(sheet.rows[r])) continue;
    const cells = (sheet.rows[r] ?? []).map(cellText);
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    if (cells.some((c) => c !== '' && !c.startsWith('|'))) rows.push(`  ${cells.join(' ; ')}`);
  }
  return [head, ...rows.sort()];
}

/** The world for this matrix: 操作ログ left out (what it says about a conflict differs by design). */
export function rowsWorld(emu: AddOn): string {
  const names = idNames(emu);
  const sheets = [...emu.spreadsheets.spreadsheets.values()].flatMap((ss) => ss.sheets.filter((s) => s.name !== '操作ログ').flatMap(sheetRows));
  // mail.nextCheck is when the hourly run next plans participant mail: a schedule (a trigger stopped by a rename and
  // recovered by the catch-up computes it at another moment), not data a person or participant sees.
  const rest = WORLD_PARTS.filter((p) => p.name !== 'spreadsheets').flatMap((p) => { const l = p.lines(emu)?.filter((x) => !x.startsWith('prop mail.nextCheck=')); return l ? [`## ${p.name}`, ...l] : []; });
  return normaliseIds([...sheets, ...rest].join('\n'), names);
}

function firstDifference(a: string, b: string): string {
  const x = a.split('\n'), y = b.split('\n');
  const onlyA = x.filter((l) => !y.includes(l)).slice(0, 4), onlyB = y.filter((l) => !x.includes(l)).slice(0, 4);
  return `expected (serial) only:\n  ${onlyA.join('\n  ')}\nactual only:\n  ${onlyB.join('\n  ')}`;
}

// ---- boundaries ----

interface Plan {
  calls: CallRecord[]; sheetId: number; distinct: number[]; reduced: number[]; window: Set<number>;
  /** A world seeded for the operation, not yet run. */
  seeded(): AddOn;
  /** A world after the operation's clean run. */
  ran(): AddOn;
}

function plan(op: Operation, target: Target): Plan {
  const { ran, calls, copy } = seedOnce(op, fresh, { now: NOW });
  const sheetId = sheetNamed(ran, target.sheet).sheetId;
  const on = `sheet:${sheetId}`;
  const sees = (c: CallRecord) => c.target === on || c.method.startsWith('Spreadsheet.');
  const distinct = [...new Set([1, ...calls.map((c, j) => (sees(c) ? j + 1 : 0)).filter((k) => k > 0)])];
  const onSheet = calls.map((c, j) => (c.target === on ? j : -1)).filter((j) => j >= 0);
  const reads = onSheet.filter((j) => /^(Range\.getValues|Sheet\.getSheetValues|Sheet\.getLastRow)$/.test(calls[j]!.method));
  // Reduced: the edit between the operation's read and its re-read before writing (or just after its only read).
  const pick = reads[1] !== undefined ? reads[1] + 1 : reads[0] !== undefined ? reads[0] + 2 : 1;
  return {
    calls, sheetId, distinct, reduced: [Math.min(pick, calls.length)], window: raceWindow(calls, sheetId),
    seeded: copy,
    ran: process.env.MATRIX_RESEED === '1' ? () => { const emu = copy(); op.run(emu); return emu; } : () => forkAddOn(ran, { now: NOW }),
  };
}

interface Tally { orphanWindow: number; cells: number; notApplicable: number; inWindow: number; inWindowSerial: number; stoppedWithMessage: number; every: number; distinct: number }
const tally: Record<string, Tally> = {};

/** Defines the matrix for every `parts`-th operation from `part` (split over files so jest runs them in parallel). */
export function volunteerMatrix(part: number, parts: number): void {
  const only = process.env.MATRIX_ONLY?.split(',');
  /**
   * Known non-serial outcomes (none now). 個人情報の整理 × deleteRow was one (a ledger row deleted between its two
   * reads of 参加者台帳 was erased by one and tallied by the other): it reads the ledger once since session 7.
   */
  const KNOWN_NON_SERIAL = new Set<string>([]);
  const ops = OPERATIONS.filter((o) => TARGET_OF[o.name]).filter((_, i) => i % parts === part).filter((o) => !only || only.includes(o.name));
  if (!ops.length) { test.skip('no operation of MATRIX_ONLY in this part', () => undefined); return; }
  describe.each(ops.map((o) => [o.name, o] as const))('volunteer matrix: %s', (name, op) => {
    const target = TARGETS[TARGET_OF[name]!]!;
    let cached: Plan | null = null;
    const body = (kind: Kind) => {
      const edit = editOf(kind, target);
      const p = (cached ??= plan(op, target));
      const t = (tally[`${name} × ${kind}`] = { orphanWindow: 0, cells: 0, notApplicable: 0, inWindow: 0, inWindowSerial: 0, stoppedWithMessage: 0, every: p.calls.length, distinct: p.distinct.length });
      const rename = kind === 'renameHeader' || kind === 'renameSheet';
      // The two serial orders (the edit first is run only when needed: it is the same as an edit before call 1).
      const after = p.ran();
      const clean = rowsWorld(after);
      const cleanRun = { forms: after.forms.store.forms.size, files: [...after.drive.files.values()].filter((f) => !f.trashed).length };
      tryEdit(after, edit);
      const serialAfter = rowsWorld(after);
      let serialBefore: string | null | undefined;
      const editFirst = (): string | null => {
        if (serialBefore !== undefined) return serialBefore;
        const before = p.seeded();
        if (!tryEdit(before, edit)) return (serialBefore = null);
        op.run(before);
        return (serialBefore = rowsWorld(before));
      };

      for (const k of FULL ? p.distinct : p.reduced) {
        const emu = p.seeded();
        let done = false;
        emu.runtime.interleaveAt({ atCall: k, run: () => { done = tryEdit(emu, edit); } });
        let outcome: Outcome;
        try {
          outcome = op.run(emu);
        } catch (e) {
          throw new Error(`${name} × ${kind} before call ${k}: escaped to Apps Script: ${String(e)}`);
        }
        if (!done) { t.notApplicable++; continue; }
        t.cells++;
        const at = `${name} × ${kind} before call ${k} (${p.calls[k - 1]?.method})`;
        if (!outcome.ok) {
          // A stop is fine only with a plain sentence (a trigger's is Google's list of failed executions).
          expect({ at, japanese: JAPANESE.test(outcome.message), trace: STACK_TRACE.test(outcome.message) }).toEqual({ at, japanese: true, trace: false });
          t.stoppedWithMessage++;
        }
        if (rename) {
          undoRename(emu, edit);
          if (!outcome.ok) expect({ at, rerun: (op.rerun ?? op.run)(emu).ok }).toEqual({ at, rerun: true });
          // A trigger stopped by the rename has nobody to tell but 操作ログ: the next hourly catch-up (no person's action)
          // must bring its response in once the name is back.
          else if (op.trigger) {
            // The catch-up's own heartbeat is not part of the world: put back what the operation left (the hourly
            // mail run is itself the catch-up, and its clean world has its heartbeat).
            const heartbeat = emu.properties.document.get('responses.catchUp');
            expect({ at, catchUp: catchUpOnce(emu).ok }).toEqual({ at, catchUp: true });
            if (heartbeat === undefined) emu.properties.document.delete('responses.catchUp');
            else emu.properties.document.set('responses.catchUp', heartbeat);
          }
          const w = rowsWorld(emu);
          // Stopped between creating something (a form) and recording its id: the operation's declared orphan window.
          // (The stop, not the edit, is what falls in the window: the edit may come well before the create.)
          if (w !== clean && !outcome.ok && (op.orphanWindows ?? []).length && artifacts(emu) - artifacts(cleanRun) <= 1) { t.orphanWindow++; continue; }
          if (w !== clean) throw new Error(`${at}: after renaming back (and a re-run) the world is not the clean one.\n${firstDifference(clean, w)}`);
          continue;
        }
        // A row typed below the data is kept at every boundary (appends insert below it: tables.ts), window or not.
        if (p.window.has(k) && kind !== 'typeRow') {
          // Counted: how many of these still end in a serial world (the Table reads back and repairs its own writes).
          t.inWindow++;
          const w = outcome.ok ? rowsWorld(emu) : null;
          if (w !== null && (w === serialAfter || w === editFirst())) t.inWindowSerial++;
          continue;
        }
        if (!outcome.ok) {
          const again = (op.rerun ?? op.run)(emu);
          expect({ at, rerun: again.ok }).toEqual({ at, rerun: true });
        }
        const w = rowsWorld(emu);
        if (w !== serialAfter && w !== editFirst()) {
          throw new Error(`${at}: the world is neither "edit, then operation" nor "operation, then edit".\n${firstDifference(serialAfter, w)}`);
        }
      }
    };
    // A known defect is declared, not hidden: its reduced case must keep failing (jest's test.failing) until fixed.
    for (const kind of KINDS) (KNOWN_NON_SERIAL.has(`${name} × ${kind}`) && !FULL ? test.failing : test)(`${kind} at call boundaries`, () => body(kind));
  });

  afterAll(() => {
    const rows = Object.values(tally);
    const cells = rows.reduce((n, t) => n + t.cells, 0);
    const every = rows.reduce((n, t) => n + t.every, 0);
    const distinct = rows.reduce((n, t) => n + t.distinct, 0);
    console.log(
      `volunteer matrix (part ${part + 1} of ${parts}, ${FULL ? 'every distinct boundary' : 'reduced'}): ${ops.length} operations × ${KINDS.length} kinds of edit; ` +
        `${every} operation-call boundaries × edits in all (${distinct} distinct: before a call on the edited sheet or the sheet list); ` +
        `${cells} edits made and checked (${rows.reduce((n, t) => n + t.notApplicable, 0)} not applicable: sheet or row not there yet), ` +
        `${rows.reduce((n, t) => n + t.stoppedWithMessage, 0)} stopped with a Japanese message, ` +
        `${rows.reduce((n, t) => n + t.inWindow, 0)} inside a re-read → write round trip (clean outcome required; ${rows.reduce((n, t) => n + t.inWindowSerial, 0)} of them end in a serial world anyway), ` +
        `${rows.reduce((n, t) => n + t.orphanWindow, 0)} stopped by a rename inside a declared orphan window (one orphan left, as the fault matrix declares).`,
    );
  });
}
