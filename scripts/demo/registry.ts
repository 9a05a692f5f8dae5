/** Demo step: set up the workbook, import the agencies (demo list or --agencies FILE), check the registry. */
import { readFileSync } from 'node:fs';
import type { CsvImportResult, RegistryReport, RpcResult } from '../../src/protocol';
import { DEMO_AGENCIES_CSV } from './agencies';
import { formatProblem } from '../../src/server/domain/where';
import { DemoContext } from './context';

function unwrap<T>(r: RpcResult<T>, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${r.error.message}`);
  return r.value;
}

export function registryStep(ctx: DemoContext): void {
  const { emu } = ctx;
  emu.run('onOpen', [{ authMode: 'LIMITED' }], { authMode: 'LIMITED' });
  emu.run('setUpWorkbook');
  ctx.log(`初期設定: ${emu.uiState.alerts.at(-1)?.prompt ?? ''}`);
  const csv = ctx.args.agencies ? readFileSync(ctx.args.agencies) : Buffer.from(DEMO_AGENCIES_CSV, 'utf8');
  const imported = unwrap(emu.run<RpcResult<CsvImportResult>>('rpcImportCsv', [csv.toString('base64')]), 'CSV import');
  for (const m of imported.messages) ctx.log(`CSV: ${m}`);
  const report = unwrap(emu.run<RpcResult<RegistryReport>>('rpcCheckRegistry'), 'registry check');
  // The check after import already fixed what it could; report what the import's check fixed as well.
  const fixed = imported.registry.fixed + report.fixed;
  ctx.summary.registry = { rows: report.rows, fixed, problems: report.problems };
  ctx.log(`団体名簿: ${report.rows}件、自動修正 ${fixed}か所、要確認 ${report.problems.length}件`);
  for (const p of report.problems) ctx.log(`  ${formatProblem('ja', { sheet: '団体', ...p })}`);
}
