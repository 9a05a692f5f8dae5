/**
 * `npm run demo -- [--agencies FILE.csv] [--responses FILE.csv] [--consultations FILE.csv] [--out DIR]`: the seed's scenario, run through the
 * built dist/Code.js on the emulator, exported to out/demo/. Each feature adds its step to STEPS.
 */
import { DEMO_NOW, DemoStep, exportDemo, newContext, parseArgs } from './demo/context';
import { registryStep } from './demo/registry';
import { formsStep } from './demo/forms';
import { meetingsStep } from './demo/meetings';
import { pamphletStep } from './demo/pamphlet';
import { reportStep } from './demo/report';
import { certificatesStep } from './demo/checkin';
import { certificateMailStep, mailStep } from './demo/mail';
import { agencyRoundStep } from './demo/agencyRound';
import { consultationsStep } from './demo/consultations';

export const STEPS: readonly DemoStep[] = [registryStep, formsStep, mailStep, certificatesStep, certificateMailStep, pamphletStep, meetingsStep, consultationsStep, reportStep, agencyRoundStep];

export function runDemo(argv: readonly string[], log: (line: string) => void = console.log) {
  const ctx = newContext(parseArgs(argv), log);
  for (const step of STEPS) {
    // Steps may travel in time (registrations in July, check-in in December); each starts at the demo's "now".
    ctx.emu.runtime.setNow(DEMO_NOW);
    step(ctx);
  }
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
