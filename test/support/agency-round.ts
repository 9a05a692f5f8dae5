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

/** 初期設定 and `n` generated agencies (each with a mail address and 掲載同意 同意), imported as roundWorld's are. */
export function roundWorldOf(n: number): ReturnType<typeof loadAddOn> {
  const header = DEMO_AGENCIES_CSV.split('\n')[0]!;
  const lines = Array.from({ length: n }, (_, i) => [
    `団体${i}`, 'ダンタイ', '就労移行支援', '', '101-0054', `東京都千代田区神田${i}`, '', `03-${String(1000 + (i % 9000)).padStart(4, '0')}-${String(2000 + (i % 8000)).padStart(4, '0')}`, '',
    `a${i}@example.jp`, '', '身体', '雇用相談', '窓口', '', '月〜金', i % 2 ? 'A' : 'B', '2024-04-01', '同意', '2024-05-01',
  ].join(','));
  const emu = loadAddOn({ now: NOW });
  emu.run('setUpWorkbook');
  ok(emu.run<RpcResult<unknown>>('rpcImportCsv', [Buffer.from([header, ...lines].join('\n') + '\n', 'utf8').toString('base64')]));
  emu.ledger.reset();
  return emu;
}
