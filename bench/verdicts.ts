/**
 * Issue 18's "Done when" lines, judged on the rows the bench measured (pure: rows in, lines out; tested in
 * test/project/bench.test.ts). Each line ends with a verdict — "holds", what exceeds, or "not measured" with the
 * size that would measure it — never with nothing after the colon.
 *
 * Artifacts (bench/minimum.ts countArtifacts: a sheet, a form, each form item, a file, a calendar event, a mail) are
 * left out of the call budget and of the "same at every size" comparison, as the issue says ("except one call per
 * artifact it creates"): a batch of mails or a form's items follows the data, the calls around them must not.
 */

export interface VerdictRow {
  operation: string;
  agencies: number;
  responses: number;
  calls: number;
  baselineCalls: number;
  modeledSeconds: number;
  artifacts: number;
  byService: Record<string, number>;
  byMethod: Record<string, number>;
  docsCalls?: number;
  docsBaselineCalls?: number;
  /** limit9: the call at which Google's 6-minute limit stopped the operation (emulator/execution-limit.ts); absent when it fitted. */
  stoppedAtCall?: number;
}

const size = (r: Pick<VerdictRow, 'agencies' | 'responses'>) => `${r.agencies}×${r.responses}`;
const unique = <T>(xs: readonly T[]) => [...new Set(xs)];

/** The operations in the order they were measured. */
function operationsOf(rows: readonly VerdictRow[]): string[] {
  return unique(rows.map((r) => r.operation));
}

/** Rows as "op figure at size, size" — the sizes with the same figure together; "every size" when it is all `every` measured. */
function grouped(rows: readonly VerdictRow[], figure: (r: VerdictRow) => string, every: number): string[] {
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const key = `${r.operation} ${figure(r)}`;
    out.set(key, [...(out.get(key) ?? []), size(r)]);
  }
  return [...out].map(([key, sizes]) => `${key} at ${sizes.length > 1 && sizes.length === every ? 'every size' : sizes.join(', ')}`);
}

export function budgetVerdict(rows: readonly VerdictRow[], budget = 60): string {
  const over = grouped(rows.filter((r) => r.calls - r.artifacts > budget), (r) => `${r.calls} (${r.artifacts} artifacts)`, unique(rows.map(size)).length);
  return `- ≤ ${budget} calls except one per artifact: ${over.length ? `exceeded by ${over.join('; ')}` : 'holds for every operation'}`;
}

/** Calls less artifacts, per operation, across the sizes measured (the issue: 40 and 10,000 responses, 16 and 1,000 agencies). */
export function sameAtEverySizeVerdict(rows: readonly VerdictRow[]): string {
  const sizes = unique(rows.map(size));
  const head = '- calls (less one per artifact) the same at every size';
  if (sizes.length < 2) return `${head}: not judged — one size measured (${sizes.join('') || 'none'}); run two or more, e.g. BENCH_SIZES=16x40,1000x10000`;
  const varies = operationsOf(rows).flatMap((op) => {
    const mine = rows.filter((r) => r.operation === op);
    const fixed = mine.map((r) => r.calls - r.artifacts);
    const lo = Math.min(...fixed), hi = Math.max(...fixed);
    if (lo === hi) return [];
    const at = (n: number) => size(mine[fixed.indexOf(n)]!);
    return [`${op} ${lo} at ${at(lo)} – ${hi} at ${at(hi)}`];
  });
  const ops = operationsOf(rows).length;
  return `${head} (${sizes.join(', ')}): ${varies.length ? `holds for ${ops - varies.length} of ${ops}; varies for ${varies.join(', ')}` : 'holds for every operation'}`;
}

/** SpreadsheetApp calls per operation across sizes, and which methods differ between its smallest and largest run. */
export function sheetsConstantVerdict(rows: readonly VerdictRow[]): string[] {
  const ops = operationsOf(rows);
  const head = '- Sheets calls the same at every size';
  if (unique(rows.map(size)).length < 2) return [`${head}: not judged — one size measured`];
  const varying = ops.filter((op) => unique(rows.filter((r) => r.operation === op).map((r) => r.byService.SpreadsheetApp ?? 0)).length > 1);
  const lines = [`${head}: ${varying.length ? `holds for ${ops.length - varying.length} of ${ops.length}; varies for ${varying.join(', ')}` : 'holds for every operation'}`];
  for (const op of varying) {
    const mine = rows.filter((r) => r.operation === op);
    const small = mine[0]!, large = mine[mine.length - 1]!;
    const methods = unique([...Object.keys(small.byMethod), ...Object.keys(large.byMethod)].filter((m) => m.startsWith('SpreadsheetApp.')));
    const diff = methods.filter((m) => (small.byMethod[m] ?? 0) !== (large.byMethod[m] ?? 0)).map((m) => `${m.replace('SpreadsheetApp.', '')} ${small.byMethod[m] ?? 0}→${large.byMethod[m] ?? 0}`);
    lines.push(`    ${op} (${size(small)} → ${size(large)}): ${diff.join(', ')}`);
  }
  return lines;
}

/**
 * ≥ `factor`× fewer calls than the per-cell baseline "at 1,000 rows": judged at 1,000 agencies × 1,000 responses; when
 * that size was not run, at the largest size with 1,000 agencies or more (said so: the baseline only grows with rows).
 */
export function baselineVerdict(rows: readonly VerdictRow[], factor = 50): string {
  const exact = rows.filter((r) => r.agencies === 1000 && r.responses === 1000);
  const big = rows.filter((r) => r.agencies >= 1000);
  const largest = big.length ? big.reduce((a, r) => (r.agencies * r.responses > a.agencies * a.responses ? r : a)) : null;
  const at = exact.length ? exact : largest ? big.filter((r) => size(r) === size(largest)) : [];
  const head = `- ≥ ${factor}× fewer calls than the per-cell baseline at 1,000 rows`;
  if (!at.length) return `${head}: not measured — no run with 1,000 agencies (BENCH_SIZES=1000x1000 or 1000x10000)`;
  const ratio = (r: VerdictRow) => r.baselineCalls / Math.max(1, r.calls);
  const short = at.filter((r) => ratio(r) < factor);
  const where = exact.length ? '1,000 agencies × 1,000 responses' : `${size(at[0]!)}, the largest run with 1,000 agencies`;
  return `${head} (${where}): ${short.length ? `holds for ${at.length - short.length} of ${at.length}; below for ${short.map((r) => `${r.operation} ${ratio(r).toFixed(1)}×`).join(', ')}` : `holds for every operation (least ${Math.min(...at.map(ratio)).toFixed(0)}×)`}`;
}

export function modeledTimeVerdict(rows: readonly VerdictRow[], limitSeconds = 60): string {
  const at = rows.filter((r) => r.agencies === 1000 && r.responses === 10000);
  const head = `- modeled time < ${limitSeconds} s at 1,000 agencies / 10,000 responses`;
  if (!at.length) return `${head}: not measured — BENCH_SIZES has no 1000x10000`;
  const over = at.filter((r) => r.modeledSeconds >= limitSeconds);
  const worst = at.reduce((a, r) => (r.modeledSeconds > a.modeledSeconds ? r : a));
  return `${head}: ${over.length ? `holds for ${at.length - over.length} of ${at.length}; exceeded by ${over.map((r) => `${r.operation} ${r.modeledSeconds} s`).join(', ')}` : `holds for every operation (longest ${worst.operation} ${worst.modeledSeconds} s)`}`;
}

/**
 * limit9: each operation fits in one execution — Google stops an execution after 6 minutes ("Script runtime: 6 min /
 * execution", https://developers.google.com/apps-script/guides/services/quotas), enforced by the emulator on modeled
 * time; an operation stopped there is listed with the size and the call it was stopped at.
 */
export function executionLimitVerdict(rows: readonly VerdictRow[]): string {
  const head = '- every operation fits in one execution (≤ 360 s modeled, Google\'s 6-minute limit)';
  if (!rows.length) return `${head}: not measured`;
  const stopped = rows.filter((r) => r.stoppedAtCall !== undefined);
  return `${head}: ${stopped.length ? `stopped at the limit: ${stopped.map((r) => `${r.operation} at ${size(r)} (call ${r.stoppedAtCall!.toLocaleString('en')})`).join(', ')}` : `holds at every size measured (${unique(rows.map(size)).join(', ')})`}`;
}

/** The two documents ≤ `limit` calls each, at every size measured. */
export function documentsVerdict(rows: readonly VerdictRow[], limit = 20): string {
  // The first runs and the later ones (「（2回目）」 rows).
  const docs = rows.filter((r) => r.operation.startsWith('パンフレットを作成') || r.operation.startsWith('活動報告書を作成'));
  const head = `- パンフレットを作成 and 活動報告書を作成 ≤ ${limit} calls`;
  if (!docs.length) return `${head}: not measured`;
  const over = grouped(docs.filter((r) => r.calls > limit), (r) => String(r.calls), unique(rows.map(size)).length);
  return `${head}: ${over.length ? `exceeded by ${over.join('; ')}` : 'holds'}`;
}

export function bundleVerdict(bytes: number, limit = 250 * 1024): string {
  return `- dist/Code.js < 250 KB: ${bytes < limit ? 'holds' : 'exceeded'} (${bytes.toLocaleString('en')} B)`;
}

/** Every "Done when" line, in the issue's order, then the bench's own figures. */
export function doneWhenLines(rows: readonly VerdictRow[], codeBytes: number): string[] {
  const lines = [documentsVerdict(rows), budgetVerdict(rows), sameAtEverySizeVerdict(rows), ...sheetsConstantVerdict(rows), bundleVerdict(codeBytes), baselineVerdict(rows)];
  const pamphlet = rows.find((r) => r.operation === 'パンフレットを作成' && r.agencies === 200);
  if (pamphlet) lines.push(`- 200-agency pamphlet Docs calls: ${pamphlet.docsCalls} vs per-placeholder ${pamphlet.docsBaselineCalls} (${((pamphlet.docsBaselineCalls ?? 0) / Math.max(1, pamphlet.docsCalls ?? 0)).toFixed(1)}×)`);
  lines.push(modeledTimeVerdict(rows));
  lines.push(executionLimitVerdict(rows));
  return lines;
}
