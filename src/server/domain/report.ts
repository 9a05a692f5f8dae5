/**
 * The annual activity report (活動報告書) as data: member agencies at the start and end of a period and those who
 * joined, each event held with its date, participants and participating agencies, survey highlights, meetings held
 * by kind, and the pamphlets issued. Dates in 西暦 and 和暦. Participants are counted, never named; free-text
 * survey answers stay out of the report (they may name people). Pure: plain data in and out.
 */
import type { Figures } from './consultations';
import type { TrainingCounts } from './training-counts';
import { CivilDate, compareDates, formatSeireki, formatWareki, fiscalYearOf } from './dates';
import { occurrences, parseRecurrence } from './recurrence';
import { SurveySummary, formatMean, formatShare } from './survey-stats';

export interface Period {
  start: CivilDate;
  end: CivilDate;
  /** 令和7年度, or 「2025年4月1日〜2025年9月30日」 for a custom period. */
  label: string;
}

export interface ReportAgency {
  id: string;
  name: string;
  kind: string;
  joinedOn: CivilDate | null;
  /** 最終確認日 (issue 16: the agency confirmed its listing that day). */
  confirmedOn?: CivilDate | null;
}

export interface ReportEvent {
  id: string;
  kind: string;
  title: string;
  start: CivilDate | null;
  status: string;
}

export interface ReportLedgerRow {
  eventId: string;
  /** A member agency id, or the affiliation the participant typed. */
  agency: string;
  status: string;
  attended: boolean;
}

export interface ReportMeeting {
  title: string;
  start: CivilDate | null;
  status: string;
  /** 繰り返し as typed: 毎月第2水曜, 毎週金曜, 毎月15日, optionally （12回）. */
  recurrence: string;
}

export interface PamphletIssue {
  on: CivilDate;
  name: string;
}

export interface ReportInput {
  period: Period;
  today: CivilDate;
  agencies: readonly ReportAgency[];
  events: readonly ReportEvent[];
  ledger: readonly ReportLedgerRow[];
  /** Survey summaries by event id (only events whose survey was summarised). */
  surveys: Readonly<Record<string, SurveySummary>>;
  meetings: readonly ReportMeeting[];
  pamphlets: readonly PamphletIssue[];
}

export interface SurveyHighlight {
  responses: number;
  responseRate: number | null;
  /** The first scale (全体満足度 in the default set). */
  headline: { title: string; mean: number | null; topShare: number | null } | null;
  /** The scale with the highest mean. */
  best: { title: string; mean: number } | null;
  /** The three most wanted themes (multi-select), most first. */
  topThemes: { choice: string; count: number }[];
}

export interface ReportEventLine {
  id: string;
  kind: string;
  title: string;
  date: CivilDate;
  /** Registrations holding a place (申込), plus anyone from the waiting list checked in at the door. */
  participants: number;
  /** Registrations holding a place (申込). */
  registered: number;
  /** On the waiting list (キャンセル待ち), whether or not they came. */
  waitlisted: number;
  /** Checked in (出席); 0 when nobody was checked in. */
  attended: number;
  checkedIn: boolean;
  /** Names of the member agencies whose staff took part, in registry order. */
  agencies: string[];
  /** Participants from outside the network (affiliations typed as text), counted only. */
  nonMemberParticipants: number;
  survey: SurveyHighlight | null;
}

export interface ActivityReport {
  period: Period;
  membersAtStart: number;
  membersAtEnd: number;
  /** Agencies whose 最終確認日 falls in the period (掲載情報の確認, issue 16). */
  confirmed?: number;
  joined: { name: string; kind: string; joinedOn: CivilDate }[];
  /** Agencies with no 加入日: counted as members from the start, and reported so someone can fill the date in. */
  undated: string[];
  events: ReportEventLine[];
  /** Held (up to today) and still planned within the period, by kind. */
  meetings: { kind: string; count: number; planned: number }[];
  pamphlets: PamphletIssue[];
}

export const MEETING_KINDS = ['企画会議', '定例会', '報告会', '合同説明会'] as const;
export const OTHER_MEETING = 'その他の会議';
const EVENT_LIKE_KINDS = new Set(['セミナー', 'ワークショップ']);
const THEME_QUESTION = '今後希望するテーマ';
const WAITLISTED = 'キャンセル待ち';
/** Ledger states of registrations holding a place (取消 and キャンセル待ち do not). */
const PLACED_STATES = new Set(['申込', '']);

function within(d: CivilDate, start: CivilDate, end: CivilDate): boolean {
  return compareDates(d, start) >= 0 && compareDates(d, end) <= 0;
}

/** The fiscal year containing `today` (April–March), the report's default period. */
export function defaultPeriod(today: CivilDate): Period {
  const fy = fiscalYearOf(today);
  return { start: fy.start, end: fy.end, label: fy.label };
}

/** A period chosen by the coordinator; null when the end is before the start. */
export function customPeriod(start: CivilDate, end: CivilDate): Period | null {
  if (compareDates(start, end) > 0) return null;
  const fyStart = fiscalYearOf(start);
  if (compareDates(fyStart.start, start) === 0 && compareDates(fyStart.end, end) === 0) return { start, end, label: fyStart.label };
  return { start, end, label: `${formatSeireki(start, false)}〜${formatSeireki(end, false)}` };
}

/** 「2025年4月1日〜2026年3月31日」 and 「令和7年4月1日〜令和8年3月31日」. */
export function periodText(p: Period): { seireki: string; wareki: string } {
  return {
    seireki: `${formatSeireki(p.start, false)}〜${formatSeireki(p.end, false)}`,
    wareki: `${formatWareki(p.start)}〜${formatWareki(p.end)}`,
  };
}

/** 2025年8月1日(金)（令和7年8月1日） */
export function bothCalendars(d: CivilDate): string {
  return `${formatSeireki(d)}（${formatWareki(d)}）`;
}

/** Which kind a 会議 row is, from its name. */
export function meetingKind(title: string): string {
  const t = title.normalize('NFKC');
  for (const kind of MEETING_KINDS) if (t.includes(kind)) return kind;
  if (t.includes('企画')) return '企画会議';
  if (t.includes('定例')) return '定例会';
  if (t.includes('報告')) return '報告会';
  if (t.includes('説明会')) return '合同説明会';
  return OTHER_MEETING;
}

/**
 * The dates a 会議 row meets on, from its first date, up to `until`: 繰り返し read by the one grammar
 * (domain/recurrence.ts) the meetings feature writes to Calendar; a text it does not understand counts as one meeting.
 */
export function meetingDates(start: CivilDate, recurrence: string, until: CivilDate): CivilDate[] {
  return occurrences(start, parseRecurrence(recurrence) ?? null, until);
}

function highlight(s: SurveySummary): SurveyHighlight {
  const withMean = s.scales.filter((x) => x.mean !== null);
  const first = s.scales[0];
  const best = withMean.reduce<(typeof withMean)[number] | null>((b, x) => (b === null || x.mean! > b.mean! ? x : b), null);
  const themes = s.choices.find((c) => c.title === THEME_QUESTION);
  return {
    responses: s.responses,
    responseRate: s.responseRate,
    headline: first ? { title: first.title, mean: first.mean, topShare: first.topShare } : null,
    best: best ? { title: best.title, mean: best.mean! } : null,
    topThemes: themes ? [...themes.counts].filter((c) => c.count > 0).sort((a, b) => b.count - a.count).slice(0, 3) : [],
  };
}

export function buildActivityReport(input: ReportInput): ActivityReport {
  const { period } = input;
  const heldUntil = compareDates(input.today, period.end) < 0 ? input.today : period.end;
  const undated = input.agencies.filter((a) => a.joinedOn === null);
  const membersAtStart = input.agencies.filter((a) => a.joinedOn === null || compareDates(a.joinedOn, period.start) < 0).length;
  const membersAtEnd = input.agencies.filter((a) => a.joinedOn === null || compareDates(a.joinedOn, period.end) <= 0).length;
  const joined = input.agencies
    .filter((a) => a.joinedOn !== null && within(a.joinedOn, period.start, period.end))
    .map((a) => ({ name: a.name, kind: a.kind, joinedOn: a.joinedOn! }))
    .sort((a, b) => compareDates(a.joinedOn, b.joinedOn));

  const agencyById = new Map(input.agencies.map((a) => [a.id, a]));
  const registryOrder = new Map(input.agencies.map((a, i) => [a.id, i]));
  const held = input.events.filter((e) => e.start !== null && e.status !== '中止' && within(e.start, period.start, heldUntil));
  const events: ReportEventLine[] = held
    .filter((e) => EVENT_LIKE_KINDS.has(e.kind) || input.ledger.some((r) => r.eventId === e.id))
    .sort((a, b) => compareDates(a.start!, b.start!))
    .map((e) => {
      const own = input.ledger.filter((r) => r.eventId === e.id);
      const placed = own.filter((r) => PLACED_STATES.has(r.status.trim()));
      const waitlisted = own.filter((r) => r.status.trim() === WAITLISTED);
      // A participant held a place, or came from the waiting list and was checked in at the door.
      const rows = [...placed, ...waitlisted.filter((r) => r.attended)];
      const attended = rows.filter((r) => r.attended).length;
      const memberIds = [...new Set(rows.map((r) => r.agency.trim()).filter((id) => agencyById.has(id)))];
      memberIds.sort((a, b) => registryOrder.get(a)! - registryOrder.get(b)!);
      const survey = input.surveys[e.id];
      return {
        id: e.id, kind: e.kind, title: e.title, date: e.start!,
        participants: rows.length, registered: placed.length, waitlisted: waitlisted.length, attended, checkedIn: attended > 0,
        agencies: memberIds.map((id) => agencyById.get(id)!.name),
        nonMemberParticipants: rows.filter((r) => !agencyById.has(r.agency.trim())).length,
        survey: survey ? highlight(survey) : null,
      };
    });

  // Held: up to today; planned: after today, still inside the period (a report written mid-year shows both).
  const heldCounts = new Map<string, number>();
  const planned = new Map<string, number>();
  const bump = (into: Map<string, number>, kind: string, n: number) => { if (n > 0) into.set(kind, (into.get(kind) ?? 0) + n); };
  const isMeetingKind = (k: string) => !EVENT_LIKE_KINDS.has(k) && (MEETING_KINDS as readonly string[]).includes(k);
  for (const e of input.events) {
    if (e.start === null || e.status === '中止' || !isMeetingKind(e.kind) || !within(e.start, period.start, period.end)) continue;
    bump(compareDates(e.start, heldUntil) <= 0 ? heldCounts : planned, e.kind, 1);
  }
  for (const m of input.meetings) {
    if (m.start === null || m.status === '中止') continue;
    const dates = meetingDates(m.start, m.recurrence, period.end).filter((d) => within(d, period.start, period.end));
    bump(heldCounts, meetingKind(m.title), dates.filter((d) => compareDates(d, heldUntil) <= 0).length);
    bump(planned, meetingKind(m.title), dates.filter((d) => compareDates(d, heldUntil) > 0).length);
  }
  const kindOrder = [...MEETING_KINDS, OTHER_MEETING] as string[];
  const meetings = [...new Set([...heldCounts.keys(), ...planned.keys()])]
    .sort((a, b) => kindOrder.indexOf(a) - kindOrder.indexOf(b))
    .map((kind) => ({ kind, count: heldCounts.get(kind) ?? 0, planned: planned.get(kind) ?? 0 }));

  return {
    period,
    membersAtStart,
    membersAtEnd,
    confirmed: input.agencies.filter((a) => a.confirmedOn && within(a.confirmedOn, period.start, period.end)).length,
    joined,
    undated: undated.map((a) => a.name),
    events,
    meetings,
    pamphlets: input.pamphlets.filter((p) => within(p.on, period.start, period.end)).sort((a, b) => compareDates(a.on, b.on)),
  };
}

/**
 * The report as placeholder values for the Docs template: global fields, and one record per repeated block
 * (行事, 加入団体, 会議). Every value is final display text.
 */
export interface ReportFields {
  global: Record<string, string>;
  blocks: Record<'行事' | '加入団体' | '会議' | 'パンフレット', Record<string, string>[]>;
}

export const REPORT_GLOBAL_FIELDS = [
  'ネットワーク名', '年度', '対象期間', '対象期間和暦', '作成日', '期首団体数', '期末団体数', '加入団体数', '掲載情報確認団体数', '行事数', '延べ参加者数', '会議数', 'パンフレット発行',
  '受講者数', '受講延べ回数', '受講団体数', '参加証明書発行数',
  // 企業相談 (issue 17): counts only; a company is named only when it agreed to be (domain/consultations.ts).
  '企業相談件数', '企業相談_内容別', '企業相談_業種別', '企業相談_結果別', '企業相談_初回対応日数', '企業相談_掲載企業',
] as const;
export const REPORT_BLOCK_FIELDS = {
  行事: ['行事名', '種類', '開催日', '開催日和暦', '参加者数', '申込者数', 'キャンセル待ち数', '出席者数', '参加団体数', '参加団体', '会員外参加者数', 'アンケート回答数', '回答率', '満足度', '満足度上位割合', '最も高い評価', '希望テーマ'],
  加入団体: ['団体名', '団体種別', '加入日', '加入日和暦'],
  会議: ['会議の種類', '開催回数', '予定回数'],
  パンフレット: ['発行日', '発行日和暦', '文書名'],
} as const;

/** `training`: the 受講記録 of the period's events as counts, never names (training-counts.ts). */
export function reportFields(report: ActivityReport, networkName: string, today: CivilDate, training?: TrainingCounts, consult?: Figures): ReportFields {
  const p = periodText(report.period);
  const counts = (xs: [string, number][] = []) => xs.map(([k, n]) => `${k} ${n}件`).join('、') || 'なし';
  const participantsTotal = report.events.reduce((s, e) => s + e.participants, 0);
  const meetingsTotal = report.meetings.reduce((s, m) => s + m.count, 0);
  return {
    global: {
      ネットワーク名: networkName,
      年度: report.period.label,
      対象期間: p.seireki,
      対象期間和暦: p.wareki,
      作成日: bothCalendars(today),
      期首団体数: String(report.membersAtStart),
      期末団体数: String(report.membersAtEnd),
      加入団体数: String(report.joined.length),
      掲載情報確認団体数: String(report.confirmed ?? 0),
      行事数: String(report.events.length),
      延べ参加者数: String(participantsTotal),
      会議数: String(meetingsTotal),
      パンフレット発行: report.pamphlets.length ? `${report.pamphlets.length}回（最新 ${formatSeireki(report.pamphlets[report.pamphlets.length - 1]!.on, false)}）` : 'なし',
      受講者数: String(training?.peopleTrained ?? 0),
      受講延べ回数: String(training?.attendances ?? 0),
      受講団体数: String(training?.agenciesWithStaffTrained ?? 0),
      参加証明書発行数: String(training?.certificatesIssued ?? 0),
      企業相談件数: String(consult?.total ?? 0),
      企業相談_内容別: counts(consult?.byTopic),
      企業相談_業種別: counts(consult?.byIndustry),
      企業相談_結果別: counts(consult?.byStatus),
      企業相談_初回対応日数: String(consult?.medianDaysToFirstContact ?? '—'),
      企業相談_掲載企業: consult?.namedCompanies.join('、') || 'なし',
    },
    blocks: {
      行事: report.events.map((e) => ({
        行事名: e.title,
        種類: e.kind,
        開催日: formatSeireki(e.date),
        開催日和暦: formatWareki(e.date),
        参加者数: String(e.participants),
        申込者数: String(e.registered),
        キャンセル待ち数: e.waitlisted ? String(e.waitlisted) : '',
        出席者数: e.checkedIn ? String(e.attended) : '',
        参加団体数: String(e.agencies.length),
        参加団体: e.agencies.join('、'),
        会員外参加者数: e.nonMemberParticipants ? String(e.nonMemberParticipants) : '',
        アンケート回答数: e.survey ? String(e.survey.responses) : '',
        回答率: e.survey ? formatShare(e.survey.responseRate) : '',
        満足度: e.survey?.headline ? formatMean(e.survey.headline.mean) : '',
        満足度上位割合: e.survey?.headline ? formatShare(e.survey.headline.topShare) : '',
        最も高い評価: e.survey?.best ? `${e.survey.best.title}（${formatMean(e.survey.best.mean)}）` : '',
        希望テーマ: e.survey ? e.survey.topThemes.map((t) => `${t.choice}（${t.count}）`).join('・') : '',
      })),
      加入団体: report.joined.map((j) => ({
        団体名: j.name, 団体種別: j.kind, 加入日: formatSeireki(j.joinedOn, false), 加入日和暦: formatWareki(j.joinedOn),
      })),
      会議: report.meetings.map((m) => ({ 会議の種類: m.kind, 開催回数: `${m.count}回`, 予定回数: m.planned ? `${m.planned}回` : '' })),
      パンフレット: report.pamphlets.map((x) => ({ 発行日: formatSeireki(x.on, false), 発行日和暦: formatWareki(x.on), 文書名: x.name })),
    },
  };
}
