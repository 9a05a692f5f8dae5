/**
 * MailApp: every message is recorded in an outbox (recipients, subject, bodies, attachment names) instead of being
 * sent, and the daily recipient quota is enforced.
 *
 * Google behaviour relied on:
 * - The four sendEmail overloads and the options attachments, bcc, cc, htmlBody, inlineImages, name, noReply, replyTo
 *   (https://developers.google.com/apps-script/reference/mail/mail-app#sendEmail(Object)); `recipient` is "the
 *   addresses of the recipients, separated by commas".
 * - The quota counts recipients, "Email recipients per day … 100 / day" for consumer accounts (1,500 for Google
 *   Workspace), "per user and reset 24 hours after the first request"
 *   (https://developers.google.com/apps-script/guides/services/quotas). getRemainingDailyQuota() is "the number of
 *   recipients you can send emails to for the rest of the day"
 *   (https://developers.google.com/apps-script/reference/mail/mail-app#getRemainingDailyQuota()).
 * - Over the quota the call fails with "Service invoked too many times for one day: email." (the wording users report,
 *   e.g. https://stackoverflow.com/questions/21444588; GOOGLE_ERRORS.tooManyCalls), and nothing is sent.
 */
import { GasException, Runtime, unwrap } from './runtime';

export interface SentMail {
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string | null;
  subject: string;
  body: string;
  htmlBody: string | null;
  name: string | null;
  noReply: boolean;
  attachments: string[];
  /** Each attachment's content type and text (an .ics is checked byte for byte: CRLF, folding). */
  attachmentData: { name: string; contentType: string | null; text: string }[];
  sentAt: Date;
}

const EMAIL = /^[^\s@,<>]+@[^\s@,<>]+\.[^\s@,<>]+$/;
const DAY_MS = 24 * 60 * 60 * 1000;

export class MailStore {
  readonly outbox: SentMail[] = [];
  /** Recipients per day: 100 for a consumer account (the default), 1,500 for Google Workspace. */
  dailyQuota = 100;
  private windowStart: number | null = null;
  private used = 0;
  constructor(readonly runtime: Runtime) {}

  /** Recipients still allowed in the current 24-hour window (it starts at the first send). */
  remaining(): number {
    this.roll();
    return this.dailyQuota - this.used;
  }

  private roll(): void {
    const now = this.runtime.now().getTime();
    // A clock moved back (the demo and tests travel in time) starts a new window too.
    if (this.windowStart !== null && (now - this.windowStart >= DAY_MS || now < this.windowStart)) {
      this.windowStart = null;
      this.used = 0;
    }
  }

  send(mail: Omit<SentMail, 'sentAt'>): void {
    const count = mail.to.length + mail.cc.length + mail.bcc.length;
    if (count === 0) throw new GasException('Failed to send email: no recipient');
    if (count > this.remaining()) throw new GasException('Service invoked too many times for one day: email.');
    const now = this.runtime.now();
    if (this.windowStart === null) this.windowStart = now.getTime();
    this.used += count;
    this.outbox.push({ ...mail, sentAt: now });
  }
}

function addresses(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  const list = String(value).split(',').map((s) => s.trim()).filter(Boolean);
  for (const a of list) if (!EMAIL.test(a)) throw new GasException(`Invalid email: ${a}`);
  return list;
}

type BlobLike = { getName(): string | null; getContentType?: () => string | null; getDataAsString?: () => string };

function attachmentBlob(source: unknown): BlobLike {
  const s = unwrap(source) as { getName?: () => string | null; getBlob?: () => BlobLike };
  const blob = typeof s?.getName === 'function' ? (s as BlobLike) : typeof s?.getBlob === 'function' ? (unwrap(s.getBlob()) as BlobLike) : null;
  if (!blob || typeof blob.getName !== 'function') throw new GasException('Invalid argument: attachments');
  return blob;
}

function attachmentName(source: unknown): string {
  return attachmentBlob(source).getName() ?? 'attachment';
}

function attachmentData(source: unknown): SentMail['attachmentData'][number] {
  const b = attachmentBlob(source);
  return { name: b.getName() ?? 'attachment', contentType: b.getContentType?.() ?? null, text: b.getDataAsString?.() ?? '' };
}

interface MailOptions {
  attachments?: unknown[]; bcc?: string; cc?: string; htmlBody?: string; inlineImages?: object; name?: string; noReply?: boolean; replyTo?: string;
}

export function createMailApp(store: MailStore) {
  return {
    gasService: 'MailApp',
    gasType: 'MailApp',
    getRemainingDailyQuota(): number {
      return store.remaining();
    },
    sendEmail(...args: unknown[]): void {
      let to: unknown, subject: unknown, body: unknown, options: MailOptions = {};
      if (args.length === 1 && typeof args[0] === 'object' && args[0] !== null) {
        const m = args[0] as MailOptions & { to?: string; subject?: string; body?: string };
        ({ to, subject } = m);
        body = m.body ?? '';
        options = m;
      } else if (args.length === 4 && typeof args[3] === 'string') {
        // sendEmail(to, replyTo, subject, body)
        [to, , subject, body] = args;
        options = { replyTo: String(args[1]) };
      } else if (args.length === 3 || args.length === 4) {
        [to, subject, body] = args;
        options = (args[3] as MailOptions | undefined) ?? {};
      } else {
        throw new GasException("The parameters don't match the method signature for MailApp.sendEmail.");
      }
      if (subject === undefined || subject === null) throw new GasException('Invalid argument: subject');
      store.send({
        to: addresses(to), cc: addresses(options.cc), bcc: addresses(options.bcc),
        replyTo: options.replyTo ? addresses(options.replyTo)[0] ?? null : null,
        subject: String(subject), body: String(body ?? ''), htmlBody: options.htmlBody === undefined ? null : String(options.htmlBody),
        name: options.name === undefined ? null : String(options.name), noReply: options.noReply === true,
        attachments: (options.attachments ?? []).map(attachmentName),
        attachmentData: (options.attachments ?? []).map(attachmentData),
      });
    },
  };
}
