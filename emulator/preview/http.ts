/**
 * What every preview route is written with: the route and request types, and the two ways to answer. The server's
 * own routes (server.ts, ROUTES) and each service's page routes (declared with the service in emulator/registry.ts,
 * written in service-pages.ts) share them, so every route gets the same protections from the server's `handle`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PreviewSession } from './session';

export const HTML = 'text/html; charset=utf-8';

export function send(res: ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

export function json(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

/** The answer when a route's path matched but what it names (a form, a document, a file) does not exist. */
export function notFound(res: ServerResponse): void {
  send(res, 404, 'not found', 'text/plain; charset=utf-8');
}

/** What a route handler gets. */
export interface RequestContext {
  session: PreviewSession;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The path's capture groups, for a route whose path is a RegExp. */
  params: string[];
  /** The JSON object sent (400 if malformed, 413 if too large). */
  body(): Promise<Record<string, unknown>>;
  /** The body as text (a form's POST; 413 if too large). */
  text(): Promise<string>;
}

export interface Route {
  method: 'GET' | 'POST';
  /** An exact path, or a RegExp over the path whose groups become `params`. */
  path: string | RegExp;
  handle(ctx: RequestContext): void | Promise<void>;
}
