/** The sidebar's mail plan from rpcPreviewMail's data (dates as ISO text): the same planMail a send runs. No DOM here. */
import type { MailPreviewData } from '../protocol';
import { MailPlan, planMail } from '../server/domain/mail';

const date = (s: string | null) => (s === null ? null : new Date(s));

export function planFromPreview(d: MailPreviewData): MailPlan {
  return planMail({
    ...d, now: new Date(d.now),
    events: d.events.map((e) => ({ ...e, start: date(e.start), end: date(e.end) })),
    participants: d.participants.map((x) => ({ ...x, registeredAt: date(x.registeredAt) })),
  });
}
