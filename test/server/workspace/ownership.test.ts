/**
 * Issue 12 part 4: the add-on never clears a sheet it does not own. Through the built bundle's menu functions.
 */
import type { AttendanceReport, RpcResult, SurveyResultsReport } from '../../../src/protocol';
import { DEMO_EVENTS, DemoEvent, agencyNamesOf, participantAnswers, surveyAnswers } from '../../../scripts/demo/forms';
import { loadAddOn } from '../../support/bundle';
import { ok, prepare } from '../../support/forms';

const NOW = new Date('2025-07-01T09:00:00+09:00');
const SEMINAR = DEMO_EVENTS[0] as DemoEvent;
const OWNER_KEY = 'shuro-network.owned';

function workbook() {
  const emu = loadAddOn({ now: NOW });
  const forms = prepare(emu, { events: [SEMINAR] });
  const agencies = agencyNamesOf(emu);
  for (let i = 0; i < 6; i++) {
    emu.runtime.advanceClock(60_000);
    emu.forms.submit(forms.get(SEMINAR.id)!.registration.formId, participantAnswers(0, i, agencies));
    emu.forms.submit(forms.get(SEMINAR.id)!.survey.formId, surveyAnswers(i, false));
  }
  return emu;
}

/** A volunteer's own sheet with a few cells typed in (raw, not counted). */
function volunteerSheet(emu: ReturnType<typeof loadAddOn>, name: string): string[][] {
  const typed = [['自分用メモ', '担当'], ['会場の鍵', '山田さん']];
  const sheet = emu.active.insertSheet(name);
  sheet.getRange(1, 1, 2, 2).setValues(typed);
  return typed;
}
const contents = (emu: ReturnType<typeof loadAddOn>, name: string) => emu.active.sheets.find((s) => s.name === name)!.getDataRange().getValues();
const owned = (emu: ReturnType<typeof loadAddOn>, name: string) => emu.active.sheets.find((s) => s.name === name)!.developerMetadata.some((m) => m.key === OWNER_KEY);

describe('sheets the add-on owns', () => {
  test('a volunteer\'s own 出欠集計 is not wiped: 「出欠を集計」 names it and stops before stamping anything', () => {
    const emu = workbook();
    const typed = volunteerSheet(emu, '出欠集計');
    emu.run('tallyAttendance');
    const alert = emu.uiState.alerts.at(-1)!;
    expect(alert.prompt).toContain('シート「出欠集計」はアドオンが作ったものではないため、上書きせずに止めました');
    expect(contents(emu, '出欠集計')).toEqual(typed);
    expect(owned(emu, '出欠集計')).toBe(false);
    // Renamed out of the way, the next run makes (and marks) its own sheet; the volunteer's is untouched.
    emu.active.sheets.find((s) => s.name === '出欠集計')!.setName('出欠集計_控え');
    const report = ok(emu.run<RpcResult<AttendanceReport>>('rpcTallyAttendance'));
    expect(report.events.map((e) => e.registered)).toEqual([6]);
    expect(owned(emu, '出欠集計')).toBe(true);
    expect(contents(emu, '出欠集計_控え')).toEqual(typed);
    // Its own sheet, even renamed back by hand, is recognised by its mark.
    expect(ok(emu.run<RpcResult<AttendanceReport>>('rpcTallyAttendance')).events).toHaveLength(1);
  });

  test('a tally sheet made before ownership marks (holding the tally header) is adopted and marked', () => {
    const emu = workbook();
    ok(emu.run<RpcResult<AttendanceReport>>('rpcTallyAttendance'));
    const sheet = emu.active.sheets.find((s) => s.name === '出欠集計')!;
    sheet.developerMetadata.length = 0; // as an older version left it
    ok(emu.run<RpcResult<AttendanceReport>>('rpcTallyAttendance'));
    expect(owned(emu, '出欠集計')).toBe(true);
  });

  test('a volunteer\'s own アンケート集計_<id> stops 「アンケートを集計」 before any sheet is rewritten', () => {
    const emu = workbook();
    const typed = volunteerSheet(emu, `アンケート集計_${SEMINAR.id}`);
    const before = emu.active.sheets.map((s) => s.name);
    emu.run('summariseSurveys');
    expect(emu.uiState.alerts.at(-1)!.prompt).toContain(`シート「アンケート集計_${SEMINAR.id}」はアドオンが作ったものではない`);
    expect(contents(emu, `アンケート集計_${SEMINAR.id}`)).toEqual(typed);
    // Nothing else was created or rewritten on the way.
    expect(emu.active.sheets.map((s) => s.name)).toEqual(before);

    emu.active.sheets.find((s) => s.name === `アンケート集計_${SEMINAR.id}`)!.setName('私の集計');
    const report = ok(emu.run<RpcResult<SurveyResultsReport>>('rpcSummariseSurveys'));
    expect(report.eventSheets).toEqual([`アンケート集計_${SEMINAR.id}`]);
    expect(owned(emu, 'アンケート集計')).toBe(true);
    expect(owned(emu, `アンケート集計_${SEMINAR.id}`)).toBe(true);
    expect(contents(emu, '私の集計')).toEqual(typed);
  });

  test('a volunteer\'s own アンケート集計 is named and kept', () => {
    const emu = workbook();
    const typed = volunteerSheet(emu, 'アンケート集計');
    const result = emu.run<RpcResult<SurveyResultsReport>>('rpcSummariseSurveys');
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error.message).toContain('シート「アンケート集計」はアドオンが作ったものではない');
    expect(contents(emu, 'アンケート集計')).toEqual(typed);
  });
});
