import type { RpcResult } from '../../src/protocol';
import { DEMO_AGENCIES_CSV } from '../../scripts/demo/agencies';
import { loadAddOn } from './bundle';
import { ok } from './forms';

const NOW = new Date('2026-11-02T10:00:00+09:00');

/** 初期設定 and the 16 demo agencies imported (ids given by the import's check), on 2026-11-02. */
export function roundWorld(): ReturnType<typeof loadAddOn> {
  const emu = loadAddOn({ now: NOW });
  emu.run('setUpWorkbook');
  ok(emu.run<RpcResult<unknown>>('rpcImportCsv', [Buffer.from(DEMO_AGENCIES_CSV, 'utf8').toString('base64')]));
  emu.ledger.reset();
  return emu;
}

/** The requests on record (Document Properties, one JSON object per agency: RoundRecord, domain/agency-round.ts). */
export const requests = (emu: ReturnType<typeof loadAddOn>): string[][] =>
  (JSON.parse(emu.properties.document.get('round.requests') ?? '[]') as string[]).map((r) => JSON.parse(r) as string[]);
