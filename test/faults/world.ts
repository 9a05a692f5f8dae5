/**
 * Everything an operation can leave behind, as one canonical text: every spreadsheet (sheets, sizes, cells with
 * value/formula/format/note/background/validation, protections), and — one entry per emulator store in WORLD_PARTS —
 * forms, documents, files, calendar events and invitations as features add them. Two worlds are "the same" when their
 * texts are equal; what legitimately differs between a clean run and a fault-then-re-run (timestamps, the 失敗 lines
 * of 操作ログ, a success summary that now says "nothing to do") is normalised here, and nothing else is.
 */
import type { AddOn } from './operations';
import type { Cell, Sheet, Spreadsheet } from '../../emulator/spreadsheet';

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
function logLines(sheet: Sheet): string[] {
  const out: string[] = [];
  for (let r = 2; r <= sheet.rows.length; r++) {
    const row = sheet.rows[r - 1] ?? [];
    const result = String(row[3]?.value ?? '');
    if (result === '失敗' || result === 'failed' || (row[2]?.value ?? '') === '') continue;
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

export function sheetText(sheet: Sheet): string[] {
  const lines = sheetHeadText(sheet).split('\n');
  if (sheet.name === OPERATION_LOG) return [...lines, ...logLines(sheet)];
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

export function spreadsheetText(ss: Spreadsheet): string[] {
  return [`spreadsheet ${ss.name} tz=${ss.timeZone}`, ...ss.sheets.flatMap(sheetText)];
}

/** A store an operation writes to: add one entry when a feature brings a new emulator store. */
export interface WorldPart {
  name: string;
  /** Canonical lines, or null when the store does not exist in this build. */
  lines(emu: AddOn): string[] | null;
}

export const WORLD_PARTS: WorldPart[] = [
  { name: 'spreadsheets', lines: (emu) => [...emu.spreadsheets.spreadsheets.values()].flatMap(spreadsheetText) },
  { name: 'triggers', lines: (emu) => emu.triggers.map((t) => `trigger ${t.handlerFunction} ${t.eventType} ${t.source}`).sort() },
  { name: 'document properties', lines: (emu) => [...emu.properties.document].map(([k, v]) => `prop ${k}=${v}`).sort() },
];

function sameCell(a: Cell | undefined, b: Cell | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const va = a.value, vb = b.value;
  const sameValue = va instanceof Date || vb instanceof Date
    ? va instanceof Date && vb instanceof Date && va.getTime() === vb.getTime()
    : va === vb;
  return sameValue && a.formula === b.formula && a.numberFormat === b.numberFormat && a.note === b.note &&
    a.background === b.background && a.fontWeight === b.fontWeight &&
    (a.validation === b.validation || (!!a.validation && !!b.validation && validationKey(a.validation) === validationKey(b.validation)));
}

function validationKey(dv: NonNullable<Cell['validation']>): string {
  let text = validationText.get(dv);
  if (text === undefined) {
    text = `|dv=${dv.criteria}:${JSON.stringify(dv.values)}:${dv.allowInvalid}`;
    validationText.set(dv, text);
  }
  return text;
}

function sameSheetCells(a: Sheet, b: Sheet): boolean {
  const rows = Math.max(a.rows.length, b.rows.length);
  for (let r = 0; r < rows; r++) {
    const ra = a.rows[r] ?? [], rb = b.rows[r] ?? [];
    const columns = Math.max(ra.length, rb.length);
    for (let c = 0; c < columns; c++) if (!sameCell(ra[c], rb[c])) return false;
  }
  return true;
}

/**
 * Fast equality of two worlds (the fault matrix compares hundreds): cells are compared field by field; the text is
 * built only to show a difference. Sheets other than 操作ログ are compared whole; everything else by its lines.
 */
export function sameWorld(a: AddOn, b: AddOn): boolean {
  const sa = [...a.spreadsheets.spreadsheets.values()], sb = [...b.spreadsheets.spreadsheets.values()];
  if (sa.length !== sb.length) return false;
  for (let i = 0; i < sa.length; i++) {
    const x = sa[i]!, y = sb[i]!;
    if (x.sheets.length !== y.sheets.length) return false;
    for (let j = 0; j < x.sheets.length; j++) {
      const p = x.sheets[j]!, q = y.sheets[j]!;
      if (p.name !== q.name) return false;
      if (sheetHeadText(p) !== sheetHeadText(q)) return false;
      if (p.name === OPERATION_LOG ? logLines(p).join('\n') !== logLines(q).join('\n') : !sameSheetCells(p, q)) return false;
    }
  }
  return WORLD_PARTS.every((part) => part.name === 'spreadsheets' || JSON.stringify(part.lines(a)) === JSON.stringify(part.lines(b)));
}

export function worldText(emu: AddOn): string {
  return WORLD_PARTS.flatMap((p) => {
    const lines = p.lines(emu);
    return lines ? [`## ${p.name}`, ...lines] : [];
  }).join('\n');
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
