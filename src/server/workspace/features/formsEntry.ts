/** The forms feature's menu glue: which event the user selected, and results as sentences. */
import type { AttendanceReport, EventFormsResult, EventSummary, Problem, SyncReport } from '../../../protocol';
import { EVENTS } from '../../domain/schema';
import { Lang, t } from '../../i18n/messages';
import { UserFacingError } from '../errors';
import { formatProblem } from '../../domain/where';
import { readEvents } from '../records';

/** The event id on the selected row of 行事 (menu commands act on the selection, as volunteers expect). */
export function selectedEventId(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  const sheet = ss.getActiveSheet();
  const range = ss.getActiveRange();
  const row = range ? range.getRow() : 0;
  if (sheet.getName() !== EVENTS.name || row < 2) throw new UserFacingError('forms.selectRow');
  const { events, rowNumbers } = readEvents(ss);
  const event = events[rowNumbers.indexOf(row)];
  if (!event || event.id === '') throw new UserFacingError('forms.selectRow');
  return event.id;
}

export function listEvents(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): EventSummary[] {
  return readEvents(ss, undefined, true).events.filter((e) => e.id !== '').map((e) => ({
    id: e.id, title: e.title, kind: e.kind, start: e.start ? e.start.toISOString() : '', registrationFormUrl: e.registrationFormUrl, surveyFormUrl: e.surveyFormUrl,
  }));
}

const MAX_PROBLEM_LINES = 10;

function problemLines(problems: SyncReport['problems'], lang: Lang): string {
  if (!problems.length) return '';
  const lines = problems.slice(0, MAX_PROBLEM_LINES).map((p) => formatProblem(lang, p));
  if (problems.length > MAX_PROBLEM_LINES) lines.push(t(lang, 'registry.more', { count: problems.length - MAX_PROBLEM_LINES }));
  return `\n\n${lines.join('\n')}`;
}

export function formsDoneMessage(r: EventFormsResult, lang: Lang): string {
  return t(lang, 'forms.done', {
    id: r.eventId,
    action: t(lang, r.registration.created || r.survey.created ? 'forms.created' : 'forms.updated'),
    registration: r.registration.url,
    survey: r.survey.url,
    trigger: r.triggerInstalled ? t(lang, 'forms.triggerInstalled') : '',
  }) + problemLines(r.problems, lang);
}

export function syncDoneMessage(r: SyncReport, lang: Lang): string {
  return t(lang, 'sync.done', {
    added: r.added, waitlisted: r.waitlisted, already: r.alreadyRecorded, corrected: r.corrected, deleted: r.deletedNotRestored, duplicates: r.duplicatesFlagged,
    surveys: r.surveyResponsesAdded, problems: r.problems.length,
  }) + problemLines(r.problems, lang) + (r.mail ? `\n${r.mail}` : '');
}

export function tallyDoneMessage(r: AttendanceReport, lang: Lang): string {
  const lines = r.events.map((e) => t(lang, 'tally.line', { ...e }));
  return t(lang, 'tally.done', { stamped: r.stamped, lines: lines.join('\n'), problems: r.problems.length }) + problemLines(r.problems, lang);
}

export function stampDoneMessage(r: { stamped: number; problems: Problem[] }, lang: Lang): string {
  return t(lang, 'stamp.done', { stamped: r.stamped }) + problemLines(r.problems, lang);
}
