/**
 * Form responses into the ledger: the form-submit trigger handler, and 「回答を同期」 which reconciles every
 * form's responses with the ledger. Both take the document lock and use the same plan (domain/ledger.ts), so
 * a response is recorded once whichever gets there first, a duplicate or blank firing adds nothing, and a
 * sync after a missed trigger restores the same state. Calls do not grow with the number of responses: each
 * response sheet and each ledger sheet is read once and written in one batch.
 */
import type { Problem, SyncReport } from '../../protocol';
import { LEDGER, SURVEY_ANSWERS } from '../domain/schema';
import { EventRecord, routeResponseSheet } from '../domain/events';
import { FormSubmission, LedgerRow, PlanProblem, RegistrationPlan, checkLedgerRows, planRegistrations } from '../domain/ledger';
import { AgencyRef, REGISTRATION_TITLES } from '../domain/registration';
import { surveyAnswerRows } from '../domain/survey-questions';
import { withDocumentLock } from './lock';
import { logOperation } from './log';
import { LedgerTable, ReadSubmission, appendLedgerRow, readAgencies, readEvents, readLedger, readResponseSheet } from './records';
import { formatProblem, joinSentences } from '../domain/where';
import { Table, spreadsheetTimeZone } from './tables';

const OPERATION = 'フォーム回答の取り込み';

/**
 * The installable spreadsheet form-submit trigger: routes the new row by its sheet to its event, then reconciles
 * that one response sheet. Reading the sheet rather than trusting e.values makes a blank second firing harmless,
 * and reconciling the whole sheet (one read, whatever its length) records any response an earlier, missed firing
 * left behind, in submission order, so the 定員 goes to whoever registered first.
 */
export function handleFormSubmit(e: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  const sheet = e.range.getSheet();
  const ss = sheet.getParent();
  const sheetId = String(sheet.getSheetId());
  withDocumentLock(() => {
    const timeZone = spreadsheetTimeZone(ss);
    const { events } = readEvents(ss, timeZone);
    const route = routeResponseSheet(events, sheetId);
    if (!route) return; // a form that is not one of ours writes to this spreadsheet
    const read = readResponseSheet(sheet, sheetId, timeZone);
    if (route.purpose === 'registration') {
      const ledger = readLedger(ss, timeZone);
      const plan = recordRegistrations(ledger.table, ledger.rows, route.event, read, readAgencies(ss, timeZone));
      ledger.table.flush();
      // Log what this firing changed or found about its own row; older problems are listed by 「回答を同期」.
      const row = e.range.getRow();
      const relevant = new Set([...plan.appends.map((r) => r.responseId), ...read.filter((r) => r.rowNumber === row).map((r) => r.submission.responseKey)]);
      const problems = plan.problems.filter((p) => p.fresh && relevant.has(p.responseKey));
      if (plan.appends.length || problems.length) {
        logOperation(ss, OPERATION, plan.appends.length ? '成功' : '要確認', summarisePlan(route.event, plan.appends, problems, sheet.getName(), read));
      }
    } else {
      const store = Table.open(ss, SURVEY_ANSWERS, timeZone);
      if (recordSurveys(store, route.event, read) > 0) store.flush();
    }
  });
}

/** 「回答を同期」: every event's response sheets against the ledger and the survey store. */
export function syncResponses(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): SyncReport {
  const timeZone = spreadsheetTimeZone(ss);
  const { events } = readEvents(ss, timeZone);
  const ledger = readLedger(ss, timeZone);
  const agencies = readAgencies(ss, timeZone);
  const store = Table.open(ss, SURVEY_ANSWERS, timeZone);
  const sheetsById = new Map(ss.getSheets().map((s) => [String(s.getSheetId()), s]));
  const report: SyncReport = { added: 0, waitlisted: 0, alreadyRecorded: 0, blankIgnored: 0, duplicatesFlagged: 0, surveyResponsesAdded: 0, problems: [] };
  const rows = [...ledger.rows];
  for (const event of events) {
    if (event.registrationSheetId !== '') {
      const sheet = sheetsById.get(event.registrationSheetId);
      if (!sheet) {
        report.problems.push({ sheet: '行事', row: 0, column: '申込回答シートid', message: `行事「${event.id}」の申込回答シートが見つかりません。「フォームを作成」をもう一度実行してください` });
      } else {
        const read = readResponseSheet(sheet, event.registrationSheetId, timeZone);
        const plan = recordRegistrations(ledger.table, rows, event, read, agencies);
        rows.push(...plan.appends);
        report.added += plan.appends.length;
        report.waitlisted += plan.appends.filter((r) => r.status === 'キャンセル待ち').length;
        report.alreadyRecorded += plan.alreadyRecorded;
        report.blankIgnored += plan.blank;
        report.duplicatesFlagged += plan.duplicatesFlagged;
        report.problems.push(...toProblems(plan.problems, sheet.getName(), read));
      }
    }
    if (event.surveySheetId !== '') {
      const sheet = sheetsById.get(event.surveySheetId);
      if (sheet) report.surveyResponsesAdded += recordSurveys(store, event, readResponseSheet(sheet, event.surveySheetId, timeZone));
    }
  }
  ledger.table.flush();
  store.flush();
  report.problems.push(...ledger.table.conflicts, ...store.conflicts);
  report.problems.push(...ledgerProblems(rows, ledger.rowNumbers, new Set(events.map((e) => e.id))));
  return report;
}

/** Plans and appends (in memory) the ledger rows for one event's registrations; problems go to 備考 too. */
function recordRegistrations(table: LedgerTable, ledgerRows: readonly LedgerRow[], event: EventRecord, read: readonly ReadSubmission[], agencies: readonly AgencyRef[]): RegistrationPlan {
  const plan = planRegistrations({
    ledger: ledgerRows, eventId: event.id, capacity: event.capacity, agencies, submissions: read.map((r) => r.submission),
  });
  for (const row of plan.appends) {
    const notes = plan.problems.filter((p) => p.fresh && p.responseKey === row.responseId && p.field !== 'response').map((p) => p.message);
    appendLedgerRow(table, { ...row, remarks: [row.remarks, ...notes].filter((s) => s).join(' / ') });
  }
  return plan;
}

function recordSurveys(store: Table<(typeof SURVEY_ANSWERS)['columns'][number]['key']>, event: EventRecord, read: readonly ReadSubmission[]): number {
  const known = new Set(store.rows().map((r) => r.text('responseId')));
  let added = 0;
  for (const { submission } of read) {
    if (known.has(submission.responseKey)) continue;
    const rows = surveyAnswerRows(submission.responseKey, event.id, submission.submittedAt, submission.answers);
    if (rows.length === 0) continue; // a blank firing
    known.add(submission.responseKey);
    for (const [responseId, eventId, answeredAt, question, answer] of rows) store.append({ responseId, eventId, answeredAt, question, answer } as never);
    added++;
  }
  return added;
}

function toProblems(problems: readonly PlanProblem[], sheetName: string, read: readonly ReadSubmission[]): Problem[] {
  const rowOf = new Map(read.map((r) => [r.submission.responseKey, r.rowNumber]));
  return problems.map((p) => ({
    sheet: sheetName,
    row: rowOf.get(p.responseKey) ?? 0,
    column: p.field === 'response' ? REGISTRATION_TITLES.name : REGISTRATION_TITLES[p.field],
    message: p.message,
  }));
}

const LEDGER_HEADERS: Record<string, string> = Object.fromEntries(LEDGER.columns.map((c) => [c.key, c.header]));

/** Problems in ledger rows (typed by hand or not), by sheet row. Rows appended in this run have no number yet. */
export function ledgerProblems(rows: readonly LedgerRow[], rowNumbers: readonly number[], eventIds: ReadonlySet<string>): Problem[] {
  const firstNew = (rowNumbers.length ? rowNumbers[rowNumbers.length - 1]! : 1) + 1;
  return checkLedgerRows(rows, eventIds).map((p) => ({
    sheet: LEDGER.name,
    row: rowNumbers[p.index] ?? firstNew + (p.index - rowNumbers.length),
    column: p.field === 'person' ? LEDGER_HEADERS.name! : LEDGER_HEADERS[p.field]!,
    message: p.message,
  }));
}

function summarisePlan(event: EventRecord, appends: readonly LedgerRow[], problems: readonly PlanProblem[], sheetName: string, read: readonly ReadSubmission[]): string {
  const parts = [`${event.id}: 追加${appends.length}件`];
  const waitlisted = appends.filter((r) => r.status === 'キャンセル待ち').length;
  if (waitlisted) parts.push(`うちキャンセル待ち${waitlisted}件`);
  for (const p of toProblems(problems, sheetName, read)) parts.push(formatProblem('ja', p));
  return joinSentences('ja', parts);
}

/** Responses as the demo and tests read them back (for export). */
export type { FormSubmission };
