/**
 * Events (行事) as the forms feature sees them: which forms belong to which event, and how a response sheet
 * routes back to its event. Pure: plain data in and out.
 */

export interface EventRecord {
  id: string;
  kind: string;
  title: string;
  start: Date | null;
  end: Date | null;
  venue: string;
  /** null: no limit. */
  capacity: number | null;
  registrationFormId: string;
  registrationFormUrl: string;
  surveyFormId: string;
  surveyFormUrl: string;
  /** Sheet ids (as text) of the response sheets the two forms write to, recorded when the forms are made. */
  registrationSheetId: string;
  surveySheetId: string;
}

/** 'checkin': the self check-in form of the day (domain/checkin.ts); routed through Document Properties, not 行事. */
/** 'round': the agencies' 掲載情報の確認 form (domain/agency-round.ts); its 'event' is the network, its id 'round'. */
export type FormPurpose = 'registration' | 'survey' | 'checkin' | 'round';

export function isWorkshop(event: Pick<EventRecord, 'kind'>): boolean {
  return event.kind === 'ワークショップ';
}

export function formTitle(event: Pick<EventRecord, 'title'>, purpose: FormPurpose): string {
  return purpose === 'registration' ? `【参加申込】${event.title}` : purpose === 'checkin' ? `【受付】${event.title}` : purpose === 'round' ? `【掲載情報の確認】${event.title}` : `【アンケート】${event.title}`;
}

/** Routes a response sheet (by sheet id) to the event and the form purpose it belongs to. */
export function routeResponseSheet(events: readonly EventRecord[], sheetId: string): { event: EventRecord; purpose: FormPurpose } | null {
  for (const event of events) {
    if (event.registrationSheetId !== '' && event.registrationSheetId === sheetId) return { event, purpose: 'registration' };
    if (event.surveySheetId !== '' && event.surveySheetId === sheetId) return { event, purpose: 'survey' };
  }
  return null;
}

/** Finds an event by id, or else by exact 名称 (trimmed), as the CSV import and the sidebar allow. */
export function findEvent(events: readonly EventRecord[], idOrTitle: string): EventRecord | null {
  const key = idOrTitle.trim();
  if (key === '') return null;
  return events.find((e) => e.id === key) ?? events.find((e) => e.title.trim() === key) ?? null;
}

/** Parses a 定員 cell: a positive integer, or blank for no limit; anything else is a problem. */
export function parseCapacity(value: unknown): { capacity: number | null; invalid: boolean } {
  if (value === '' || value === null || value === undefined) return { capacity: null, invalid: false };
  const n = typeof value === 'number' ? value : Number(String(value).normalize('NFKC').replace(/[名人\s]/g, ''));
  if (!Number.isInteger(n) || n <= 0) return { capacity: null, invalid: true };
  return { capacity: n, invalid: false };
}
