/** What every demo step shares: the emulator running the built bundle, the summary being built, and the exporters. */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createEmulator, Emulator } from '../../emulator';

/** The demo's "now": early February of fiscal year 2025, after the seminar (Aug) and the workshop (Dec). */
export const DEMO_NOW = new Date('2026-02-02T09:00:00+09:00');

export interface DemoArgs {
  agencies?: string;
  responses?: string;
  /** issue 17: company inquiries (header 会社名,業種,所在地,担当者メール,相談内容,対象障害,自由記述,共有同意). */
  consultations?: string;
  out: string;
}

export interface DemoContext {
  emu: Emulator;
  args: DemoArgs;
  summary: Record<string, unknown>;
  /** Extra files to write under out/demo/, relative path → content. */
  files: Map<string, string | Buffer>;
  log(line: string): void;
}

export type DemoStep = (ctx: DemoContext) => void;

export function parseArgs(argv: readonly string[]): DemoArgs {
  const args: DemoArgs = { out: path.resolve('out', 'demo') };
  for (let i = 0; i < argv.length; i++) {
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${argv[i - 1]} needs a value`);
      return v;
    };
    if (argv[i] === '--agencies') args.agencies = path.resolve(next());
    else if (argv[i] === '--responses') args.responses = path.resolve(next());
    else if (argv[i] === '--out') args.out = path.resolve(next());
    else if (argv[i] === '--consultations') args.consultations = path.resolve(next());
  }
  return args;
}

export function newContext(args: DemoArgs, log: (line: string) => void = console.log): DemoContext {
  const emu = createEmulator({ now: DEMO_NOW });
  emu.load();
  return { emu, args, summary: {}, files: new Map(), log };
}

function cellJson(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : v;
}

/** Writes out/demo/: every sheet as getValues/getDisplayValues/getFormulas, summary.json, calls.json, step files. */
export function exportDemo(ctx: DemoContext): void {
  const out = ctx.args.out;
  mkdirSync(path.join(out, 'sheets'), { recursive: true });
  for (const sheet of ctx.emu.active.sheets) {
    const range = sheet.getDataRange();
    const data = {
      values: range.getValues().map((r) => r.map(cellJson)),
      displayValues: range.getDisplayValues(),
      formulas: range.getFormulas(),
    };
    writeFileSync(path.join(out, 'sheets', `${sheet.name}.json`), JSON.stringify(data, null, 2));
  }
  writeFileSync(path.join(out, 'summary.json'), JSON.stringify(ctx.summary, null, 2));
  writeFileSync(path.join(out, 'calls.json'), JSON.stringify(ctx.emu.ledger.byOperation(), null, 2));
  for (const [file, content] of ctx.files) {
    const target = path.join(out, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}
