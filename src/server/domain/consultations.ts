/**
 * 企業相談 (issue 17): a company's inquiry, its statuses, the routing rule and the figures the report may show. Pure.
 *
 * The routing rule, in the order it ranks (each candidate carries one reason per step, as data the sidebar words):
 *   0. filters — an agency is a candidate only if its 紹介受付 says 受ける and it offers (企業向け支援) at least one
 *      of the kinds of support the company asks for (TOPIC_SERVICES). Nothing else ever excludes an agency.
 *   1. more of the asked-for topics covered first;
 *   2. more of the named kinds of disability (対象障害) covered first (not a step when the company names none);
 *   3. proximity: same 区市町村, then a neighbour (設定「企業相談_近隣」), then elsewhere;
 *   4. load: fewer open inquiries (担当決定 or 対応中) assigned to it first;
 *   5. its id, so that the order is total and the same on every run.
 */
import { CONSULTATIONS, EMPLOYER_SERVICES, DISABILITY_TYPES } from './schema';
import type { QuestionSpec, Answers } from './registration';
import { MailKind, MailTemplate, PlannedMail, parseSendLog } from './mail';
import { isEmail } from './email';
import { fillLines } from './template';

export const CONSULTATION_STATUSES = ['受付', '担当決定', '対応中', '完了', '対応不可'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];
/** Statuses that count as an agency's load and that follow-up watches. */
export const OPEN_STATUSES: readonly string[] = ['担当決定', '対応中'];
export const CLOSED_STATUSES: readonly string[] = ['完了', '対応不可'];
/** What an agency may set through its status link. */
export const AGENCY_STATUSES = ['対応中', '完了', '対応不可'] as const;

export const TOPICS = ['障害者雇用の検討', '職場実習の受入', '定着支援', '助成金・制度', '見学', 'その他'] as const;
type Service = (typeof EMPLOYER_SERVICES)[number];
/** Which 企業向け支援 answers each topic: an agency offering any one of them covers the topic. */
export const TOPIC_SERVICES: Readonly<Record<(typeof TOPICS)[number], readonly Service[]>> = {
  障害者雇用の検討: ['雇用相談', '職場開拓'],
  職場実習の受入: ['職場実習'],
  定着支援: ['定着支援', 'ジョブコーチ'],
  '助成金・制度': ['助成金相談'],
  見学: ['見学受入'],
  その他: ['雇用相談'],
};
export const INDUSTRIES = ['製造業', '卸売・小売業', '医療・福祉', '情報通信業', '運輸・物流業', '建設業', '飲食・宿泊業', 'サービス業', '公務', 'その他'];
export const REFERRAL_YES = '受ける';
/** Answers to the two consent questions that mean yes. */
export const SHARE_YES = '同意する';
export const NAME_YES = '掲載してよい';

/**
 * A 企業相談 row as read (CONSULTATIONS keys): text trimmed, dates as Date or null. 相談内容 and 対象障害 stay as
 * typed (「;」 or 「, 」 separated); the functions below split them.
 */
export interface Inquiry {
  number: string; status: string; agencyId: string; receivedAt: Date | null; firstContactAt: Date | null; changedAt: Date | null;
  company: string; industry: string; municipality: string; topics: string; disabilities: string; shareConsent: string; nameConsent: string; token: string;
}

/** A 団体 row as routing reads it: 企業向け支援 and 対象障害 as typed. */
export interface RoutingAgency { id: string; name: string; address: string; services: string; disabilities: string; referrals: string }

export type Reason =
  | { kind: 'topics'; covered: string[]; missing: string[] }
  | { kind: 'disabilities'; covered: string[]; missing: string[] }
  | { kind: 'proximity'; level: 0 | 1 | 2; municipality: string }
  | { kind: 'load'; open: number };

export interface Candidate { agencyId: string; agency: string; reasons: Reason[] }
export interface Excluded { agencyId: string; agency: string; why: 'noReferrals' | 'noService' }

/** Splits a multi-valued answer: Google writes a checkbox answer as 「a, b」; volunteers type ; 、 ・ too. */
export function splitMulti(text: string): string[] {
  return text.split(/\s*[;；、,，]\s*/).map((s) => s.trim()).filter(Boolean);
}

/** The 区市町村 of an address or of what a company typed (東京都千代田区神田… → 千代田区; 横浜市港北区 → 横浜市). */
export function municipalityOf(address: string): string {
  const a = address.replace(/[\s\u3000]/g, '').replace(/^(東京都|北海道|京都府|大阪府|.{2,3}県)/, '');
  const m = /^(?:.{1,5}郡)?(.+?[市区町村])/.exec(a);
  return m ? m[1]! : a;
}

/**
 * 設定「企業相談_近隣」: 「千代田区=中央区、港区; 中央区=千代田区」. Neighbourhood is symmetric (A names B: B's
 * neighbours include A). Unreadable parts are ignored and returned so the sidebar can say which.
 */
export function parseNeighbours(text: string): { map: Map<string, Set<string>>; unread: string[] } {
  const map = new Map<string, Set<string>>();
  const unread: string[] = [];
  const add = (a: string, b: string) => { if (a !== b) { if (!map.has(a)) map.set(a, new Set()); map.get(a)!.add(b); } };
  for (const part of text.split(/[;；\n]/).map((s) => s.trim()).filter(Boolean)) {
    const m = /^([^=＝:：]+)[=＝:：](.*)$/.exec(part);
    if (!m) { unread.push(part); continue; }
    const place = municipalityOf(m[1]!);
    for (const n of m[2]!.split(/[、,，・\s]+/).map((s) => s.trim()).filter(Boolean).map(municipalityOf)) { add(place, n); add(n, place); }
  }
  return { map, unread };
}

/** Open inquiries assigned to each agency. */
export function loadByAgency(inquiries: readonly Pick<Inquiry, 'agencyId' | 'status'>[]): Map<string, number> {
  const load = new Map<string, number>();
  for (const i of inquiries) if (i.agencyId !== '' && OPEN_STATUSES.includes(i.status)) load.set(i.agencyId, (load.get(i.agencyId) ?? 0) + 1);
  return load;
}

/** The topics asked for (その他 when none is readable): what an agency must offer one of to be a candidate. */
const askedTopics = (inquiry: Pick<Inquiry, 'topics'>) => {
  const topics = splitMulti(inquiry.topics).filter((t) => t in TOPIC_SERVICES) as (keyof typeof TOPIC_SERVICES)[];
  return topics.length ? topics : (['その他'] as const);
};

/** The asked-for topics an agency covers; null when it is not a candidate at all (step 0 of the rule). */
export function coveredTopics(inquiry: Pick<Inquiry, 'topics'>, agency: Pick<RoutingAgency, 'referrals' | 'services'>): string[] | null {
  const services = splitMulti(agency.services);
  const covered = askedTopics(inquiry).filter((t) => TOPIC_SERVICES[t].some((s) => services.includes(s)));
  return agency.referrals.trim() === REFERRAL_YES && covered.length ? covered : null;
}

/**
 * The ranked candidates for one inquiry, each with its reasons, and every other agency with why it is not one. Only
 * the sidebar ranks (src/client/consultation-view.ts); the server checks an assignment with coveredTopics.
 */
export function rankCandidates(
  inquiry: Pick<Inquiry, 'topics' | 'disabilities' | 'municipality'>, agencies: readonly RoutingAgency[], neighbours: ReadonlyMap<string, ReadonlySet<string>>,
  load: ReadonlyMap<string, number>,
): { candidates: Candidate[]; excluded: Excluded[] } {
  const asked = askedTopics(inquiry);
  const wanted = splitMulti(inquiry.disabilities).filter((d) => (DISABILITY_TYPES as readonly string[]).includes(d));
  const place = municipalityOf(inquiry.municipality);
  const scored: { c: Candidate; key: number[] }[] = [];
  const excluded: Excluded[] = [];
  for (const a of agencies) {
    const covered = coveredTopics(inquiry, a);
    if (!covered) { excluded.push({ agencyId: a.id, agency: a.name, why: a.referrals.trim() !== REFERRAL_YES ? 'noReferrals' : 'noService' }); continue; }
    const reasons: Reason[] = [{ kind: 'topics', covered, missing: asked.filter((t) => !covered.includes(t)) }];
    const dCovered = wanted.filter((d) => splitMulti(a.disabilities).includes(d));
    if (wanted.length) reasons.push({ kind: 'disabilities', covered: dCovered, missing: wanted.filter((d) => !dCovered.includes(d)) });
    const municipality = municipalityOf(a.address);
    const level = place !== '' && municipality === place ? 0 : place !== '' && neighbours.get(place)?.has(municipality) ? 1 : 2;
    reasons.push({ kind: 'proximity', level, municipality });
    const open = load.get(a.id) ?? 0;
    reasons.push({ kind: 'load', open });
    scored.push({ c: { agencyId: a.id, agency: a.name, reasons }, key: [-covered.length, -dCovered.length, level, open] });
  }
  scored.sort((x, y) => {
    for (let i = 0; i < x.key.length; i++) if (x.key[i] !== y.key[i]) return x.key[i]! - y.key[i]!;
    return x.c.agencyId < y.c.agencyId ? -1 : x.c.agencyId > y.c.agencyId ? 1 : 0;
  });
  return { candidates: scored.map((s) => s.c), excluded };
}

/** 設定「企業相談_自動割当」: on only when it says する (or yes/true/on), so a typo leaves the coordinator in charge. */
export const autoAssignOn = (value: string) => /^(する|yes|true|on)$/i.test(value.normalize('NFKC').trim());

/**
 * Automatic assignment: each newly filed inquiry whose company agreed to share gets its first-ranked candidate (the
 * same rule as the sidebar's), the load counting the assignments made before it in the same batch. One without a
 * candidate is not in the map: it stays 受付 and the sidebar lists it for the coordinator.
 */
export function autoAssign(
  filed: readonly Inquiry[], all: readonly Inquiry[], agencies: readonly RoutingAgency[], neighbours: ReadonlyMap<string, ReadonlySet<string>>,
): Map<string, Candidate> {
  const load = loadByAgency(all);
  const out = new Map<string, Candidate>();
  for (const i of filed) {
    const c = i.shareConsent === SHARE_YES ? rankCandidates(i, agencies, neighbours, load).candidates[0] : undefined;
    if (c) { out.set(i.number, c); load.set(c.agencyId, (load.get(c.agencyId) ?? 0) + 1); }
  }
  return out;
}

/** The next 受付番号: K-0001, K-0002, … (one more than any used, including numbers whose rows were deleted). */
export function nextNumber(used: Iterable<string>): string {
  let max = 0;
  for (const u of used) {
    const m = /^K-(\d+)$/.exec(u.trim());
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `K-${String(max + 1).padStart(4, '0')}`;
}

export interface StatusSubmission { responseKey: string; submittedAt: Date; number: string; token: string; status: string; note: string }

export type StatusOutcome =
  | { kind: 'applied'; responseKey: string; number: string; status: string; note: string; at: Date; firstContact: boolean }
  | { kind: 'refused'; responseKey: string; number: string; why: 'unknown' | 'token' | 'closed' | 'status' };

/**
 * Which status answers to apply. A link works only for its own inquiry and assignment: the 確認コード must equal, as
 * the same string (no normalising, so no two codes can meet), the token written when that inquiry was assigned to that
 * agency; re-assigning writes a new token, so the previous agency's link stops working. An inquiry already closed
 * (完了／対応不可) is not reopened by a link. Answers handled before (`handled`) are skipped: a duplicate firing or a
 * re-run applies each once, and a status a coordinator set by hand afterwards stays.
 */
export function planStatusUpdates(inquiries: readonly Inquiry[], submissions: readonly StatusSubmission[], handled: ReadonlySet<string>): StatusOutcome[] {
  const byNumber = new Map(inquiries.map((i) => [i.number, { ...i }]));
  const out: StatusOutcome[] = [];
  for (const s of [...submissions].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime())) {
    if (handled.has(s.responseKey) || (s.number === '' && s.token === '')) continue;
    const number = s.number.normalize('NFKC').trim().toUpperCase();
    const i = byNumber.get(number);
    const status = s.status.trim();
    const why = !i ? 'unknown' : i.token === '' || s.token.trim() !== i.token ? 'token' : !OPEN_STATUSES.includes(i.status) ? 'closed'
      : !(AGENCY_STATUSES as readonly string[]).includes(status) ? 'status' : null;
    if (why) { out.push({ kind: 'refused', responseKey: s.responseKey, number, why }); continue; }
    // The first update that is not 対応不可 is the first contact (at most one per inquiry).
    const firstContact = i!.firstContactAt === null && status !== '対応不可';
    if (firstContact) i!.firstContactAt = s.submittedAt;
    i!.status = status;
    out.push({ kind: 'applied', responseKey: s.responseKey, number, status, note: s.note, at: s.submittedAt, firstContact });
  }
  return out;
}

/** Inquiries not closed whose status has not changed for `days` days (since 受付 when it never changed). */
export function overdue(inquiries: readonly Inquiry[], now: Date, days: number): Inquiry[] {
  const limit = now.getTime() - days * 86_400_000;
  return inquiries.filter((i) => !CLOSED_STATUSES.includes(i.status) && i.number !== '' && (i.changedAt ?? i.receivedAt ?? now).getTime() <= limit);
}

export interface Figures {
  total: number;
  byTopic: [string, number][];
  byIndustry: [string, number][];
  byStatus: [string, number][];
  /** Median whole days from 受付 to the agency's first status update; null when none was contacted. */
  medianDaysToFirstContact: number | null;
  /** Only companies that answered 掲載してよい, 五十音 order; everything else stays a count. */
  namedCompanies: string[];
}

const tally = (values: readonly string[], order: readonly string[]): [string, number][] => {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return [...counts].sort((a, b) => rank(a[0]) - rank(b[0]) || (a[0] < b[0] ? -1 : 1));
};

/** The report's figures for the inquiries received in [from, to] (dates inclusive by time). No names, no contacts. */
export function consultationFigures(inquiries: readonly Inquiry[], from: Date, to: Date): Figures {
  const within = inquiries.filter((i) => i.receivedAt !== null && i.receivedAt >= from && i.receivedAt <= to);
  const days = within
    .filter((i) => i.firstContactAt !== null)
    .map((i) => Math.max(0, Math.floor((i.firstContactAt!.getTime() - i.receivedAt!.getTime()) / 86_400_000)))
    .sort((a, b) => a - b);
  const mid = days.length >> 1;
  return {
    total: within.length,
    byTopic: tally(within.flatMap((i) => splitMulti(i.topics)), TOPICS),
    byIndustry: tally(within.map((i) => i.industry || 'その他'), INDUSTRIES),
    byStatus: tally(within.map((i) => i.status || '受付'), CONSULTATION_STATUSES),
    medianDaysToFirstContact: days.length === 0 ? null : days.length % 2 ? days[mid]! : (days[mid - 1]! + days[mid]!) / 2,
    namedCompanies: [...new Set(within.filter((i) => i.nameConsent === NAME_YES && i.company.trim() !== '').map((i) => i.company.trim()))].sort((a, b) => a.localeCompare(b, 'ja')),
  };
}

// ---------- the forms ----------

/**
 * The company form: each question's title is its 企業相談 column's header, so an answer is filed by matching titles to
 * headers (fileAnswers) and nothing is listed twice. [column key, type, required, choices, help text].
 */
type Spec = [string, QuestionSpec['type'], 0 | 1, (readonly string[])?, string?][];
const INTAKE: Spec = [
  ['company', 'TEXT', 1], ['industry', 'LIST', 1, INDUSTRIES], ['municipality', 'TEXT', 1, undefined, '区市町村（例: 千代田区）'], ['role', 'TEXT', 0],
  ['contactName', 'TEXT', 0], ['email', 'TEXT', 1], ['phone', 'TEXT', 0], ['size', 'MULTIPLE_CHOICE', 0, ['43人以下', '44〜99人', '100〜299人', '300人以上']],
  ['topics', 'CHECKBOX', 1, TOPICS], ['disabilities', 'CHECKBOX', 0, DISABILITY_TYPES], ['urgency', 'MULTIPLE_CHOICE', 0, ['1週間以内', '1か月以内', '情報収集']],
  ['details', 'PARAGRAPH_TEXT', 0], ['shareConsent', 'MULTIPLE_CHOICE', 1, [SHARE_YES, '同意しない'], '担当する会員団体1つに相談内容を伝えてよいか'],
  ['nameConsent', 'MULTIPLE_CHOICE', 1, [NAME_YES, '掲載しない'], '活動報告に社名を載せてよいか（件数は社名なしで数えます）'],
];
/** The status form an assigned agency answers through its prefilled link: 受付番号, 確認コード, 状態, 対応メモ. */
const STATUS: Spec = [['number', 'TEXT', 1], ['token', 'TEXT', 1], ['status', 'MULTIPLE_CHOICE', 1, AGENCY_STATUSES], ['note', 'PARAGRAPH_TEXT', 0]];
export const header = (key: string) => CONSULTATIONS.columns.find((c) => c.key === key)!.header;

const questions = (spec: Spec): QuestionSpec[] => spec.map(([key, type, required, choices, helpText]) => ({
  title: header(key), type, required: required === 1, ...(choices ? { choices: [...choices] } : {}), ...(helpText ? { helpText } : {}), ...(key === 'email' ? { email: true } : {}),
}));
export const intakeQuestions = () => questions(INTAKE);
export const statusQuestions = () => questions(STATUS);

/** A form's answers (titles = headers) by column key, trimmed; lists kept 「;」-separated. */
function answersOf(spec: Spec, a: Answers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key] of spec) {
    const v = (a[header(key)] ?? '').trim();
    out[key] = key === 'topics' || key === 'disabilities' ? splitMulti(v).join(';') : v;
  }
  return out;
}
export const fileAnswers = (a: Answers) => answersOf(INTAKE, a);

export function statusFromAnswers(responseKey: string, submittedAt: Date, a: Answers): StatusSubmission {
  const { number = '', token = '', status = '', note = '' } = answersOf(STATUS, a);
  return { responseKey, submittedAt, number, token, status, note };
}

/** A status link: the form's prefilled link made once with placeholders, filled per inquiry (no Forms call each). */
export const LINK_NUMBER = 'KNUMBERX';
export const LINK_TOKEN = 'KTOKENX';
export function statusLink(template: string, number: string, token: string): string {
  return template.replace(LINK_NUMBER, encodeURIComponent(number)).replace(LINK_TOKEN, encodeURIComponent(token));
}

// ---------- mail (the participant mail engine sends it: workspace/mail.ts sendPlanned) ----------

/** An agency as the assignment mails need it. */
export interface MailAgency { id: string; name: string; email: string; contact: string }

/**
 * The assignment mails not yet sent, for the one mail engine: to the assigned agency, what the company wrote and its
 * status link; to the company (it agreed to share, or it would not be assigned), the agency that will contact it. A
 * mail's id names the assignment (受付番号 and the first 8 characters of its 確認コード), and 送信記録 records it with
 * those 8 characters: a re-run sends nothing twice, a re-assignment mails the new agency. Texts: メール文面 (filled by
 * the one template engine; a line whose placeholders are all empty is left out).
 */
export function consultationMails(
  inquiries: readonly (Inquiry & { email: string; mailLog: string })[], agencies: readonly MailAgency[],
  templates: Readonly<Record<MailKind, MailTemplate>>, settings: { networkName: string; contact: string },
  /** Follow-up: only the agency's mail of this inquiry again (【再送】), once per overdue period (its tag ends -<period>). */
  remind?: { number: string; period: number },
): PlannedMail[] {
  const out: PlannedMail[] = [];
  for (const i of inquiries) {
    const agency = agencies.find((a) => a.id === i.agencyId);
    if (!agency || !OPEN_STATUSES.includes(i.status) || i.token === '' || (remind && remind.number !== i.number)) continue;
    const tag = i.token.slice(0, 8) + (remind ? `-${remind.period}` : '');
    const logged = parseSendLog(i.mailLog).records;
    // The placeholders are the sheet's headers (text columns; never the 確認コード, which is in the link only).
    const values: Record<string, string> = Object.fromEntries(CONSULTATIONS.columns.filter((c) => 'text' in c && c.key !== 'token').map((c) => {
      const v = String((i as never as Record<string, unknown>)[c.key] ?? '');
      return [c.header, c.key === 'topics' || c.key === 'disabilities' ? splitMulti(v).join('、') : v];
    }));
    Object.assign(values, { 担当団体: agency.name, 担当団体の連絡先: agency.contact, ネットワーク名: settings.networkName, 問い合わせ先: settings.contact });
    for (const [kind, to] of [['consult-agency', agency.email], ['consult-company', remind ? '' : i.email]] as const) {
      if (!isEmail(to) || logged.some((r) => r.kind === kind && r.at.endsWith(tag))) continue;
      const template = templates[kind];
      out.push({
        id: `${i.number}:${tag}|${kind}`, responseId: '', eventId: '', kind, to,
        subject: (remind ? '【再送】' : '') + fillLines(template.subject, values).replace(/[\r\n]+/g, ' '), body: fillLines(template.body, values), withIcs: false,
      });
    }
  }
  return out;
}

