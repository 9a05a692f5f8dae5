/**
 * On the day (issue 15, items 5 and 9): the printable 受付名簿 as plain document data, the self check-in form's
 * questions, matching a check-in to its ledger row, and the check-in counts. Pure.
 *
 * Self check-in goes through a Google Form (one per event, made like the registration form): a participant scans the
 * QR code, types their e-mail or 受付番号, and the spreadsheet form-submit trigger the add-on already has records it.
 * A prefilled link would need one link per person (nothing to print on a poster); a web app would need a deployment
 * and a scope the add-on does not hold. A form needs nothing beyond `forms` and the existing trigger.
 */
import type { QuestionSpec } from './registration';
import { normaliseFurigana, normaliseName } from './registration';
import { isEmail as isValidEmail, normaliseEmail } from './email';
import type { FormSubmission, LedgerRow } from './ledger';
import { LEDGER_STATUS } from './ledger';
import { sortByReading } from './gojuon';
import type { DocItem } from './doc-requests';

export const WALK_IN_ROUTE = '当日';

/** The check-in form's questions; the three after the first are for people who did not register. */
export const CHECK_IN_TITLES = {
  key: 'メールアドレスまたは受付番号',
  name: '氏名（当日参加の方）',
  furigana: 'ふりがな（当日参加の方）',
  agency: '所属（当日参加の方）',
} as const;

/** The form's description and what a participant sees after sending (form texts are data, like the other forms'). */
export const CHECK_IN_LEAD = '会場受付です。申込のメールアドレスまたは受付番号を入力してください。';
export const CHECK_IN_CONFIRMATION = '受付しました。会場へお進みください。';

export function checkInQuestions(): QuestionSpec[] {
  return [
    { type: 'TEXT', title: CHECK_IN_TITLES.key, required: true, helpText: '受付番号は R で始まる7文字' },
    { type: 'TEXT', title: CHECK_IN_TITLES.name, required: false },
    { type: 'TEXT', title: CHECK_IN_TITLES.furigana, required: false },
    { type: 'TEXT', title: CHECK_IN_TITLES.agency, required: false },
  ];
}

/**
 * A participant's 受付番号: 「R」 and the first six characters of their ledger 回答id after 「R-」, upper case
 * (R-1a2b3c… → R1A2B3C). Derived, not stored, so no volunteer edit can make it disagree with the row; '' for a row
 * typed by hand. The leading letter keeps Sheets from reading it as a number when it arrives in the response sheet
 * (a typed 「087006」 would come back as 87006); a participant who leaves the R out is still matched.
 */
export function receiptNumber(responseId: string): string {
  const m = /^R-([0-9a-f]{6})/i.exec(responseId.trim());
  return m ? `R${m[1]!.toUpperCase()}` : '';
}

/** What a participant typed as a 受付番号, in receiptNumber's form (width, case, spaces, hyphens, a lost leading 0). */
function typedReceipt(text: string): string {
  const t = text.normalize('NFKC').replace(/[\s\-ー−]/g, '').toUpperCase().replace(/^R/, '');
  return t === '' ? '' : `R${/^\d+$/.test(t) ? t.padStart(6, '0') : t}`;
}

export interface CheckInPlan {
  /** Ledger rows to tick (index into the rows given), with the time the participant checked in. */
  ticks: { index: number; at: Date }[];
  /** Rows to append for people the ledger does not know (経路 = 当日). */
  walkIns: LedgerRow[];
  /** Check-in responses handled now (recorded so that none is handled twice), each with the ledger row it touched. */
  handled: { responseKey: string; ledgerId: string }[];
}

/**
 * Matches each check-in not handled before to the event's ledger row by e-mail (ignoring width and case) or 受付番号;
 * a cancelled registration is matched only when it is the person's only row. A row already ticked is left alone (a
 * duplicate firing, or a volunteer ticked it first). No match: a walk-in row keyed by the response (W-…), so a re-run
 * finds it instead of adding another.
 */
export function planCheckIns(input: {
  eventId: string; ledger: readonly LedgerRow[]; submissions: readonly FormSubmission[]; handled: ReadonlySet<string>;
}): CheckInPlan {
  const plan: CheckInPlan = { ticks: [], walkIns: [], handled: [] };
  const ticked = new Set<number>();
  const known = new Set(input.ledger.map((r) => r.responseId));
  for (const s of input.submissions) {
    if (input.handled.has(s.responseKey)) continue;
    const typed = (s.answers[CHECK_IN_TITLES.key] ?? '').trim();
    if (typed === '') continue; // a blank firing
    const email = normaliseEmail(typed);
    const byEmail = isValidEmail(email);
    const receipt = typedReceipt(typed);
    const candidates = input.ledger
      .map((row, index) => ({ row, index }))
      .filter(({ row }) => row.eventId === input.eventId && (byEmail ? normaliseEmail(row.email) === email : receipt !== '' && receiptNumber(row.responseId) === receipt));
    const live = candidates.filter(({ row }) => row.status !== LEDGER_STATUS.cancelled);
    const match = live[0] ?? (candidates.length === 1 ? candidates[0] : undefined);
    if (match) {
      if (!match.row.attended && !ticked.has(match.index)) {
        plan.ticks.push({ index: match.index, at: s.submittedAt });
        ticked.add(match.index);
      }
      plan.handled.push({ responseKey: s.responseKey, ledgerId: match.row.responseId });
      continue;
    }
    const id = s.responseKey.replace(/^R-/, 'W-');
    if (!known.has(id)) {
      known.add(id);
      plan.walkIns.push({
        responseId: id, eventId: input.eventId,
        name: normaliseName(s.answers[CHECK_IN_TITLES.name] ?? ''), furigana: normaliseFurigana(s.answers[CHECK_IN_TITLES.furigana] ?? ''),
        agency: (s.answers[CHECK_IN_TITLES.agency] ?? '').trim(), agencyId: '', jobTitle: '', email: byEmail ? email : '', attendanceMode: '対面',
        registeredAt: s.submittedAt, status: LEDGER_STATUS.registered, attended: true, checkedInAt: s.submittedAt, route: WALK_IN_ROUTE,
        remarks: byEmail ? '' : typed,
      });
    }
    plan.handled.push({ responseKey: s.responseKey, ledgerId: id });
  }
  return plan;
}

export interface CheckInCounts { selfCheckIn: number; byHand: number; walkIn: number }

/**
 * How people were checked in at one event: walk-ins (経路 当日), those the check-in form ticked (their ledger ids, from
 * the record of handled check-ins), and the rest of the attendees, ticked by a volunteer. Counts only, no names.
 */
export function checkInCounts(rows: readonly LedgerRow[], eventId: string, selfTicked: ReadonlySet<string>): CheckInCounts {
  const counts: CheckInCounts = { selfCheckIn: 0, byHand: 0, walkIn: 0 };
  for (const r of rows) {
    if (r.eventId !== eventId || !r.attended) continue;
    if (r.route === WALK_IN_ROUTE) counts.walkIn++;
    else if (selfTicked.has(r.responseId)) counts.selfCheckIn++;
    else counts.byHand++;
  }
  return counts;
}

// ---------------------------------------------------------------- document data

export interface RosterEvent { id: string; title: string; when: string; venue: string; checkInUrl: string }

export const WALK_IN_ROWS_MIN = 5;

/**
 * The 受付名簿: a cover (the event, the numbers, the QR code for self check-in), a poster page for the entrance, and
 * the list — registrants (申込, and キャンセル待ち marked) in 五十音 order by ふりがな, each with a box to tick, their
 * 受付番号 and 所属 — followed by blank rows for walk-ins (a tenth of the list, at least five).
 */
export function rosterDocument(event: RosterEvent, ledger: readonly LedgerRow[]): { title: string; items: DocItem[]; qr: { index: number; size: number }[]; listed: number } {
  const rows = sortByReading(
    ledger.filter((r) => r.eventId === event.id && r.status !== LEDGER_STATUS.cancelled && (r.name.trim() !== '' || r.furigana.trim() !== '')),
    (r) => r.furigana, (r) => r.name,
  );
  const registered = rows.filter((r) => r.status !== LEDGER_STATUS.waitlisted).length;
  const blank = Math.max(WALK_IN_ROWS_MIN, Math.ceil(rows.length / 10));
  const cells = [
    ['受付', '受付番号', '氏名', 'ふりがな', '所属', '備考'],
    ...rows.map((r) => [r.attended ? '☑' : '☐', receiptNumber(r.responseId), r.name.trim(), r.furigana.trim(), r.agency.trim(), r.status === LEDGER_STATUS.waitlisted ? LEDGER_STATUS.waitlisted : '']),
    ...Array.from({ length: blank }, () => ['☐', '', '', '', '', WALK_IN_ROUTE]),
  ];
  // The QR code goes into an empty centred paragraph afterwards (DocumentApp: the Docs API inserts images only from a
  // public URI); each item is one body element, so its index is the paragraph's child index.
  const qr: { index: number; size: number }[] = [];
  const items: DocItem[] = [];
  const p = (text: string, namedStyleType = 'NORMAL_TEXT', alignment?: string) => items.push({ kind: 'paragraph', text, style: { namedStyleType, ...(alignment ? { alignment } : {}) } });
  const qrCode = (size: number) => {
    if (!event.checkInUrl) return;
    qr.push({ index: items.length, size });
    p('', undefined, 'CENTER');
    p(event.checkInUrl, undefined, 'CENTER');
  };
  p('受付名簿', 'TITLE');
  p(event.title, 'HEADING_1');
  p(`日時: ${event.when}`);
  p(`会場: ${event.venue}`);
  p(`申込 ${registered}名／キャンセル待ち ${rows.length - registered}名／当日受付欄 ${blank}行`);
  p('セルフ受付（QRコードから）', 'HEADING_2');
  qrCode(180);
  items.push({ kind: 'pageBreak' });
  p(event.title, 'TITLE', 'CENTER');
  p('受付はこちら', 'HEADING_1', 'CENTER');
  p('QRコードを読み取り、申込のメールアドレスか受付番号を入力してください。申込がない方はお名前を入力してください。', undefined, 'CENTER');
  qrCode(360);
  items.push({ kind: 'pageBreak' });
  p(`${event.title} 受付名簿（五十音順）`, 'HEADING_1');
  items.push({ kind: 'table', cells: cells.map((row) => row.map((text) => ({ text }))) });
  return { title: `受付名簿_${event.id}`, listed: rows.length, items, qr };
}
