/**
 * 行事 rows checked as 団体 rows are: required fields, 種類 and 状態 from their lists, 開始/終了 as date-times (和暦 and
 * full-width digits understood as in the registry: 令和8年8月1日 13:30), 終了 after 開始, 定員 a number. Pure: cells in,
 * problems (codes + parameters) and fixes (the value the cell should hold) out.
 */
import { EVENT_KINDS, EVENT_STATES, EVENTS } from './schema';
import { parseCapacity } from './events';
import { parseDateTime } from './dates';

export type EventKey = (typeof EVENTS)['columns'][number]['key'];
export type EventCell = string | number | boolean | Date;

export interface EventRowInput {
  row: number;
  cells: Partial<Record<EventKey, EventCell>>;
}

export type EventProblemCode =
  | 'required' | 'notInChoices' | 'notADateTime' | 'impossibleDate' | 'noTime' | 'endBeforeStart' | 'capacity' | 'duplicateId';

export interface EventProblem {
  row: number;
  key: EventKey;
  code: EventProblemCode;
  params: Record<string, string | number>;
}

export interface EventFix {
  row: number;
  key: EventKey;
  value: Date | number;
}

export interface EventCheck {
  rows: number;
  problems: EventProblem[];
  fixes: EventFix[];
  /** 開始/終了/定員 as understood, by row (for an operation that goes on with the row in memory). */
  parsed: Map<number, { start: Date | null; end: Date | null; capacity: number | null }>;
}

export const eventHeader = (key: EventKey): string => EVENTS.columns.find((c) => c.key === key)!.header;

const text = (v: EventCell | undefined): string => (v === undefined || v === null ? '' : v instanceof Date ? '' : String(v));

function isBlankRow(cells: EventRowInput['cells']): boolean {
  return Object.values(cells).every((v) => (v instanceof Date ? false : String(v ?? '').trim() === ''));
}

/** Checks every filled 行事 row. Columns the add-on writes (form ids, links) are not checked. */
export function checkEvents(rows: readonly EventRowInput[], utcOffsetMinutes: number): EventCheck {
  const problems: EventProblem[] = [];
  const fixes: EventFix[] = [];
  const parsed: EventCheck['parsed'] = new Map();
  const filled = rows.filter((r) => !isBlankRow(r.cells));
  const seenIds = new Map<string, number>();
  for (const { row, cells } of filled) {
    const problem = (key: EventKey, code: EventProblemCode, params: Record<string, string | number> = {}) =>
      problems.push({ row, key, code, params: { column: eventHeader(key), ...params } });

    const id = text(cells.id).trim();
    if (id === '') problem('id', 'required');
    else {
      const first = seenIds.get(id);
      if (first !== undefined) problem('id', 'duplicateId', { row: first });
      else seenIds.set(id, row);
    }
    const kind = text(cells.kind).trim();
    if (kind === '') problem('kind', 'required');
    else if (!(EVENT_KINDS as readonly string[]).includes(kind)) problem('kind', 'notInChoices', { value: kind, choices: EVENT_KINDS.join('・') });
    if (text(cells.title).trim() === '') problem('title', 'required');
    const status = text(cells.status).trim();
    if (status !== '' && !(EVENT_STATES as readonly string[]).includes(status)) problem('status', 'notInChoices', { value: status, choices: EVENT_STATES.join('・') });

    const dateTime = (key: 'start' | 'end', required: boolean): Date | null => {
      const v = cells[key];
      if (v instanceof Date) return v;
      const raw = text(v).trim();
      if (raw === '') {
        if (required) problem(key, 'required');
        return null;
      }
      const d = typeof v === 'number' ? null : parseDateTime(raw, utcOffsetMinutes);
      if (d instanceof Date) {
        fixes.push({ row, key, value: d });
        return d;
      }
      if (d && 'invalid' in d) problem(key, 'impossibleDate', { value: raw });
      else if (d && 'noTime' in d) problem(key, 'noTime', { value: raw });
      else problem(key, 'notADateTime', { value: raw });
      return null;
    };
    const start = dateTime('start', true);
    const end = dateTime('end', false);
    if (start && end && end.getTime() <= start.getTime()) problem('end', 'endBeforeStart');

    const capacityCell = cells.capacity;
    const cap = parseCapacity(capacityCell instanceof Date ? 'x' : capacityCell);
    if (cap.invalid) problem('capacity', 'capacity', { value: text(capacityCell) || String(capacityCell ?? '') });
    else if (cap.capacity !== null && typeof capacityCell !== 'number') fixes.push({ row, key: 'capacity', value: cap.capacity });

    parsed.set(row, { start, end, capacity: cap.capacity });
  }
  problems.sort((a, b) => a.row - b.row || EVENTS.columns.findIndex((c) => c.key === a.key) - EVENTS.columns.findIndex((c) => c.key === b.key));
  return { rows: filled.length, problems, fixes, parsed };
}
