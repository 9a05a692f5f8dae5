/**
 * 受講記録 in the activity report (issue 15, item 7): counts only, never names. Its own module so that it joins
 * dist/Code.js only when the report uses it (the bundle keeps every export of a module it includes); the report reads
 * the issued certificates with workspace/features/certificates.ts readIssuedCertificates.
 */
import type { LedgerRow } from './ledger';
import type { IssuedCertificate } from './certificates';

export interface TrainingCounts { certificatesIssued: number; peopleTrained: number; agenciesWithStaffTrained: number; attendances: number }

export function trainingCounts(rows: readonly LedgerRow[], eventIds: ReadonlySet<string>, issued: readonly IssuedCertificate[]): TrainingCounts {
  const people = new Set<string>();
  const agencies = new Set<string>();
  let attendances = 0;
  for (const r of rows) {
    if (!eventIds.has(r.eventId) || !r.attended) continue;
    attendances++;
    people.add(r.email.trim().toLowerCase() || `${r.eventId}\u0001${r.responseId}\u0001${r.name}`);
    if (r.agency.trim()) agencies.add(r.agency.trim());
  }
  return { certificatesIssued: issued.filter((c) => eventIds.has(c.eventId)).length, peopleTrained: people.size, agenciesWithStaffTrained: agencies.size, attendances };
}
