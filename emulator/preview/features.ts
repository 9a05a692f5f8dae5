/**
 * Pages for what the features create — forms as a participant answers them, the calendar (and, with the docs
 * feature, the generated documents) — shown when the emulator has that service.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PreviewSession } from './session';
import {
  answersFrom, callsPage, calendarPage, confirmationPage, documentPage, documentsPage, driveFile, findForm, formPage, formsListPage,
  formValues, esc, layout, pdfViewerPage,
} from './pages';
import { BURST_SIZE, BurstView, burstPage } from './burst';
import { servicePages } from '../registry';
import { mailPage } from './mail-page';

export interface Responders {
  json(res: ServerResponse, status: number, value: unknown): void;
  send(res: ServerResponse, status: number, body: string | Buffer, type: string): void;
  readText(req: IncomingMessage): Promise<string>;
}

const HTML = 'text/html; charset=utf-8';

/** Which feature pages exist, for the page's navigation. */
export function featureState(_session: PreviewSession): { pages: { id: string; title: string; href: string }[] } {
  // Each service's own page (emulator/registry.ts: `page`), then the call ledger.
  return { pages: [...servicePages(), { id: 'calls', title: 'サービス呼び出し', href: '/calls' }] };
}

export async function extraRoutes(
  session: PreviewSession, route: string, url: URL, req: IncomingMessage, res: ServerResponse, r: Responders,
): Promise<boolean> {
  // The server has set the data pages' policy (no script at all) on every response; see contentSecurityPolicy.
  if (route === 'GET /forms') {
    r.send(res, 200, formsListPage(session), HTML);
    return true;
  }
  // A form by id, or by its published key as in https://docs.google.com/forms/d/e/KEY/viewform (prefilled links too).
  const formGet = /^GET \/forms\/(?:e\/)?([\w-]+)(?:\/viewform)?$/.exec(route);
  if (formGet) {
    const form = findForm(session, formGet[1]!);
    if (!form) return false;
    r.send(res, 200, formPage(form, formValues(url.searchParams)), HTML);
    return true;
  }
  const burstPost = /^POST \/forms\/([\w-]+)\/burst$/.exec(route);
  if (burstPost) {
    const form = findForm(session, burstPost[1]!);
    if (!form) return false;
    const outcome = session.act({ kind: 'burst', formId: form.id, n: BURST_SIZE });
    if (!outcome.ok) r.send(res, 400, layout('40 人が1分以内に送信', `<p>${esc(outcome.error ?? '')}</p><p><a href="/forms">フォーム一覧へ戻る</a></p>`), HTML);
    else r.send(res, 200, burstPage(outcome.value as BurstView), HTML);
    return true;
  }
  const formPost = /^POST \/forms\/([\w-]+)$/.exec(route);
  if (formPost) {
    const form = findForm(session, formPost[1]!);
    if (!form) return false;
    const values = formValues(new URLSearchParams(await r.readText(req)));
    const outcome = session.act({ kind: 'submit', formId: form.id, answers: answersFrom(form, values) });
    // A refused answer comes back with what the participant typed, as Google's form keeps it.
    r.send(res, outcome.ok ? 200 : 400, outcome.ok ? confirmationPage(form) : formPage(form, values, outcome.error ?? ''), HTML);
    return true;
  }
  if (route === 'GET /docs') {
    r.send(res, 200, documentsPage(session), HTML);
    return true;
  }
  const doc = /^GET \/docs\/([\w-]+)$/.exec(route);
  if (doc) {
    const html = documentPage(session, doc[1]!);
    if (html === null) return false;
    r.send(res, 200, html, HTML);
    return true;
  }
  const view = /^GET \/drive\/([\w-]+)\/view$/.exec(route);
  if (view) {
    // A Doc opens as a Doc; a PDF in the viewer; anything else is offered as a download.
    const f = documentPage(session, view[1]!) === null ? driveFile(session, view[1]!) : null;
    if (f && f.mimeType === 'application/pdf') {
      r.send(res, 200, pdfViewerPage(view[1]!, f), HTML);
      return true;
    }
    if (!f && documentPage(session, view[1]!) === null) return false;
    res.writeHead(302, { location: f ? `/drive/${view[1]}` : `/docs/${view[1]}` });
    res.end();
    return true;
  }
  const file = /^GET \/drive\/([\w-]+)$/.exec(route);
  if (file) {
    if (documentPage(session, file[1]!) !== null) {
      res.writeHead(302, { location: `/docs/${file[1]}` });
      res.end();
      return true;
    }
    const f = driveFile(session, file[1]!);
    if (!f) return false;
    // Only a PDF is shown in the browser; anything else is offered as a download, never rendered on this origin.
    const pdf = f.mimeType === 'application/pdf';
    res.writeHead(200, {
      'content-type': pdf ? f.mimeType : 'application/octet-stream',
      'content-disposition': `${pdf ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(f.name)}`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(Buffer.from(f.bytes));
    return true;
  }
  if (route === 'GET /calls') {
    r.send(res, 200, callsPage(session), HTML);
    return true;
  }
  if (route === 'GET /mail') {
    r.send(res, 200, mailPage(session, url.searchParams.get('to')), HTML);
    return true;
  }
  if (route === 'POST /mail/clock') {
    const to = new URLSearchParams(await r.readText(req)).get('to') ?? '';
    const outcome = session.act({ kind: 'clock', to });
    if (!outcome.ok) r.send(res, 400, layout('メール', `<p>${esc(outcome.error ?? '')}</p><p><a href="/mail">メールへ戻る</a></p>`), HTML);
    else {
      res.writeHead(303, { location: '/mail' });
      res.end();
    }
    return true;
  }
  if (route === 'GET /calendar') {
    r.send(res, 200, calendarPage(session), HTML);
    return true;
  }
  return false;
}
