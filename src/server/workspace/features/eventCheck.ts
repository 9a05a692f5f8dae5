/**
 * 「行事をチェック」 and the check 「フォームを作成」 runs first: one read of 行事, the pure check, one write of the fixes
 * (a 開始 typed as 令和8年8月1日 13:30 becomes the date-time Sheets shows; a 定員 typed ３０名 becomes 30).
 */
import { checkEvents, EventCheck, EventKey, EventProblem, eventHeader } from '../../domain/event-check';
import { EVENTS } from '../../domain/schema';
import { formatProblem } from '../../domain/where';
import { Lang, t } from '../../i18n/messages';
import { problemLines, renderRowProblems } from '../errors';
import { markProblemCells } from './registry';
import { Table } from '../tables';
import { zoneOffsetMinutes } from '../../domain/dates';
import type { RegistryReport } from '../../../protocol';

export type EventsTableForCheck = Table<EventKey>;


export function checkEventTable(table: EventsTableForCheck): EventCheck {
  const rows = table.rows().map((r) => ({
    row: r.rowNumber,
    cells: Object.fromEntries(EVENTS.columns.map((c) => [c.key, r.get(c.key)])) as Partial<Record<EventKey, string | number | boolean | Date>>,
  }));
  return checkEvents(rows, zoneOffsetMinutes(new Date(), table.timeZone));
}

export function eventProblemMessage(p: EventProblem, lang: Lang): string {
  return t(lang, `events.problem.${p.code}`, p.params);
}

/** The problems of one row (or all), as the user reads them: 「行事」シート N行目「列」: what to do. */
export function eventProblemLines(problems: readonly EventProblem[], lang: Lang): string[] {
  return problems.map((p) => formatProblem(lang, { sheet: EVENTS.name, row: p.row, column: eventHeader(p.key), message: eventProblemMessage(p, lang) }));
}

/** Our notes on 行事 start with this tag (as 団体's with 【名簿チェック】), so a volunteer's own notes are kept. */
export const EVENT_NOTE_TAG = '【行事チェック】';

/**
 * Menu 「行事をチェック」: fixes what can be read unambiguously, reports the rest at row and column — in the alert and,
 * where the coordinator fixes it, as a note and a yellow background on the cell (cleared once the cell is right).
 */
export function checkEventsInSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang): RegistryReport {
  const table = Table.open(ss, EVENTS);
  const check = checkEventTable(table);
  for (const f of check.fixes) table.set(f.row, f.key, f.value);
  const { conflicts } = table.flush();
  const located = markProblemCells(table, check.problems.map((p) => ({ rowNumber: p.row, key: p.key, message: eventProblemMessage(p, lang) })), EVENT_NOTE_TAG, EVENTS.columns.map((c) => c.key));
  return {
    rows: check.rows,
    fixed: check.fixes.length,
    problems: [
      ...check.problems.map((p) => ({ row: located.get(p.row) ?? p.row, column: eventHeader(p.key), message: eventProblemMessage(p, lang) })),
      ...renderRowProblems(lang, conflicts),
    ],
  };
}

export function eventsReportText(report: RegistryReport, lang: Lang): { summary: string; body: string } {
  const summary = t(lang, 'events.summary', { rows: report.rows, fixed: report.fixed, problems: report.problems.length });
  const lines = problemLines(lang, report.problems, 'events.more', EVENTS.name);
  return { summary, body: lines.length ? `${summary}\n\n${lines.join('\n')}` : `${summary}\n${t(lang, 'events.allGood')}` };
}
