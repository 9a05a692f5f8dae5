/**
 * 企業相談 (issue 17) as the sidebar shows it: the rows rpcListConsultations returns, turned back into the domain's
 * inquiries, ranked with their reasons, follow-up and figures — all here, none of it in dist/Code.js. Pure apart from
 * the sidebar's catalogue (no DOM), so the demo words the reasons with it too.
 */
import {
  CLOSED_STATUSES, Candidate, Inquiry, Reason, RoutingAgency, consultationFigures, loadByAgency, overdue, parseNeighbours, rankCandidates,
} from '../server/domain/consultations';
import { t } from './i18n';

export interface ListedConsultations {
  neighbours: string; followUpDays: string; now: string; agencies: RoutingAgency[]; consultations: Record<string, string>[];
}

const date = (iso: string | undefined) => (iso ? new Date(iso) : null);

export function inquiryOf(row: Record<string, string>): Inquiry & { agency: string; statusLink: string; urgency: string } {
  return {
    number: row.number ?? '', status: row.status ?? '', agencyId: row.agencyId ?? '', agency: row.agency ?? '', receivedAt: date(row.receivedAt),
    firstContactAt: date(row.firstContactAt), changedAt: date(row.changedAt), company: row.company ?? '', industry: row.industry ?? '',
    municipality: row.municipality ?? '', topics: row.topics ?? '', disabilities: row.disabilities ?? '', shareConsent: row.shareConsent ?? '',
    nameConsent: row.nameConsent ?? '', token: '', statusLink: row.statusLink ?? '', urgency: row.urgency ?? '',
  };
}

/** Each inquiry with its ranked candidates (an inquiry's own assignment is not counted in the load it is ranked on). */
export function viewOf(list: ListedConsultations) {
  const inquiries = list.consultations.map(inquiryOf);
  const neighbours = parseNeighbours(list.neighbours).map;
  const now = new Date(list.now);
  const days = Math.max(1, Number(list.followUpDays.normalize('NFKC')) || 7);
  const late = new Set(overdue(inquiries, now, days).map((i) => i.number));
  const year = now.getMonth() >= 3 ? now.getFullYear() : now.getFullYear() - 1;
  return {
    days,
    figures: consultationFigures(inquiries, new Date(year, 3, 1), new Date(year + 1, 2, 31, 23, 59, 59)),
    inquiries: inquiries.map((i) => ({
      ...i, overdue: late.has(i.number), open: !CLOSED_STATUSES.includes(i.status),
      ...(i.shareConsent === '同意する' ? rankCandidates(i, list.agencies, neighbours, loadByAgency(inquiries.filter((o) => o !== i))) : { candidates: [] as Candidate[], excluded: [] }),
    })),
  };
}

/**
 * One month's figures for the coordinator's monthly summary (`month` yyyy-mm, the sidebar's clock): the inquiries
 * received that month by status and 相談内容 — the same counting as the report's, no names.
 */
export function monthFigures(list: Pick<ListedConsultations, 'consultations'>, month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return consultationFigures(list.consultations.map(inquiryOf), new Date(y, m - 1, 1), new Date(y, m, 0, 23, 59, 59, 999));
}

const LEVEL = ['consult.same', 'consult.neighbour', 'consult.elsewhere'] as const;

/** One reason as a sentence: what the agency offers of what was asked, 対象障害, where it is, its open inquiries. */
export function reasonText(r: Reason): string {
  switch (r.kind) {
    case 'topics': return t('consult.topics', { covered: r.covered.join('・'), missing: r.missing.length ? t('consult.missing', { list: r.missing.join('・') }) : '' });
    case 'disabilities': return t('consult.disabilities', { covered: r.covered.join('・') || t('common.none'), missing: r.missing.length ? t('consult.missing', { list: r.missing.join('・') }) : '' });
    case 'proximity': return t(LEVEL[r.level], { place: r.municipality || '?' });
    case 'load': return t('consult.open', { open: r.open });
  }
}
