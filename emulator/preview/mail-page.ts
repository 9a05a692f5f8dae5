/**
 * 「メール」: the outbox as each participant reads it (MailApp's recorded messages, newest first, for one recipient or
 * all), and a clock control that moves the emulated time to an event's reminder time or the day after it — the hourly
 * trigger fires on the way, as on Google, so reminders and thank-you mails appear here. No script on this page: the
 * clock buttons are plain form posts (the data pages' Content-Security-Policy allows none).
 */
import type { PreviewSession } from './session';
import { esc, layout } from './pages';
import type { SentMail } from '../mail';

const TOKYO = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit' });
const DAY = 24 * 60 * 60 * 1000;

export function mailOf(session: PreviewSession): { outbox: SentMail[]; remaining(): number } | null {
  const mail = (session.emu as unknown as { mail?: { outbox: SentMail[]; remaining(): number } }).mail;
  return mail && Array.isArray(mail.outbox) ? mail : null;
}

interface ClockTarget { label: string; at: Date }

/** From 行事 and 設定 as a person sees them: each event's reminder time and the morning after it. */
export function clockTargets(session: PreviewSession): ClockTarget[] {
  const read = (name: string) => {
    const sheet = session.sheet(name);
    if (!sheet || sheet.getLastRow() < 2) return [];
    const [header, ...rows] = sheet.getDataRange().getValues();
    return rows.map((r) => Object.fromEntries(header!.map((h, i) => [String(h), r[i]])));
  };
  const days = Number(String(read('設定').find((r) => r['項目'] === 'リマインド（日前）')?.['値'] ?? '2').normalize('NFKC')) || 2;
  const now = session.emu.runtime.now().getTime();
  const out: ClockTarget[] = [];
  for (const e of read('行事')) {
    const start = e['開始'];
    if (!(start instanceof Date) || String(e['id'] ?? '') === '') continue;
    const end = e['終了'] instanceof Date ? (e['終了'] as Date) : start;
    // An hour past the reminder time (the hourly trigger runs within it), and 10:00 the next day.
    out.push({ label: `${e['id']} のリマインドの時刻へ（${days}日前）`, at: new Date(start.getTime() - days * DAY + 60 * 60 * 1000) });
    const next = new Date(end.getTime() + DAY);
    next.setUTCHours(1, 0, 0, 0);
    out.push({ label: `${e['id']} の翌日へ（お礼のメール）`, at: next });
  }
  return out.filter((t) => t.at.getTime() > now).sort((a, b) => a.at.getTime() - b.at.getTime());
}

function mailHtml(m: SentMail): string {
  return `<article class="mail">
<h3>${esc(m.subject)}</h3>
<p class="meta">${esc(TOKYO.format(m.sentAt))} ／ 宛先: ${esc(m.to.join(', '))}${m.replyTo ? ` ／ 返信先: ${esc(m.replyTo)}` : ''}${m.name ? ` ／ 差出人名: ${esc(m.name)}` : ''}</p>
<pre class="mail-body">${esc(m.body)}</pre>
${m.attachments.length ? `<p class="meta">添付: ${m.attachments.map(esc).join('、')}</p>` : ''}
</article>`;
}

export function mailPage(session: PreviewSession, to: string | null): string {
  const mail = mailOf(session);
  if (!mail) return layout('メール', '<h1>メール</h1><p>この版にはメールの機能がありません。</p>');
  const recipients = new Map<string, number>();
  for (const m of mail.outbox) for (const a of m.to) recipients.set(a, (recipients.get(a) ?? 0) + 1);
  const shown = [...mail.outbox].filter((m) => to === null || m.to.includes(to)).reverse();
  const now = session.emu.runtime.now();
  const targets = clockTargets(session);
  const clock = targets.map((t) => `<form method="post" action="/mail/clock"><input type="hidden" name="to" value="${esc(t.at.toISOString())}"><button type="submit">${esc(t.label)}（${esc(TOKYO.format(t.at))}）</button></form>`).join('');
  const list = [...recipients].sort(([a], [b]) => a.localeCompare(b)).map(([a, n]) => `<li><a href="/mail?to=${encodeURIComponent(a)}"${a === to ? ' aria-current="page"' : ''}>${esc(a)}</a> (${n})</li>`).join('');
  return layout('メール', `<h1>メール</h1>
<p>アドオンが MailApp で送ったメールです（実際には送られず、ここに記録されます）。今の時刻: <strong class="now">${esc(TOKYO.format(now))}</strong>。今日あと${mail.remaining()}通まで送れます。</p>
<h2>時計を進める</h2>
<p>時刻を進めると、その間の1時間ごとの定時処理（リマインド・お礼のメール）が Google と同じように動きます。</p>
<div class="clock">${clock || '<p>この先の行事はありません。</p>'}</div>
<h2>受信者ごとに見る</h2>
${list ? `<ul class="recipients"><li><a href="/mail"${to === null ? ' aria-current="page"' : ''}>すべて</a> (${mail.outbox.length})</li>${list}</ul>` : '<p>まだメールはありません。</p>'}
<h2>${to === null ? 'すべてのメール' : `${esc(to)} が受け取ったメール`}（新しい順、${shown.length}通）</h2>
${shown.slice(0, 200).map(mailHtml).join('\n')}`);
}
