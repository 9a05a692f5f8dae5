/**
 * `npm start [-- --reset] [-- --agencies FILE.csv] [-- --state DIR] [-- --locale en]`: the add-on running on the emulator, in the
 * browser. Serves on 127.0.0.1 (port from PORT, default 8787; PORT=0 picks a free one) and prints the URL.
 *
 * The page shows what a coordinator sees in Sheets: the sheets as an editable grid, the add-on menu, and the REAL
 * built dist/Sidebar.html (as produced by showSidebar) with a `google.script.run` shim that POSTs to /rpc, where the
 * named function of the built dist/Code.js runs on the emulator.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { projectRoot } from '../paths';
import { GOOGLE_ERRORS } from '../runtime';
import { PreviewSession } from './session';
import { sheetView, stateView } from './views';
import { json, RequestContext, Route, send } from './http';
import { serviceRoutes } from '../registry';
import { callsPage } from './pages';
import { isScenario, SCENARIOS, ScenarioName } from './scenarios';
import { isEnglish } from './notices';

export interface PreviewArgs {
  reset: boolean;
  agencies?: string;
  stateDir: string;
  /** The coordinator's locale (Session.getActiveUserLocale): 'ja' by default; e.g. 'en' shows the English UI. */
  locale?: string;
  /** The seed's scenario (emulator/preview/scenarios.ts). */
  scenario?: ScenarioName;
  /**
   * A fresh start's opening day instead of the scenario's (`--now 2025-08-18T09:00:00+09:00`): the set-up stays
   * history, and time-driven triggers start firing from that day, as for a spreadsheet first opened then. Lets a
   * browser test reach an event's reminder without ~1,200 hourly executions on the way (test/browser/mail.test.ts).
   */
  now?: Date;
}

export function parsePreviewArgs(argv: readonly string[]): PreviewArgs {
  const args: PreviewArgs = { reset: false, stateDir: path.join(projectRoot(), '.preview-state') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} には値が必要です`);
      return v;
    };
    if (a === '--reset') args.reset = true;
    else if (a === '--agencies') args.agencies = path.resolve(value());
    else if (a === '--state') args.stateDir = path.resolve(value());
    else if (a === '--locale') args.locale = value();
    else if (a === '--now') {
      const v = value();
      const at = new Date(v);
      if (Number.isNaN(at.getTime())) throw new Error(`--now の日時が読めません: ${v}`);
      args.now = at;
    }
    else if (a === '--scenario') {
      const name = value();
      if (!isScenario(name)) throw new Error(`不明なシナリオ: ${name}（使えるのは ${SCENARIOS.join(', ')}）`);
      args.scenario = name;
    } else throw new Error(`不明なオプション: ${a}（使えるのは --reset, --agencies FILE.csv, --state DIR, --locale ja|en, --scenario ${SCENARIOS.join('|')}, --now ISO-DATE）`);
  }
  return args;
}

const ASSETS = path.join(projectRoot(), 'build', 'preview');
/** A registry CSV goes through /rpc as base64: 10 MB is far above any network's registry, and keeps a stray upload out of memory. */
export const MAX_BODY = 10 * 1024 * 1024;

const SHELL = `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>就労支援ネットワーク — プレビュー</title>
<link rel="stylesheet" href="/preview.css">
<script src="/preview.js" defer></script>
</head>
<body>
<div id="preview"></div>
</body>
</html>`;

/**
 * One policy for every page: nothing from elsewhere, no inline script, no plugins, no <base>, never framed. Pages
 * differ only in which scripts of their own they may run: the data pages (forms, documents, calendar, calls) none at
 * all, the preview page its /preview.js, the sidebar the shim and its own inline bundle by hash. Inline styles stay
 * allowed (the document renderer styles paragraphs) — a style cannot run code.
 */
export function contentSecurityPolicy(page: 'data' | 'app' | 'sidebar', scriptHashes: readonly string[] = [], styleHashes: readonly string[] = []): string {
  const scripts = page === 'data' ? "'none'" : ["'self'", ...scriptHashes.map((h) => `'sha256-${h}'`)].join(' ');
  // A hash in style-src turns 'unsafe-inline' off, so the sidebar (whose markup has no style attributes) lists its
  // own <style> by hash; the other pages keep 'unsafe-inline' for the renderer's style attributes.
  const styles = styleHashes.length ? ["'self'", ...styleHashes.map((h) => `'sha256-${h}'`)].join(' ') : "'self' 'unsafe-inline'";
  return [
    "default-src 'none'",
    `script-src ${scripts}`,
    `style-src ${styles}`,
    "img-src 'self' data:",
    "connect-src 'self'",
    // The preview page holds the sidebar in an iframe, as Sheets does; nothing else frames anything.
    `frame-src ${page === 'app' ? "'self'" : "'none'"}`,
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
    `frame-ancestors ${page === 'sidebar' ? "'self'" : "'none'"}`,
  ].join('; ');
}

/** The sha256 (base64) of each inline <script> and <style> of a page, for its policy. */
export function inlineHashes(html: string): { scripts: string[]; styles: string[] } {
  const hashes = (re: RegExp) => [...html.matchAll(re)].map((m) => createHash('sha256').update(m[1]!, 'utf8').digest('base64'));
  return { scripts: hashes(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi), styles: hashes(/<style[^>]*>([\s\S]*?)<\/style>/gi) };
}

const DATA_POLICY = contentSecurityPolicy('data');

/** A refusal with its HTTP status and a sentence that says what was wrong. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function readText(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (declared > MAX_BODY) return Promise.reject(new HttpError(413, tooLarge()));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (c: Buffer) => {
      if (refused) return;
      size += c.length;
      if (size > MAX_BODY) {
        refused = true;
        chunks.length = 0;
        reject(new HttpError(413, tooLarge()));
      } else chunks.push(c);
    });
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function tooLarge(): string {
  return `リクエストが大きすぎます（上限 ${MAX_BODY / 1024 / 1024} MB）。`;
}

/** The request's JSON object; an empty body is {}. */
async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readText(req);
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, `リクエストの本文を JSON として読めません: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpError(400, 'リクエストの本文は JSON のオブジェクト（{…}）にしてください。');
  return value as Record<string, unknown>;
}

/** google.script.run hands the page a copy made by JSON rules, except that a Date anywhere makes the result null. */
export function acrossTheWire(value: unknown): unknown {
  const hasDate = (v: unknown): boolean =>
    v instanceof Date || (Array.isArray(v) ? v.some(hasDate) : typeof v === 'object' && v !== null && Object.values(v).some(hasDate));
  if (value === undefined) return null;
  return hasDate(value) ? null : JSON.parse(JSON.stringify(value));
}

function asset(res: ServerResponse, file: string, type: string): void {
  const p = path.join(ASSETS, file);
  if (!existsSync(p)) return send(res, 500, `${file} is missing: run npm run build`, 'text/plain; charset=utf-8');
  send(res, 200, readFileSync(p), type);
}

export type { RequestContext, Route };

/**
 * The preview server's own routes. A service's pages (forms, documents, calendar) are declared with the service in
 * emulator/registry.ts (`page.routes`) and served after these. Every route gets the same protections from `handle`
 * below: the Host check, the same-origin check on POST, the body limits, and the security headers.
 */
export const ROUTES: Route[] = [
  { method: 'GET', path: '/', handle: ({ res }) => {
    res.setHeader('content-security-policy', contentSecurityPolicy('app'));
    send(res, 200, SHELL, 'text/html; charset=utf-8');
  } },
  { method: 'GET', path: '/preview.js', handle: ({ res }) => asset(res, 'app.js', 'text/javascript; charset=utf-8') },
  { method: 'GET', path: '/shim.js', handle: ({ res }) => asset(res, 'shim.js', 'text/javascript; charset=utf-8') },
  { method: 'GET', path: '/preview.css', handle: ({ res }) => asset(res, 'preview.css', 'text/css; charset=utf-8') },
  { method: 'GET', path: '/favicon.ico', handle: ({ res }) => send(res, 204, '', 'text/plain') },
  { method: 'GET', path: '/api/state', handle: ({ res, session }) => json(res, 200, stateView(session)) },
  { method: 'GET', path: '/api/sheet', handle: ({ res, session, url }) => {
    const sheet = session.sheet(url.searchParams.get('name') ?? '');
    return sheet ? json(res, 200, sheetView(sheet)) : json(res, 404, { error: 'no such sheet' });
  } },
  { method: 'POST', path: '/api/cell', handle: async ({ res, session, body }) => {
    const b = await body();
    json(res, 200, session.act({ kind: 'cell', sheet: String(b.sheet), row: Number(b.row), column: Number(b.column), text: String(b.text ?? '') }));
  } },
  { method: 'POST', path: '/api/menu', handle: async ({ res, session, body }) => {
    const b = await body();
    const known = session.emu.uiState.menus.some((m) => m.items.some((i) => 'functionName' in i && i.functionName === b.functionName));
    if (!known) return json(res, 400, { error: 'not a menu function' });
    json(res, 200, session.act({ kind: 'menu', functionName: String(b.functionName) }));
  } },
  { method: 'POST', path: '/api/select', handle: async ({ res, session, body }) => {
    const b = await body();
    session.select({ sheet: String(b.sheet), row: Number(b.row) || 1, column: Number(b.column) || 1 });
    json(res, 200, { ok: true });
  } },
  { method: 'GET', path: '/api/toasts', handle: ({ res, session, url }) => json(res, 200, session.toasts(Number(url.searchParams.get('since')) || 0)) },
  { method: 'POST', path: '/api/sidebar/close', handle: ({ res, session }) => {
    session.closeSidebar();
    json(res, 200, { ok: true });
  } },
  { method: 'POST', path: '/api/fault', handle: async ({ res, session, body }) => {
    // For trying failure paths by hand or in tests: the k-th call (of one service) throws, as Google would.
    // Not journaled: a replay runs without the fault and so ends where the resumed run ended.
    const b = await body();
    const service = b.service ? String(b.service) : undefined;
    session.emu.runtime.failAt({ atCall: Math.max(1, Number(b.atCall) || 1), service, message: b.message ? String(b.message) : GOOGLE_ERRORS.unavailable(service ?? 'Spreadsheets'), times: Math.max(1, Number(b.times) || 1) });
    json(res, 200, { ok: true });
  } },
  { method: 'GET', path: '/api/alerts', handle: ({ res, session }) => json(res, 200, session.takeAlerts()) },
  // The call ledger: the runtime's, not one service's.
  { method: 'GET', path: '/calls', handle: ({ res, session }) => send(res, 200, callsPage(session), 'text/html; charset=utf-8') },
  { method: 'GET', path: '/sidebar', handle: ({ res, session }) => {
    const html = session.sidebarHtml();
    if (!html) return send(res, 404, 'サイドバーはまだ開かれていません。', 'text/plain; charset=utf-8');
    // The built file, untouched, with the google.script.run shim loaded first (Google injects its own the same way);
    // its inline bundle and style are allowed by their hashes, nothing else inline.
    const { scripts, styles } = inlineHashes(html);
    res.setHeader('content-security-policy', contentSecurityPolicy('sidebar', scripts, styles));
    res.setHeader('x-frame-options', 'SAMEORIGIN');
    send(res, 200, html.replace(/<head>/i, '<head><script src="/shim.js"></script>'), 'text/html; charset=utf-8');
  } },
  { method: 'POST', path: '/rpc', handle: async ({ res, session, body }) => {
    const b = await body();
    const name = String(b.name ?? '');
    // google.script.run reaches only the script's own top-level functions (and not those ending in _):
    // https://developers.google.com/apps-script/guides/html/reference/run
    if (!session.callable(name)) return json(res, 404, { error: `「${name}」はアドオンの関数ではありません。呼べるのは dist/Code.js が最上位で定義する関数だけです。` });
    const outcome = session.act({ kind: 'rpc', name, args: Array.isArray(b.args) ? b.args : [] });
    json(res, 200, outcome.ok ? { ok: true, value: acrossTheWire(outcome.value) } : { ok: false, error: outcome.error });
  } },
];

function match(route: Route, method: string, pathname: string): string[] | null {
  if (route.method !== method) return null;
  if (typeof route.path === 'string') return route.path === pathname ? [] : null;
  const m = route.path.exec(pathname);
  return m && m[0] === pathname ? m.slice(1) : null;
}

/** The Host values this server answers to: its own loopback addresses on its own port (anything else is DNS rebinding). */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
}

export function createPreviewServer(session: PreviewSession) {
  return createServer((req, res) => {
    handle(session, req, res).catch((e: unknown) => {
      if (res.headersSent) return;
      if (e instanceof HttpError) {
        // A refused body is not read to the end: close the connection rather than drain it.
        if (e.status === 413) res.setHeader('connection', 'close');
        return json(res, e.status, { error: e.message });
      }
      json(res, 500, { error: e instanceof Error ? e.message : String(e) });
    });
  });
}

async function handle(session: PreviewSession, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Every response, whatever the route: the data pages' policy (a page route sets its own), never framed.
  res.setHeader('content-security-policy', DATA_POLICY);
  res.setHeader('x-frame-options', 'DENY');
  // same-origin, not no-referrer: under no-referrer Chromium sends `Origin: null` with a form's POST, which the check below refuses.
  res.setHeader('referrer-policy', 'same-origin');
  res.setHeader('x-content-type-options', 'nosniff');
  // DNS rebinding: a page on attacker.example whose name now points at 127.0.0.1 sends `Host: attacker.example`.
  const host = String(req.headers.host ?? '').toLowerCase();
  if (!allowedHosts(req.socket.localPort ?? 0).includes(host)) {
    return send(res, 403, 'このプレビューには http://127.0.0.1:ポート/ でアクセスしてください（他の名前からのアクセスは受け付けません）。', 'text/plain; charset=utf-8');
  }
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') return send(res, 405, 'method not allowed', 'text/plain; charset=utf-8');
  // A page on another site must not drive the preview (it has the add-on's data): a write must name this origin.
  // Browsers send Origin with every POST; a script (curl) passes -H "Origin: http://127.0.0.1:PORT".
  if (method === 'POST' && req.headers.origin !== `http://${host}`) {
    return json(res, 403, { error: `別のサイトからの書き込みは受け付けません（Origin: ${req.headers.origin ?? 'なし'}）。` });
  }
  const url = new URL(req.url ?? '/', `http://${host}`);
  const getMethod = method === 'HEAD' ? 'GET' : method;
  for (const route of [...ROUTES, ...serviceRoutes()]) {
    const params = match(route, getMethod, url.pathname);
    if (params) return route.handle({ session, req, res, url, params, body: () => readBody(req), text: () => readText(req) });
  }
  return send(res, 404, 'not found', 'text/plain; charset=utf-8');
}


/**
 * What `npm start` prints once the server listens, in the preview's locale (`--locale en`: English, product name
 * included). The last line is the same in every locale: tools (the browser tests) find the URL by it.
 */
export function startMessage(o: { locale?: string; scenario: string; replayed: number; dir: string; highlights: readonly { title: string; titleEn?: string; href: string }[]; port: number }): string[] {
  const english = isEnglish(o.locale);
  const state = english
    ? (o.replayed ? `scenario "${o.scenario}", ${o.replayed} saved actions replayed` : `started afresh from scenario "${o.scenario}"`)
    : (o.replayed ? `シナリオ「${o.scenario}」に保存した操作 ${o.replayed} 件を再生しました` : `シナリオ「${o.scenario}」の新しい状態で開始しました`);
  return [
    english ? `Employment-support network add-on — preview: ${state} (state in ${o.dir})` : `就労支援ネットワーク プレビュー: ${state}（${o.dir}）`,
    ...o.highlights.map((h) => `${english ? h.titleEn ?? h.title : h.title}: http://127.0.0.1:${o.port}${h.href}`),
    `Preview running at http://127.0.0.1:${o.port}/`,
  ];
}

function main(): void {
  let args: PreviewArgs;
  try {
    args = parsePreviewArgs(process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  }
  const session = new PreviewSession({ stateDir: args.stateDir, reset: args.reset, agenciesFile: args.agencies, locale: args.locale, scenario: args.scenario, now: args.now, log: (l) => console.log(l) });
  const { replayed } = session.start();
  const port = Number(process.env.PORT ?? 8787);
  const server = createPreviewServer(session);
  server.listen(port, '127.0.0.1', () => {
    const address = server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    for (const line of startMessage({ locale: args.locale, scenario: session.scenario, replayed, dir: path.relative(process.cwd(), args.stateDir) || args.stateDir, highlights: session.highlights, port: actual })) console.log(line);
  });
  server.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EADDRINUSE') console.error(`ポート ${port} は使用中です。PORT=${port + 1} npm start のように別のポートを指定してください。`);
    else console.error(e.message);
    process.exit(1);
  });
  // The page polls, so keep-alive connections never go idle: close them, and do not wait on anything else.
  // (Every action is already in the journal when its response is sent.)
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 500).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) main();
