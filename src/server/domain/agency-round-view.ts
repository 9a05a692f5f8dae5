/**
 * 掲載情報の確認 (issue 16), the sidebar's side: each agency's state and its latest answer's diff, computed in the
 * sidebar from the plain data the server reads (workspace/features/agencyRound.ts reviewAgencyRound), so that the
 * presentation costs dist/Code.js nothing. Pure; imported by src/client only.
 */
import type { RoundAgency, RoundReviewData, RoundState } from '../../protocol';
import { CivilDate, compareDates, parseCivilDate } from './dates';
import { FieldChange, ROUND_KEYS, RoundAnswer, RoundRecord, headerOf, matchAnswers, proposedCells } from './agency-round';
import { AgencyKey, checkRegistry } from './agencies';
import type { AgencyRowInput, CellInput } from './agencies';
import { splitMulti } from './ja';

const text = (v: CellInput | undefined) => (v === undefined || v === null ? '' : String(v)).trim();

/** A row as the registry check leaves it: each field's normalised text, and its problems by column. */
function checked(row: AgencyRowInput): { value: (key: AgencyKey) => string; problems: Map<AgencyKey, FieldChange['problem']> } {
  const c = checkRegistry([row]);
  const fixes = new Map(c.fixes.map((f) => [f.key, f.value]));
  const problems = new Map<AgencyKey, FieldChange['problem']>();
  for (const p of c.problems) if (!problems.has(p.key)) problems.set(p.key, { code: p.code, params: p.params });
  const value = (key: AgencyKey) => {
    const v = fixes.get(key) ?? text(row.cells[key]);
    return key === 'withheld' ? splitMulti(v).sort().join(';') : v;
  };
  return { value, problems };
}

/** What an answer proposes for this row, field by field: only the fields whose checked value differs. */
export function answerChanges(row: AgencyRowInput, answer: RoundAnswer): FieldChange[] {
  const before = checked(row);
  const after = checked({ rowNumber: row.rowNumber, cells: proposedCells(row.cells, answer, ROUND_KEYS) });
  const out: FieldChange[] = [];
  for (const key of ROUND_KEYS) {
    if (!(headerOf(key) in answer.answers)) continue;
    const current = before.value(key);
    const proposed = after.value(key);
    if (current === proposed) continue;
    // 電話 and メール both cleared: the check reports it on 電話.
    const problem = after.problems.get(key) ?? (key === 'email' ? after.problems.get('phone') ?? null : null);
    out.push({ key, field: headerOf(key), current, proposed, problem: problem && problem.code !== 'consentDateMissing' ? problem : null });
  }
  return out;
}


// ------------------------------------------------------------------ follow-up

export function roundState(record: RoundRecord | undefined, answer: RoundAnswer | undefined, today: CivilDate, noAnswerDays: number): RoundState {
  if (!record) return 'notRequested';
  if (record.decidedOn !== '' && (!answer || answer.key === record.answerKey)) return 'decided';
  if (answer && answer.key !== record.answerKey) return 'answered';
  const asked = parseCivilDate(record.remindedOn || record.requestedOn);
  if (asked && !('invalid' in asked)) {
    const due = new Date(Date.UTC(asked.year, asked.month - 1, asked.day + noAnswerDays));
    if (compareDates({ year: due.getUTCFullYear(), month: due.getUTCMonth() + 1, day: due.getUTCDate() }, today) <= 0) return 'noAnswer';
  }
  return 'requested';
}

/** Agencies whose 最終確認日 falls in [start, end] (the activity report's 「掲載情報を確認した団体」). */
export function confirmedBetween(rows: readonly AgencyRowInput[], start: CivilDate, end: CivilDate): number {
  return rows.filter((r) => {
    const d = parseCivilDate(text(r.cells.lastConfirmedOn));
    return d && !('invalid' in d) && compareDates(d, start) >= 0 && compareDates(d, end) <= 0;
  }).length;
}


/** Every requested agency as the review shows it, and the answers whose token matches no request (不一致). */
export function reviewView(data: RoundReviewData): { agencies: RoundAgency[]; mismatched: { row: number; on: string }[] } {
  const today = parseCivilDate(data.today) as CivilDate;
  const { latest, count, mismatched } = matchAnswers(data.records, data.answers);
  const byId = new Map(data.records.map((r) => [r.agencyId, r]));
  // 発行記録: 種類, 発行日, 名称, 文書id, URL, 掲載団体id (the last absent from records older than issue 16).
  const [head = [], ...issues] = data.issues;
  const col = (h: string) => head.indexOf(h);
  const pamphlets = issues.filter((r) => r[col('種類')] === 'パンフレット' && col('掲載団体id') >= 0)
    .map((r) => ({ name: r[col('名称')] ?? '', on: r[col('発行日')] ?? '', url: r[col('URL')] ?? '', listed: (r[col('掲載団体id')] ?? '').split(';') }));
  const agencies: RoundAgency[] = [];
  for (const row of data.rows as AgencyRowInput[]) {
    const id = text(row.cells.id);
    const record = byId.get(id);
    if (!record) continue; // not asked: not in the review
    const answer = latest.get(id);
    const state = roundState(record, answer, today, data.noAnswerDays);
    const changes = answer && state === 'answered' ? answerChanges(row, answer) : [];
    const consent = text(row.cells.consent);
    const withdrawing = consent === '撤回' || changes.some((c) => c.key === 'consent' && c.proposed === '撤回');
    agencies.push({
      id, name: text(row.cells.name), row: row.rowNumber, state, requestedOn: record.requestedOn, remindedOn: record.remindedOn,
      answeredOn: answer?.on ?? '', answerKey: answer?.key ?? '', answerRow: answer?.row ?? 0, answers: count.get(id) ?? 0,
      changes: changes.map((c) => ({ key: c.key, field: c.field, current: c.current, proposed: c.proposed, problem: c.problem ? c.problem.code : '' })),
      accepted: record.accepted, rejected: record.rejected, withheld: splitMulti(text(row.cells.withheld)), consent,
      stillListedIn: withdrawing ? pamphlets.filter((p) => p.listed.includes(id)).map(({ name, on, url }) => ({ name, on, url })) : [],
    });
  }
  return { agencies, mismatched: mismatched.map((a) => ({ row: a.row, on: a.on })) };
}

export type { RoundAnswer, RoundRecord };
