/**
 * 行事の案内 (issue 17 item 6), pure: an event's 招待先 resolved by the one resolver of 会議 (meetings.ts resolveGuests:
 * 全体, グループ, agency ids, 関係機関, 関係機関:<種別>, K001, addresses), and who is still to be mailed given the records
 * of what was sent — one record per (event, address), so an address added to 招待先 later is the only one mailed on a
 * re-run, and an address whose send a dead run left in doubt (要確認) is never mailed again.
 */
import { AgencyContact, GuestResolution, PartnerContact, resolveGuests } from './meetings';

/** '?' (要確認): recorded before the send, not yet known to have gone; 'S': sent. */
export type InviteRecord = [eventId: string, to: string, state: 'S' | '?', at: string];

export interface InvitePlan extends GuestResolution {
  /** Addresses without a record for this event, in 招待先's order. */
  due: string[];
  /** Addresses a dead run left in doubt. */
  inDoubt: string[];
}

export function planInvites(eventId: string, invitees: unknown, row: number, agencies: AgencyContact[], partners: PartnerContact[], records: readonly InviteRecord[]): InvitePlan {
  const resolution = resolveGuests(invitees, row, agencies, partners);
  const mine = new Map(records.filter((r) => r[0] === eventId).map((r) => [r[1], r[2]]));
  return {
    ...resolution,
    due: resolution.emails.filter((e) => !mine.has(e)),
    inDoubt: [...mine].filter(([, s]) => s === '?').map(([e]) => e),
  };
}
