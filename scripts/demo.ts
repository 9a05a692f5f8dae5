/**
 * `npm run demo -- [--agencies FILE.csv] [--responses FILE.csv] [--out DIR]`: the seed's scenario, run through the
 * built dist/Code.js on the emulator, exported to out/demo/. Each feature adds its step to STEPS.
 */
import { DemoStep, exportDemo, newContext, parseArgs } from './demo/context';
import { registryStep } from './demo/registry';
import { formsStep } from './demo/forms';
import { meetingsStep } from './demo/meetings';
import { pamphletStep } from './demo/pamphlet';

export const STEPS: readonly DemoStep[] = [registryStep, formsStep, pamphletStep, meetingsStep];

export function runDemo(argv: readonly string[], log: (line: string) => void = console.log) {
  const ctx = newContext(parseArgs(argv), log);
  for (const step of STEPS) step(ctx);
  exportDemo(ctx);
  log(`出力: ${ctx.args.out}`);
  return ctx;
}

if (require.main === module) {
  try {
    runDemo(process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
