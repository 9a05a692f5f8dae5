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
import * as path from 'node:path';
import { projectRoot } from '../paths';
import { GOOGLE_ERRORS } from '../runtime';
import { PreviewSession } from './session';
import { sheetView, stateView } from './views';
import { extraRoutes } from './features';

export interface PreviewArgs {
  reset: boolean;
  agencies?: string;
  stateDir: string;
  /** The coordinator's locale (Session.getActiveUserLocale): 'ja' by default; e.g. 'en' shows the English UI. */
  locale?: string;
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
    else throw new Error(`不明なオプション: ${a}（使えるのは --reset, --agencies FILE.csv, --state DIR, --locale ja|en）`);
  }
  return args;
}

const ASSETS = path.join(projectRoot(), 'build', 'preview');
const MAX_BODY = 32 * 1024 * 1024;

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

function send(res: ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

function json(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('request too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const text = await readText(req);
  return text ? JSON.parse(text) : {};
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

export function createPreviewServer(session: PreviewSession) {
  return createServer((req, res) => {
    handle(session, req, res).catch((e: unknown) => {
      if (!res.headersSent) json(res, 500, { error: e instanceof Error ? e.message : String(e) });
    });
  });
}

async function handle(session: PreviewSession, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = req.method ?? 'GET';
  // A page on another site must not drive the preview (it has the add-on's data): POSTs come from this origin only.
  if (method === 'POST') {
    const origin = req.headers.origin;
    if (origin && origin !== `http://${req.headers.host}`) return json(res, 403, { error: 'cross-origin request refused' });
  }
  const route = `${method} ${url.pathname}`;
  switch (route) {
    case 'GET /':
      return send(res, 200, SHELL, 'text/html; charset=utf-8');
    case 'GET /preview.js':
      return asset(res, 'app.js', 'text/javascript; charset=utf-8');
    case 'GET /shim.js':
      return asset(res, 'shim.js', 'text/javascript; charset=utf-8');
    case 'GET /preview.css':
      return asset(res, 'preview.css', 'text/css; charset=utf-8');
    case 'GET /favicon.ico':
      return send(res, 204, '', 'text/plain');
    case 'GET /api/state':
      return json(res, 200, stateView(session));
    case 'GET /api/sheet': {
      const sheet = session.sheet(url.searchParams.get('name') ?? '');
      return sheet ? json(res, 200, sheetView(sheet)) : json(res, 404, { error: 'no such sheet' });
    }
    case 'POST /api/cell': {
      const b = (await readBody(req)) as { sheet: string; row: number; column: number; text: string };
      const outcome = session.act({ kind: 'cell', sheet: String(b.sheet), row: Number(b.row), column: Number(b.column), text: String(b.text ?? '') });
      return json(res, 200, outcome);
    }
    case 'POST /api/menu': {
      const b = (await readBody(req)) as { functionName: string };
      const known = session.emu.uiState.menus.some((m) => m.items.some((i) => 'functionName' in i && i.functionName === b.functionName));
      if (!known) return json(res, 400, { error: 'not a menu function' });
      return json(res, 200, session.act({ kind: 'menu', functionName: b.functionName }));
    }
    case 'POST /api/select': {
      const b = (await readBody(req)) as { sheet: string; row: number; column: number };
      session.select({ sheet: String(b.sheet), row: Number(b.row) || 1, column: Number(b.column) || 1 });
      return json(res, 200, { ok: true });
    }
    case 'GET /api/toasts':
      return json(res, 200, session.toasts(Number(url.searchParams.get('since')) || 0));
    case 'POST /api/sidebar/close':
      session.closeSidebar();
      return json(res, 200, { ok: true });
    case 'POST /api/fault': {
      // For trying failure paths by hand or in tests: the k-th call (of one service) throws, as Google would.
      // Not journaled: a replay runs without the fault and so ends where the resumed run ended.
      const b = (await readBody(req)) as { atCall?: number; service?: string; message?: string };
      const service = b.service ? String(b.service) : undefined;
      session.emu.runtime.failAt({ atCall: Math.max(1, Number(b.atCall) || 1), service, message: b.message ? String(b.message) : GOOGLE_ERRORS.unavailable(service ?? 'Spreadsheets') });
      return json(res, 200, { ok: true });
    }
    case 'GET /api/alerts':
      return json(res, 200, session.takeAlerts());
    case 'GET /sidebar': {
      const html = session.sidebarHtml();
      if (!html) return send(res, 404, 'サイドバーはまだ開かれていません。', 'text/plain; charset=utf-8');
      // The built file, untouched, with the google.script.run shim loaded first (Google injects its own the same way).
      return send(res, 200, html.replace(/<head>/i, '<head><script src="/shim.js"></script>'), 'text/html; charset=utf-8');
    }
    case 'POST /rpc': {
      const b = (await readBody(req)) as { name: string; args: unknown[] };
      if (!/^[A-Za-z_$][\w$]*$/.test(String(b.name))) return json(res, 400, { error: 'bad function name' });
      const outcome = session.act({ kind: 'rpc', name: b.name, args: Array.isArray(b.args) ? b.args : [] });
      return json(res, 200, outcome.ok ? { ok: true, value: acrossTheWire(outcome.value) } : { ok: false, error: outcome.error });
    }
    default:
      if (await extraRoutes(session, route, url, req, res, { json, send, readText })) return;
      return send(res, 404, 'not found', 'text/plain; charset=utf-8');
  }
}


function main(): void {
  let args: PreviewArgs;
  try {
    args = parsePreviewArgs(process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  }
  const session = new PreviewSession({ stateDir: args.stateDir, reset: args.reset, agenciesFile: args.agencies, locale: args.locale, log: (l) => console.log(l) });
  const { replayed } = session.start();
  const port = Number(process.env.PORT ?? 8787);
  const server = createPreviewServer(session);
  server.listen(port, '127.0.0.1', () => {
    const address = server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    const english = !!args.locale && !args.locale.toLowerCase().startsWith('ja');
    const dir = path.relative(process.cwd(), args.stateDir) || args.stateDir;
    const state = english
      ? (replayed ? `replayed ${replayed} saved actions` : 'started from the demo data')
      : (replayed ? `保存した操作 ${replayed} 件を再生しました` : '新しい状態で開始しました');
    console.log(english ? `就労支援ネットワーク preview: ${state} (${dir})` : `就労支援ネットワーク プレビュー: ${state}（${dir}）`);
    console.log(`Preview running at http://127.0.0.1:${actual}/`);
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
