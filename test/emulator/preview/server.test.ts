/**
 * The preview server as an attacker meets it (issue 21): DNS rebinding (a foreign Host), cross-site writes (a foreign
 * Origin), /rpc naming something that is not the add-on's function, oversized and malformed bodies, and the headers
 * every page carries. Each request goes over real HTTP to the server on a free port.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { PreviewSession, topLevelFunctions } from '../../../emulator/preview/session';
import { restoreRandomness } from '../../../emulator/preview/journal';
import { createPreviewServer, MAX_BODY } from '../../../emulator/preview/server';
import { BUNDLE } from '../../support/bundle';

let session: PreviewSession;
let server: http.Server;
let port: number;
let stateDir: string;

beforeAll(async () => {
  stateDir = mkdtempSync(path.join(os.tmpdir(), 'preview-server-'));
  session = new PreviewSession({ stateDir });
  session.start();
  server = createPreviewServer(session);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  restoreRandomness();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

interface Reply { status: number; headers: http.IncomingHttpHeaders; body: string }

function request(method: string, pathname: string, options: { host?: string; origin?: string | null; body?: string | Buffer; headers?: Record<string, string> } = {}): Promise<Reply> {
  const host = options.host ?? `127.0.0.1:${port}`;
  const headers: Record<string, string> = { host, ...(options.headers ?? {}) };
  const origin = options.origin === undefined ? (method === 'POST' ? `http://${host}` : null) : options.origin;
  if (origin) headers.origin = origin;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: pathname, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}

const journalLines = () => readFileSync(path.join(stateDir, 'journal.jsonl'), 'utf8').trim().split('\n').length;
const registryName = (row: number) => String(session.sheet('団体')!.getRange(row, 2).getValue());

describe('DNS rebinding and cross-site writes', () => {
  test.each(['attacker.example', `attacker.example:${0}`, '127.0.0.1', '127.0.0.1.nip.io', 'localhost:1'])('a foreign Host (%s) gets no data', async (h) => {
    const host = h.endsWith(':0') ? h.replace(':0', `:${port}`) : h;
    for (const p of ['/', '/api/state', `/api/sheet?name=${encodeURIComponent('団体')}`, '/sidebar', '/forms', '/docs', '/calendar', '/calls']) {
      const r = await request('GET', p, { host });
      expect(r.status).toBe(403);
      expect(r.body).not.toContain('ワークサポートあおば');
    }
  });

  test('the loopback names on the right port are served', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      const r = await request('GET', `/api/sheet?name=${encodeURIComponent('団体')}`, { host });
      expect(r.status).toBe(200);
      expect(r.body).toContain('ワークサポートあおば');
    }
  });

  test('a write with a foreign Host, a foreign Origin or no Origin changes nothing and is not journalled', async () => {
    const before = registryName(2);
    const lines = journalLines();
    const edit = JSON.stringify({ sheet: '団体', row: 2, column: 2, text: 'のっとり' });
    expect((await request('POST', '/api/cell', { host: `attacker.example:${port}`, origin: `http://attacker.example:${port}`, body: edit })).status).toBe(403);
    expect((await request('POST', '/api/cell', { origin: 'https://attacker.example', body: edit })).status).toBe(403);
    expect((await request('POST', '/api/cell', { origin: 'null', body: edit })).status).toBe(403);
    expect((await request('POST', '/api/cell', { origin: null, body: edit })).status).toBe(403);
    expect((await request('POST', '/rpc', { origin: 'https://attacker.example', body: JSON.stringify({ name: 'rpcCheckRegistry', args: [] }) })).status).toBe(403);
    expect(registryName(2)).toBe(before);
    expect(journalLines()).toBe(lines);
    // The same write from the preview's own origin goes through.
    const ok = await request('POST', '/api/cell', { body: JSON.stringify({ sheet: 'シート1', row: 30, column: 1, text: 'ok' }) });
    expect(ok.status).toBe(200);
    expect(journalLines()).toBe(lines + 1);
  });
});

describe('/rpc calls only the add-on\'s top-level functions', () => {
  test('the list comes from the bundle\'s stubs: the entry points, nothing from inside webpack\'s closure', () => {
    const names = topLevelFunctions(readFileSync(BUNDLE, 'utf8'));
    expect(names.has('rpcCheckRegistry')).toBe(true);
    expect(names.has('onOpen')).toBe(true);
    // A function inside webpack's closure is not an entry point, unminified or minified.
    expect(topLevelFunctions('function onOpen() {\n}\nfunction rpcA() {\n}\n(() => {\nfunction typeLabel() {\n}\n})();')).toEqual(new Set(['onOpen', 'rpcA']));
    expect(topLevelFunctions('function onOpen(){}function rpcA(){}(()=>{"use strict";function typeLabel(){}})();')).toEqual(new Set(['onOpen', 'rpcA']));
    expect(names.size).toBeGreaterThan(20);
  });

  test.each(['constructor', 'toString', 'Error', '__proto__', 'valueOf', 'hasOwnProperty', 'typeLabel', 'eval', 'SpreadsheetApp'])('%s is a 404 with a clear message, and nothing is journalled', async (name) => {
    const lines = journalLines();
    const r = await request('POST', '/rpc', { body: JSON.stringify({ name, args: [] }) });
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body).error).toBe(`「${name}」はアドオンの関数ではありません。呼べるのは dist/Code.js が最上位で定義する関数だけです。`);
    expect(journalLines()).toBe(lines);
  });

  test('an add-on function runs', async () => {
    const r = await request('POST', '/rpc', { body: JSON.stringify({ name: 'rpcGetSettings', args: [] }) });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).ok).toBe(true);
  });
});

describe('request bodies', () => {
  test('a body over the limit is a 413 that says the limit', async () => {
    const lines = journalLines();
    const big = JSON.stringify({ name: 'rpcImportCsv', args: ['x'.repeat(MAX_BODY)] });
    const r = await request('POST', '/rpc', { body: big });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error).toBe('リクエストが大きすぎます（上限 10 MB）。');
    expect(journalLines()).toBe(lines);
  });

  test('malformed JSON is a 400 naming the problem; so is JSON that is not an object', async () => {
    const r = await request('POST', '/api/cell', { body: '{"sheet": "団体", row: 2' });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error).toMatch(/^リクエストの本文を JSON として読めません: .*(JSON|property|position)/);
    const arr = await request('POST', '/rpc', { body: '[1,2]' });
    expect(arr.status).toBe(400);
    expect(JSON.parse(arr.body).error).toBe('リクエストの本文は JSON のオブジェクト（{…}）にしてください。');
  });
});

describe('headers on every route', () => {
  test('a strict policy, never framed, nosniff', async () => {
    const routes = ['/', '/sidebar', '/forms', '/docs', '/calendar', '/calls', '/api/state', '/preview.js', '/no-such-page'];
    for (const p of routes) {
      const r = await request('GET', p);
      const csp = String(r.headers['content-security-policy']);
      expect(csp).toMatch(/default-src 'none'/);
      expect(csp).toMatch(/base-uri 'none'/);
      expect(csp).toMatch(/object-src 'none'/);
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      if (p === '/sidebar') {
        // The one page that is framed — by the preview page itself, as Sheets frames the sidebar.
        expect(csp).toMatch(/frame-ancestors 'self'/);
        expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/]+=*'/);
      } else {
        expect(csp).toMatch(/frame-ancestors 'none'/);
        expect(r.headers['x-frame-options']).toBe('DENY');
      }
    }
  });
});
