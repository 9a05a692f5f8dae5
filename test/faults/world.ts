/**
 * Everything an operation can leave behind, as one canonical text: every spreadsheet (sheets, sizes, cells with
 * value/formula/format/note/background/validation, protections), and — one entry per emulator service that declares a
 * `world` part in emulator/registry.ts — forms, documents, files, calendar events and invitations, triggers, charts. Two worlds are "the same" when their
 * texts are equal; what legitimately differs between a clean run and a fault-then-re-run (timestamps, the 失敗 lines
 * of 操作ログ, a success summary that now says "nothing to do") is normalised here, and nothing else is.
 */
import type { AddOn } from './operations';
import type { Cell, Sheet, Spreadsheet } from '../../emulator/spreadsheet';
import { serviceWorldParts } from '../../emulator/registry';

/**
 * Ids of created things (documents, files, folders, forms) differ between a clean run and a fault + re-run when a
 * half-made item went to the trash: the next one gets the next number. Each live item is named by its kind and its
 * rank among live items of that kind (trashed ones are out of everyone's sight), so only the live world is compared;
 * an orphan (a live duplicate) still shows as an extra item. Drive ids also carry a random suffix in the emulator.
 */
// A random code (Utilities.getUuid: 企業相談's 確認コード, issue 17) differs from run to run by design.
const ID = /\b(doc|file|folder)-\d{4}-[a-z0-9]{1,12}\b|\b1FormEmu\d{4}x+\b|\b1FAIpQLSemu\d{4}q+\b|\b[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\b/g;
const seqOf = (id: string) => Number(/\d{4}/.exec(id)?.[0] ?? 0);

export function idNames(emu: AddOn): Map<string, string> {
  const names = new Map<string, string>();
  const rank = (kind: string, ids: string[]) => {
    ids.sort((x, y) => seqOf(x) - seqOf(y)).forEach((id, i) => names.set(id, `<${kind}#${i + 1}>`));
  };
  rank('doc', [...emu.drive.files.values()].filter((f) => !f.trashed && f.id.startsWith('doc-')).map((f) => f.id));
  rank('file', [...emu.drive.files.values()].filter((f) => !f.trashed && f.id.startsWith('file-')).map((f) => f.id));
  rank('folder', [...emu.drive.folders.values()].filter((f) => !f.trashed && f.id.startsWith('folder-')).map((f) => f.id));
  const forms = [...emu.forms.store.forms.values()].sort((x, y) => seqOf(x.id) - seqOf(y.id));
  forms.forEach((f, i) => { names.set(f.id, `<form#${i + 1}>`); names.set(f.publishedKey, `<published-form#${i + 1}>`); });
  return names;
}

export function normaliseIds(text: string, names: ReadonlyMap<string, string>): string {
  // A prefilled link names form items by id (entry.<id>), and a question re-made after a fault gets a new one.
  // 企業相談's 送信記録 names an assignment by its random code's first 8 characters (after the time).
  return text.replace(ID, (id) => names.get(id) ?? '<trashed>').replace(/\bentry\.\d+=/g, 'entry.<item>=').replace(/(\d\d:\d\d) [0-9a-f]{8}\b/g, '$1 <tag>');
}

const OPERATION_LOG = '操作ログ';

const validationText = new WeakMap<object, string>();

function cellText(c: Cell): string {
  let out = c.formula ? `f=${c.formula}` : c.value instanceof Date ? `D:${c.value.toISOString()}` : `${typeof c.value}:${String(c.value)}`;
  if (c.numberFormat !== undefined) out += `|fmt=${c.numberFormat}`;
  if (c.note) out += `|note=${c.note}`;
  if (c.background) out += `|bg=${c.background}`;
  if (c.fontWeight) out += `|fw=${c.fontWeight}`;
  if (c.validation) out += validationKey(c.validation);
  return out;
}

function rowText(row: Sheet['rows'][number] | undefined): string {
  if (!row) return '';
  let out = '';
  for (let i = 0; i < row.length; i++) {
    const c = row[i];
    if (c) out += `${out ? ' ; ' : ''}${i + 1}=${cellText(c)}`;
  }
  return out;
}

/** 操作ログ: the successful lines' operation and result only (when and the summary text legitimately differ). */
function logLines(sheet: Sheet, ignore: readonly string[] = []): string[] {
  const out: string[] = [];
  if (ignore.includes('*')) return out;
  for (let r = 2; r <= sheet.rows.length; r++) {
    const row = sheet.rows[r - 1] ?? [];
    const result = String(row[3]?.value ?? '');
    const operation = String(row[2]?.value ?? '');
    if (result === '失敗' || result === 'failed' || operation === '' || ignore.includes(operation)) continue;
    out.push(`  log: ${String(row[2]?.value ?? '')} → ${result}`);
  }
  return out;
}

/** One sheet as lines; runs of identical rows are folded so a 1000-row formatted sheet stays small. */
function sheetHeadText(sheet: Sheet): string {
  const lines = [`sheet ${sheet.name} ${sheet.maxRows}x${sheet.maxColumns} frozen=${sheet.frozenRows}`];
  for (const p of sheet.protections) {
    lines.push(`  protection ${p.description} ${p.range ? p.range.getA1Notation() : 'sheet'} warningOnly=${p.warningOnly}`);
  }
  return lines.join('\n');
}

export function sheetText(sheet: Sheet, ignoreLog: readonly string[] = []): string[] {
  const lines = sheetHeadText(sheet).split('\n');
  if (sheet.name === OPERATION_LOG) return [...lines, ...logLines(sheet, ignoreLog)];
  let previous = '';
  let runStart = 0;
  const flush = (end: number) => {
    if (previous !== '') lines.push(runStart === end ? `  ${runStart}: ${previous}` : `  ${runStart}-${end}: ${previous}`);
  };
  for (let r = 1; r <= sheet.rows.length + 1; r++) {
    const text = r > sheet.rows.length ? '' : rowText(sheet.rows[r - 1]);
    if (text !== previous) {
      flush(r - 1);
      previous = text;
      runStart = r;
    }
  }
  return lines;
}

export function spreadsheetText(ss: Spreadsheet, ignoreLog: readonly string[] = []): string[] {
  return [`spreadsheet ${ss.name} tz=${ss.timeZone}`, ...ss.sheets.flatMap((sheet) => sheetText(sheet, ignoreLog))];
}

/** A store an operation writes to. A new emulator service declares its part in emulator/registry.ts (`world`). */
export interface WorldPart {
  name: string;
  /** Canonical lines, or null when the store does not exist in this build. */
  lines(emu: AddOn): string[] | null;
}

/** The spreadsheets (compared cell by cell, below), then each emulator service's part (emulator/registry.ts: `world`). */
export const WORLD_PARTS: WorldPart[] = [
  { name: 'spreadsheets', lines: (emu) => [...emu.spreadsheets.spreadsheets.values()].flatMap((ss) => spreadsheetText(ss)) },
  ...serviceWorldParts().map((part) => ({ name: part.name, lines: (emu: AddOn) => part.lines((name) => (emu.stores as Record<string, unknown>)[name]) })),
];

function sameText(x: string, y: string, na: ReadonlyMap<string, string>, nb: ReadonlyMap<string, string>): boolean {
  return x === y || normaliseIds(x, na) === normaliseIds(y, nb);
}

function sameCell(a: Cell | undefined, b: Cell | undefined, na: ReadonlyMap<string, string>, nb: ReadonlyMap<string, string>): boolean {
  if (a === undefined || b === undefined) return a === b;
  const va = a.value, vb = b.value;
  // typeof, not instanceof: a cell's only object value is a Date (and instanceof is slow under jest's sandbox).
  const sameValue = va === vb || (typeof va === 'object' && typeof vb === 'object'
    ? (va as Date).getTime() === (vb as Date).getTime()
    : typeof va === 'string' && typeof vb === 'string' && sameText(va, vb, na, nb));
  return sameValue && (a.formula === b.formula || sameText(a.formula ?? '', b.formula ?? '', na, nb)) && a.numberFormat === b.numberFormat && a.note === b.note &&
    a.background === b.background && a.fontWeight === b.fontWeight &&
    sameValidation(a.validation, b.validation);
}

/** Rules matched before: one rule object is shared by a whole column, so each pair is compared once. */
let matchedRules = new WeakMap<object, object>();

function sameValidation(a: Cell['validation'], b: Cell['validation']): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  if (matchedRules.get(a) === b) return true;
  const same = validationKey(a) === validationKey(b);
  if (same) matchedRules.set(a, b);
  return same;
}

function validationKey(dv: NonNullable<Cell['validation']>): string {
  let text = validationText.get(dv);
  if (text === undefined) {
    text = `|dv=${dv.criteria}:${JSON.stringify(dv.values)}:${dv.allowInvalid}`;
    validationText.set(dv, text);
  }
  return text;
}

function sameSheetCells(a: Sheet, b: Sheet, na: ReadonlyMap<string, string>, nb: ReadonlyMap<string, string>): boolean {
  const rows = Math.max(a.rows.length, b.rows.length);
  for (let r = 0; r < rows; r++) {
    const ra = a.rows[r] ?? [], rb = b.rows[r] ?? [];
    const columns = Math.max(ra.length, rb.length);
    for (let c = 0; c < columns; c++) if (!sameCell(ra[c], rb[c], na, nb)) return false;
  }
  return true;
}

/**
 * Fast equality of two worlds (the fault matrix compares hundreds): cells are compared field by field; the text is
 * built only to show a difference. Sheets other than 操作ログ are compared whole; everything else by its lines.
 */
/**
 * Equality of two worlds (the fault matrix compares hundreds): cells field by field, ids through each world's names;
 * the canonical text is built only to show a difference.
 */
export function sameWorld(a: AddOn, b: AddOn, ignoreLog: readonly string[] = []): boolean {
  matchedRules = new WeakMap();
  const na = idNames(a), nb = idNames(b);
  const sa = [...a.spreadsheets.spreadsheets.values()], sb = [...b.spreadsheets.spreadsheets.values()];
  if (sa.length !== sb.length) return false;
  for (let i = 0; i < sa.length; i++) {
    const x = sa[i]!, y = sb[i]!;
    if (x.sheets.length !== y.sheets.length) return false;
    for (let j = 0; j < x.sheets.length; j++) {
      const p = x.sheets[j]!, q = y.sheets[j]!;
      if (p.name !== q.name) return false;
      if (sheetHeadText(p) !== sheetHeadText(q)) return false;
      if (p.name === OPERATION_LOG ? logLines(p, ignoreLog).join('\n') !== logLines(q, ignoreLog).join('\n') : !sameSheetCells(p, q, na, nb)) return false;
    }
  }
  return WORLD_PARTS.every((part) => part.name === 'spreadsheets' || normaliseIds(JSON.stringify(part.lines(a)), na) === normaliseIds(JSON.stringify(part.lines(b)), nb));
}

export function worldText(emu: AddOn, ignoreLog: readonly string[] = []): string {
  const names = idNames(emu);
  return normaliseIds(WORLD_PARTS.flatMap((p) => {
    const lines = p.name === 'spreadsheets' ? [...emu.spreadsheets.spreadsheets.values()].flatMap((ss) => spreadsheetText(ss, ignoreLog)) : p.lines(emu);
    return lines ? [`## ${p.name}`, ...lines] : [];
  }).join('\n'), names);
}

/** The first lines where two worlds differ, for a readable failure. */
export function firstDifference(a: string, b: string, context = 3): string {
  const x = a.split('\n');
  const y = b.split('\n');
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  if (i === x.length && i === y.length) return '';
  const from = Math.max(0, i - context);
  return [
    `first difference at line ${i + 1}`,
    'clean:', ...x.slice(from, i + context).map((l) => `  ${l}`),
    'after fault + re-run:', ...y.slice(from, i + context).map((l) => `  ${l}`),
  ].join('\n');
}
