/**
 * Server-rendered pages for what the add-on creates outside the spreadsheet: the forms as a participant answers
 * them, and the calendar with its events and guests. Every value from the emulator goes through `esc`.
 *
 * The emulator's form and calendar stores come with their features; this file reads them through the small
 * structural views below, so the preview runs (without those pages) on a build that lacks a feature.
 */
import type { PreviewSession } from './session';
import { documentSections, DriveStore, MimeType } from '../drive';
import { renderDocumentHtml } from '../render-html';
import { readPdfPages } from '../pdf-layout';
import type { ItemModel } from '../forms';

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>${esc(title)} — プレビュー</title>
<link rel="stylesheet" href="/preview.css">
</head>
<body class="page">
<header class="page-head"><a href="/">← スプレッドシートに戻る</a><span class="badge">プレビュー（エミュレーター上で動作）</span></header>
<main class="page-main">
${body}
</main>
</body>
</html>`;
}

// ---- forms ----

/** A form item as the participant's page needs it: the emulator's model without its validation rule. */
export type FormItemView = Omit<ItemModel, 'validation' | 'type'> & { type: string };

export interface FormView {
  id: string;
  publishedKey: string;
  title: string;
  description: string;
  confirmationMessage: string;
  published: boolean;
  acceptingResponses: boolean;
  items: FormItemView[];
  responses: unknown[];
}

interface FormsFacet {
  store: { forms: Map<string, FormView> };
  submit(formId: string, answers: Record<string, string | string[] | number>): unknown;
}

export function formsOf(session: PreviewSession): FormsFacet | null {
  const forms = (session.emu as unknown as { forms?: FormsFacet }).forms;
  return forms && forms.store && forms.store.forms instanceof Map ? forms : null;
}

export function findForm(session: PreviewSession, idOrKey: string): FormView | null {
  const facet = formsOf(session);
  if (!facet) return null;
  for (const f of facet.store.forms.values()) if (f.id === idOrKey || f.publishedKey === idOrKey) return f;
  return null;
}

export function formsListPage(session: PreviewSession): string {
  const facet = formsOf(session);
  const forms = facet ? [...facet.store.forms.values()] : [];
  const rows = forms.map((f) => `<tr><td>${esc(f.title)}</td><td>${f.published ? (f.acceptingResponses ? '受付中' : '受付終了') : '非公開'}</td><td>${f.responses.length}</td><td><a href="/forms/${encodeURIComponent(f.id)}" target="_blank" rel="noopener">参加者として回答する</a></td><td>${f.published && f.acceptingResponses ? `<form method="post" action="/forms/${encodeURIComponent(f.id)}/burst"><button type="submit" aria-label="40 人が1分以内に送信: ${esc(f.title)}">40 人が1分以内に送信</button></form>` : ''}</td></tr>`);
  return layout('フォーム', `<h1>フォーム</h1>
<p>アドオンが作ったフォームです。「参加者として回答する」で、参加者と同じように回答できます。送信すると Google と同じくフォーム送信トリガーが動き、回答がスプレッドシートに入ります。「40 人が1分以内に送信」は、研修の終わりに全員が一斉に送信する場面を模擬の時計で再現し、台帳が埋まっていく様子と1時間ごとの取り込みを表示します。</p>
${forms.length ? `<table class="list"><thead><tr><th scope="col">フォーム</th><th scope="col">状態</th><th scope="col">回答数</th><th scope="col"></th><th scope="col">一斉送信の再現</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : '<p>まだフォームはありません。サイドバーの「フォーム作成・回答同期」で作れます。</p>'}`);
}

export type FormValues = Map<string, string[]>;

function field(item: FormItemView, values: FormValues): string {
  const name = `entry.${item.id}`;
  const current = values.get(name) ?? [];
  const required = item.required ? ' required' : '';
  const label = `${esc(item.title)}${item.required ? ' <span class="required" aria-hidden="true">*</span>' : ''}`;
  const help = item.helpText ? `<p class="help" id="help-${item.id}">${esc(item.helpText)}</p>` : '';
  const described = item.helpText ? ` aria-describedby="help-${item.id}"` : '';
  // 「その他」 is sent as Google sends it: the choice __other_option__ plus entry.ID.other_option_response.
  const other = (type: 'radio' | 'checkbox') => (item.hasOther
    ? `<label class="choice"><input type="${type}" name="${name}" value="__other_option__"${current.includes('__other_option__') ? ' checked' : ''}> その他:</label>`
      + `<input type="text" class="other" name="${name}.other_option_response" aria-label="${esc(item.title)}（その他）" value="${esc(values.get(`${name}.other_option_response`)?.[0] ?? '')}">`
    : '');
  const choiceList = (type: 'radio' | 'checkbox') => item.choices.map((c, i) =>
    `<label class="choice"><input type="${type}" name="${name}" value="${esc(c)}"${current.includes(c) ? ' checked' : ''}${type === 'radio' && i === 0 ? required : ''}> ${esc(c)}</label>`).join('') + other(type);
  switch (item.type) {
    case 'SECTION_HEADER':
      return `<div class="form-section"><h2>${esc(item.title)}</h2>${help}</div>`;
    case 'PARAGRAPH_TEXT':
      return `<div class="question"><label for="q-${item.id}">${label}</label>${help}<textarea id="q-${item.id}" name="${name}" rows="4"${required}${described}>${esc(current[0] ?? '')}</textarea></div>`;
    case 'MULTIPLE_CHOICE':
      return `<fieldset class="question"><legend>${label}</legend>${help}${choiceList('radio')}</fieldset>`;
    case 'CHECKBOX':
      return `<fieldset class="question"><legend>${label}</legend>${help}${choiceList('checkbox')}</fieldset>`;
    case 'LIST':
      return `<div class="question"><label for="q-${item.id}">${label}</label>${help}<select id="q-${item.id}" name="${name}"${required}${described}><option value="">選択</option>${item.choices.map((c) => `<option${current.includes(c) ? ' selected' : ''}>${esc(c)}</option>`).join('')}</select></div>`;
    case 'SCALE': {
      const options: string[] = [];
      for (let n = item.lowerBound; n <= item.upperBound; n++) {
        options.push(`<label class="choice scale"><input type="radio" name="${name}" value="${n}"${current.includes(String(n)) ? ' checked' : ''}${n === item.lowerBound ? required : ''}> ${n}</label>`);
      }
      return `<fieldset class="question"><legend>${label}</legend>${help}<span class="scale-label">${esc(item.leftLabel)}</span>${options.join('')}<span class="scale-label">${esc(item.rightLabel)}</span></fieldset>`;
    }
    default:
      return `<div class="question"><label for="q-${item.id}">${label}</label>${help}<input id="q-${item.id}" type="text" name="${name}" value="${esc(current[0] ?? '')}"${required}${described}></div>`;
  }
}

export function formPage(form: FormView, values: FormValues = new Map(), error = ''): string {
  if (!form.published || !form.acceptingResponses) {
    return layout(form.title, `<h1>${esc(form.title)}</h1><p>このフォームは現在回答を受け付けていません。</p>`);
  }
  return layout(form.title, `<form class="participant-form" method="post" action="/forms/${encodeURIComponent(form.id)}">
<h1>${esc(form.title)}</h1>
${form.description ? `<p class="description">${esc(form.description)}</p>` : ''}
${error ? `<p class="form-error" role="alert">${esc(error)}</p>` : ''}
${form.items.map((i) => field(i, values)).join('\n')}
<button type="submit" class="primary">送信</button>
</form>`);
}

/** The participant's answers, keyed by question title as the emulator's submit expects. */
export function answersFrom(form: FormView, values: FormValues): Record<string, string | string[] | number> {
  const answers: Record<string, string | string[] | number> = {};
  for (const item of form.items) {
    if (item.type === 'SECTION_HEADER') continue;
    const otherText = (values.get(`entry.${item.id}.other_option_response`) ?? [])[0] ?? '';
    const v = (values.get(`entry.${item.id}`) ?? []).map((x) => (x === '__other_option__' ? otherText : x)).filter((x) => x !== '');
    if (!v.length) continue;
    if (item.type === 'CHECKBOX') answers[item.title] = v;
    else if (item.type === 'SCALE') answers[item.title] = Number(v[0]);
    else answers[item.title] = v[0]!;
  }
  return answers;
}

export function formValues(params: URLSearchParams): FormValues {
  const values: FormValues = new Map();
  for (const [k, v] of params) if (k.startsWith('entry.')) values.set(k, [...(values.get(k) ?? []), v]);
  return values;
}

export function confirmationPage(form: FormView): string {
  return layout(form.title, `<h1>${esc(form.title)}</h1><p role="status" class="confirmation">${esc(form.confirmationMessage || '回答を記録しました。')}</p>
<p><a href="/forms/${encodeURIComponent(form.id)}">別の回答を送信</a></p>`);
}

// ---- calendar ----

interface CalendarFacet {
  calendars: Map<string, { id: string; name: string }>;
  events: { iCalUID: string; calendarId: string; title: string; description: string; location: string; start: Date; end: Date; status: string; guests: { email: string; status: string }[] }[];
  notifications: { kind: string; title: string; to: string[]; at: Date }[];
}

export function calendarOf(session: PreviewSession): CalendarFacet | null {
  const c = (session.emu as unknown as { calendar?: CalendarFacet }).calendar;
  return c && Array.isArray(c.events) ? c : null;
}

const TOKYO = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'long', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit' });
const TIME = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' });

export function calendarPage(session: PreviewSession): string {
  const cal = calendarOf(session);
  if (!cal) return layout('カレンダー', '<h1>カレンダー</h1><p>この版にはカレンダーの機能がありません。</p>');
  const events = [...cal.events].sort((a, b) => a.start.getTime() - b.start.getTime());
  const guestStatus: Record<string, string> = { INVITED: '未回答', YES: '出席', NO: '欠席', MAYBE: '未定', OWNER: '主催者' };
  const rows = events.map((e) => `<tr class="${e.status === 'cancelled' ? 'cancelled' : ''}">
<td>${esc(TOKYO.format(e.start))}〜${esc(TIME.format(e.end))}</td>
<td>${esc(e.title)}${e.status === 'cancelled' ? ' <span class="badge">中止</span>' : ''}</td>
<td>${esc(e.location)}</td>
<td><ul class="guests">${e.guests.map((g) => `<li>${esc(g.email)} <span class="guest-status">${esc(guestStatus[g.status] ?? g.status)}</span></li>`).join('')}</ul></td>
<td>${esc(cal.calendars.get(e.calendarId)?.name ?? e.calendarId)}</td></tr>`);
  const kinds: Record<string, string> = { invite: '招待', update: '変更のお知らせ', cancel: '中止のお知らせ' };
  const mails = [...cal.notifications].reverse().map((n) => `<li>${esc(TOKYO.format(n.at))} ${esc(kinds[n.kind] ?? n.kind)}「${esc(n.title)}」→ ${esc(n.to.join(', '))}</li>`);
  return layout('カレンダー', `<h1>カレンダー</h1>
${events.length ? `<table class="list"><thead><tr><th scope="col">日時</th><th scope="col">予定</th><th scope="col">場所</th><th scope="col">ゲスト</th><th scope="col">カレンダー</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : '<p>まだ予定はありません。サイドバーの「会議招待」で会議シートの予定を登録できます。</p>'}
<h2>Google が送るメール（招待・変更・中止）</h2>
${mails.length ? `<ul class="mails">${mails.join('')}</ul>` : '<p>まだありません。</p>'}`);
}

// ---- documents (Drive) ----

export function driveOf(session: PreviewSession): DriveStore | null {
  const drive = (session.emu as unknown as { drive?: DriveStore }).drive;
  return drive instanceof DriveStore ? drive : null;
}

const TOKYO_DAY = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

export function documentsPage(session: PreviewSession): string {
  const drive = driveOf(session);
  const files = drive ? [...drive.files.values()].filter((f) => !f.trashed).sort((a, b) => b.created.getTime() - a.created.getTime()) : [];
  const rows = files.map((f) => {
    const isDoc = f.mimeType === MimeType.GOOGLE_DOCS;
    const href = isDoc ? `/docs/${encodeURIComponent(f.id)}` : `/drive/${encodeURIComponent(f.id)}${f.mimeType === MimeType.PDF ? '/view' : ''}`;
    return `<tr><td><a href="${href}" target="_blank" rel="noopener">${esc(f.name)}</a></td><td>${isDoc ? 'Google ドキュメント' : esc(f.mimeType === MimeType.PDF ? 'PDF' : f.mimeType)}</td><td>${esc(TOKYO_DAY.format(f.created))}</td><td>${f.createdByApp ? 'アドオン' : '利用者'}</td></tr>`;
  });
  return layout('ドキュメント', `<h1>ドキュメント</h1>
<p>アドオンが作ったドキュメントと PDF（Google ドライブ）です。</p>
${files.length ? `<table class="list"><thead><tr><th scope="col">名前</th><th scope="col">種類</th><th scope="col">作成</th><th scope="col">作成者</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : '<p>まだありません。サイドバーの「パンフレット」で作れます。</p>'}`);
}

/** A Doc as the docs feature's renderer draws it (it escapes all document text). */
export function documentPage(session: PreviewSession, id: string): string | null {
  const drive = driveOf(session);
  const sections = drive ? documentSections(drive, id) : null;
  if (!drive || !sections) return null;
  return renderDocumentHtml(sections, drive.files.get(id)?.name ?? id);
}

/**
 * A PDF as a PDF viewer shows it: each page a white A4 sheet (SVG, in PDF points) with the file's own text lines and
 * rules where the file puts them, Latin runs in a Helvetica-like face, bold where the file is bold. Read from the
 * file's bytes (emulator/pdf-layout.ts readPdfPages), so the page shows what the export wrote. All text is escaped.
 */
export function pdfViewerPage(id: string, file: { name: string; bytes: Uint8Array }): string {
  const pages = readPdfPages(file.bytes);
  const svg = pages.map((page, i) => {
    const rules = page.rules.map((r) => `<line x1="${r.x1}" y1="${page.height - r.y1}" x2="${r.x2}" y2="${page.height - r.y2}"/>`).join('');
    const lines = page.lines.map((l) => {
      const fill = l.gray ? ` fill="rgb(${Math.round(l.gray * 255)},${Math.round(l.gray * 255)},${Math.round(l.gray * 255)})"` : '';
      const runs = l.runs.map((r) => `<tspan class="${r.font}"${r.bold ? ' font-weight="bold"' : ''}>${esc(r.text)}</tspan>`).join('');
      return `<text x="${l.x}" y="${page.height - l.y}" font-size="${l.size}"${fill} xml:space="preserve">${runs}</text>`;
    }).join('\n');
    return `<svg class="pdf-page" viewBox="0 0 ${page.width} ${page.height}" width="${page.width}" height="${page.height}" role="img" aria-label="${i + 1} ページ目"><rect width="${page.width}" height="${page.height}" fill="#fff"/><g class="rules">${rules}</g>${lines}</svg>`;
  });
  return layout(file.name, `<div class="pdf-toolbar"><h1>${esc(file.name)}</h1><span class="pdf-count">${pages.length} ページ</span><a href="/drive/${encodeURIComponent(id)}" download>PDF を保存</a></div>
<div class="pdf-pages">${svg.join('\n')}</div>`);
}

export function driveFile(session: PreviewSession, id: string): { name: string; mimeType: string; bytes: Uint8Array } | null {
  const f = driveOf(session)?.files.get(id);
  if (!f || f.trashed || !f.bytes) return null;
  return { name: f.name, mimeType: f.mimeType, bytes: f.bytes };
}

// ---- service calls (the cost model) ----

/** Calls to Google services per operation since the preview started: each is a round trip (~160 ms) in production. */
export function callsPage(session: PreviewSession): string {
  const byOperation = session.emu.ledger.byOperation();
  const rows = Object.entries(byOperation).map(([operation, methods]) => {
    const total = Object.values(methods).reduce((a, b) => a + b, 0);
    const detail = Object.entries(methods).sort((a, b) => b[1] - a[1]).map(([m, n]) => `${esc(m)} ×${n}`).join('<br>');
    return `<tr><td>${esc(operation)}</td><td class="num">${total}</td><td class="detail">${detail}</td></tr>`;
  });
  return layout('サービス呼び出し', `<h1>サービス呼び出し</h1>
<p>この起動以降（保存した操作の再生を含む）の、操作ごとの Google サービスの呼び出し回数です。本番では1回ごとに通信が発生します（1回 約160 ms）。</p>
${rows.length ? `<table class="list"><thead><tr><th scope="col">操作</th><th scope="col">回数</th><th scope="col">内訳</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : '<p>まだありません。</p>'}`);
}
