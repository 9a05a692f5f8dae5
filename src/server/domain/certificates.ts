/**
 * 参加証明書 and 受講記録 (issue 15, item 7). Pure.
 *
 * Issue numbers: each attendee of an event gets one number, once. The plan keeps the number already recorded for
 * (行事id, 回答id) and gives new attendees the next numbers after the highest ever issued (the record's and a counter
 * kept outside the sheet, so a row a volunteer deleted never frees its number for someone else).
 */
import type { LedgerRow } from './ledger';
import { DocItem, DocOutline, DocRequest, cellTexts, segmentText } from './doc-requests';
import { TemplateProblem, TemplateWhere, fillDocumentRequests, fillLine, fillLines, placeholdersIn, unknownPlaceholder } from './template';
import { sortByReading } from './gojuon';

export interface IssuedCertificate { number: number; eventId: string; responseId: string; documentId: string }

export interface Attendee { responseId: string; name: string; furigana: string; agency: string; email: string }

export interface IssuePlan {
  /** Everyone to print in this run with their number: new numbers and numbers recorded but never printed. */
  toPrint: (Attendee & { number: number })[];
  /** New record rows (numbers given now). */
  issued: { number: number; eventId: string; responseId: string }[];
  /** The highest number given so far, to keep as the counter. */
  last: number;
  alreadyPrinted: number;
}

export function attendeesOf(rows: readonly LedgerRow[], eventId: string): Attendee[] {
  const list = rows.filter((r) => r.eventId === eventId && r.attended && r.responseId !== '' && r.name.trim() !== '');
  return sortByReading(list, (r) => r.furigana, (r) => r.name).map((r) => ({
    responseId: r.responseId, name: r.name.trim(), furigana: r.furigana.trim(), agency: r.agency.trim(), email: r.email.trim(),
  }));
}

/** `reprint`: people whose certificate was made before are printed again (with their numbers), not counted as done. */
export function planIssue(eventId: string, attendees: readonly Attendee[], record: readonly IssuedCertificate[], counter: number, reprint = false): IssuePlan {
  const mine = new Map(record.filter((r) => r.eventId === eventId).map((r) => [r.responseId, r]));
  let last = Math.max(counter, 0, ...record.map((r) => r.number));
  const plan: IssuePlan = { toPrint: [], issued: [], last, alreadyPrinted: 0 };
  for (const a of attendees) {
    const found = mine.get(a.responseId);
    if (found && found.documentId !== '' && !reprint) { plan.alreadyPrinted++; continue; }
    if (found) { plan.toPrint.push({ ...a, number: found.number }); continue; }
    last += 1;
    plan.issued.push({ number: last, eventId, responseId: a.responseId });
    plan.toPrint.push({ ...a, number: last });
  }
  plan.last = last;
  return plan;
}

/** The issue number as printed: 第000123号. */
export function formatIssueNumber(n: number): string {
  return `第${String(n).padStart(6, '0')}号`;
}

/** The person's first, then those shared by every page (3–7, allowed in the header and footer too). */
export const CERTIFICATE_PLACEHOLDERS = ['氏名', 'ふりがな', '所属', '行事', '日付', '時間', 'ネットワーク名', '発行日', '発行番号'] as const;
export type CertificateValues = Record<(typeof CERTIFICATE_PLACEHOLDERS)[number], string>;

/** The default template (the add-on writes it into a Doc the coordinator may edit; 「{{…}}」 are filled per person). */
export const DEFAULT_CERTIFICATE_TEMPLATE: { text: string; heading?: 'TITLE' | 'HEADING1' | 'NORMAL' }[] = [
  { text: '{{発行番号}}' },
  { text: '参加証明書', heading: 'TITLE' },
  { text: '{{所属}}' },
  { text: '{{氏名}} 様（{{ふりがな}}）', heading: 'HEADING1' },
  { text: 'あなたは下記の研修に参加したことを証明します。' },
  { text: '研修名: {{行事}}' },
  { text: '日時: {{日付}}' },
  { text: '時間数: {{時間}}' },
  { text: '{{発行日}}' },
  { text: '{{ネットワーク名}}' },
];

/** Hours between start and end, to the quarter hour (「3時間」「2.5時間」); '' when either is unknown. */
export function hoursBetween(start: Date | null, end: Date | null): number | null {
  if (!start || !end || end <= start) return null;
  return Math.round(((end.getTime() - start.getTime()) / 3_600_000) * 4) / 4;
}

/**
 * The template's problems: a placeholder it does not know, or a person's placeholder in the header or footer (one
 * header is printed on every person's page).
 */
export function checkCertificateTemplate(outline: DocOutline): TemplateProblem[] {
  const common = CERTIFICATE_PLACEHOLDERS.slice(3, 8);
  const texts: [string, readonly string[], TemplateWhere][] = [
    ...outline.body.map((b, i): [string, readonly string[], TemplateWhere] => [b.kind === 'paragraph' ? b.text : cellTexts(b).flat().join('\n'), CERTIFICATE_PLACEHOLDERS, { kind: 'paragraph', n: i + 1 }]),
    [segmentText(outline.header) ?? '', common, { kind: 'header' }], [segmentText(outline.footer) ?? '', common, { kind: 'footer' }],
  ];
  return texts.flatMap(([text, known, where]) => placeholdersIn(text).filter((n) => !known.includes(n)).map((n) => unknownPlaceholder(n, known, where)));
}

/**
 * One certificate per person from the template's body, a page break between two: each paragraph and table of the
 * template written again with its own style (doc-requests.ts writeItems), a line whose placeholders are all empty left
 * out, as everywhere (template.ts).
 */
export function certificateItems(outline: DocOutline, people: readonly (Attendee & { number: number })[], common: Omit<CertificateValues, '氏名' | 'ふりがな' | '所属' | '発行番号'>): DocItem[] {
  const items: DocItem[] = [];
  people.forEach((p, i) => {
    if (i > 0) items.push({ kind: 'pageBreak' });
    const values: CertificateValues = { ...common, 氏名: p.name, ふりがな: p.furigana, 所属: p.agency, 発行番号: formatIssueNumber(p.number) };
    for (const block of outline.body) {
      if (block.kind === 'table') {
        items.push({ kind: 'table', cells: cellTexts(block).map((row, r) => row.map((text, c) => ({ text: fillLines(text, values), textStyle: block.rows[r]![c]![0]?.runStyle }))), columnWidths: block.columnWidths, cellStyle: block.cellStyle });
        continue;
      }
      const text = fillLine(block.text, values);
      if (text !== null) items.push({ kind: 'paragraph', text, style: block.style, textStyle: block.runStyle });
    }
  });
  return items;
}

/** The requests turning a copy of the template (as `outline` reads it) into the people's certificates. */
export function certificateRequests(outline: DocOutline, people: readonly (Attendee & { number: number })[], common: Omit<CertificateValues, '氏名' | 'ふりがな' | '所属' | '発行番号'>): DocRequest[] {
  return fillDocumentRequests(outline, common, [{ first: 0, last: outline.body.length - 1, items: certificateItems(outline, people, common) }]);
}

// ---------------------------------------------------------------- 受講記録

export interface TrainingEvent { id: string; title: string; date: string; hours: number | null }

/**
 * 受講記録: per person (by e-mail, in lower case) the events attended with their dates and hours, then per agency the
 * number of staff trained (distinct people) and their attendances. Rows without an e-mail are counted under the agency
 * but have no personal line (there is nothing to tell two of them apart).
 */
export function trainingRecords(rows: readonly LedgerRow[], events: readonly TrainingEvent[]): { people: (string | number)[][]; agencies: (string | number)[][] } {
  const byId = new Map(events.map((e) => [e.id, e]));
  const people = new Map<string, { name: string; agency: string; lines: TrainingEvent[] }>();
  const agencies = new Map<string, { staff: Set<string>; attendances: number; hours: number }>();
  for (const r of rows) {
    const event = byId.get(r.eventId);
    if (!event || !r.attended) continue;
    const email = r.email.trim().toLowerCase();
    const agency = r.agency.trim() || '（所属未記入）';
    const a = agencies.get(agency) ?? { staff: new Set<string>(), attendances: 0, hours: 0 };
    a.staff.add(email || `${r.eventId}\u0001${r.responseId}\u0001${r.name}`);
    a.attendances++;
    a.hours += event.hours ?? 0;
    agencies.set(agency, a);
    if (!email) continue;
    const p = people.get(email) ?? { name: r.name.trim(), agency, lines: [] };
    if (!p.lines.some((l) => l.id === event.id)) p.lines.push(event);
    people.set(email, p);
  }
  const peopleRows: (string | number)[][] = [['メール', '氏名', '所属', '行事id', '行事', '日付', '時間数']];
  for (const [email, p] of [...people].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const l of [...p.lines].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0))) peopleRows.push([email, p.name, p.agency, l.id, l.title, l.date, l.hours ?? '']);
  }
  const agencyRows: (string | number)[][] = [['所属', '受講者数', '受講延べ回数', '受講時間計']];
  for (const [agency, a] of [...agencies].sort(([x], [y]) => (x < y ? -1 : 1))) agencyRows.push([agency, a.staff.size, a.attendances, a.hours]);
  return { people: peopleRows, agencies: agencyRows };
}
