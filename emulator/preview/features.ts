/**
 * Pages for what the features create — forms as a participant answers them, documents rendered, the calendar —
 * shown when the emulator has that service. Each feature's page is one block here.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PreviewSession } from './session';

export interface Responders {
  json(res: ServerResponse, status: number, value: unknown): void;
  send(res: ServerResponse, status: number, body: string | Buffer, type: string): void;
  readBody(req: IncomingMessage): Promise<unknown>;
}

/** Which feature pages exist, for the page's navigation. */
export function featureState(_session: PreviewSession): { pages: { id: string; title: string; href: string }[] } {
  return { pages: [] };
}

export async function extraRoutes(
  _session: PreviewSession, _route: string, _url: URL, _req: IncomingMessage, _res: ServerResponse, _r: Responders,
): Promise<boolean> {
  return false;
}
