/**
 * The preview's pages for what the add-on creates in each service — forms as a participant answers them, documents
 * and Drive files, the calendar. Each list is declared with its service in emulator/registry.ts (`page.routes`), and
 * the server serves the registry's routes after its own (server.ts), with the same protections.
 */
import {
  answersFrom, calendarPage, confirmationPage, documentPage, documentsPage, driveFile, esc, findForm, formPage, formsListPage,
  formValues, layout, pdfViewerPage,
} from './pages';
import { BURST_SIZE, BurstView, burstPage } from './burst-page';
import { HTML, notFound, Route, send } from './http';
import { mailPage } from './mail-page';

// The server has set the data pages' policy (no script at all) on every response; see contentSecurityPolicy.

export const FORM_ROUTES: readonly Route[] = [
  { method: 'GET', path: '/forms', handle: ({ res, session }) => send(res, 200, formsListPage(session), HTML) },
  // A form by id, or by its published key as in https://docs.google.com/forms/d/e/KEY/viewform (prefilled links too).
  { method: 'GET', path: /^\/forms\/(?:e\/)?([\w-]+)(?:\/viewform)?$/, handle: ({ res, session, url, params }) => {
    const form = findForm(session, params[0]!);
    if (!form) return notFound(res);
    send(res, 200, formPage(form, formValues(url.searchParams)), HTML);
  } },
  { method: 'POST', path: /^\/forms\/([\w-]+)\/burst$/, handle: ({ res, session, params }) => {
    const form = findForm(session, params[0]!);
    if (!form) return notFound(res);
    const outcome = session.act({ kind: 'burst', formId: form.id, n: BURST_SIZE });
    if (!outcome.ok) send(res, 400, layout('40 人が1分以内に送信', `<p>${esc(outcome.error ?? '')}</p><p><a href="/forms">フォーム一覧へ戻る</a></p>`), HTML);
    else send(res, 200, burstPage(outcome.value as BurstView), HTML);
  } },
  { method: 'POST', path: /^\/forms\/([\w-]+)$/, handle: async ({ res, session, params, text }) => {
    const form = findForm(session, params[0]!);
    if (!form) return notFound(res);
    const values = formValues(new URLSearchParams(await text()));
    const outcome = session.act({ kind: 'submit', formId: form.id, answers: answersFrom(form, values) });
    // A refused answer comes back with what the participant typed, as Google's form keeps it.
    send(res, outcome.ok ? 200 : 400, outcome.ok ? confirmationPage(form) : formPage(form, values, outcome.error ?? ''), HTML);
  } },
];

export const DRIVE_ROUTES: readonly Route[] = [
  { method: 'GET', path: '/docs', handle: ({ res, session }) => send(res, 200, documentsPage(session), HTML) },
  { method: 'GET', path: /^\/docs\/([\w-]+)$/, handle: ({ res, session, params }) => {
    const html = documentPage(session, params[0]!);
    if (html === null) return notFound(res);
    send(res, 200, html, HTML);
  } },
  { method: 'GET', path: /^\/drive\/([\w-]+)\/view$/, handle: ({ res, session, params }) => {
    // A Doc opens as a Doc; a PDF in the viewer; anything else is offered as a download.
    const id = params[0]!;
    const isDoc = documentPage(session, id) !== null;
    const f = isDoc ? null : driveFile(session, id);
    if (f && f.mimeType === 'application/pdf') return send(res, 200, pdfViewerPage(id, f), HTML);
    if (!f && !isDoc) return notFound(res);
    res.writeHead(302, { location: f ? `/drive/${id}` : `/docs/${id}` });
    res.end();
  } },
  { method: 'GET', path: /^\/drive\/([\w-]+)$/, handle: ({ res, session, params }) => {
    const id = params[0]!;
    if (documentPage(session, id) !== null) {
      res.writeHead(302, { location: `/docs/${id}` });
      res.end();
      return;
    }
    const f = driveFile(session, id);
    if (!f) return notFound(res);
    // Only a PDF is shown in the browser; anything else is offered as a download, never rendered on this origin.
    const pdf = f.mimeType === 'application/pdf';
    res.writeHead(200, {
      'content-type': pdf ? f.mimeType : 'application/octet-stream',
      'content-disposition': `${pdf ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(f.name)}`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(Buffer.from(f.bytes));
  } },
];

export const CALENDAR_ROUTES: readonly Route[] = [
  { method: 'GET', path: '/calendar', handle: ({ res, session }) => send(res, 200, calendarPage(session), HTML) },
];

// Participant mail (issue 15): the outbox as each participant would read it, and the clock that moves the emulated
// time to the reminder hour or the day after the event.
export const MAIL_ROUTES: readonly Route[] = [
  { method: 'GET', path: '/mail', handle: ({ res, session, url }) => send(res, 200, mailPage(session, url.searchParams.get('to')), HTML) },
  { method: 'POST', path: '/mail/clock', handle: async ({ res, session, text }) => {
    const to = new URLSearchParams(await text()).get('to') ?? '';
    const outcome = session.act({ kind: 'clock', to });
    if (!outcome.ok) return send(res, 400, layout('メール', `<p>${esc(outcome.error ?? '')}</p><p><a href="/mail">メールへ戻る</a></p>`), HTML);
    res.writeHead(303, { location: '/mail' });
    res.end();
  } },
];
