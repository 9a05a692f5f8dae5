/**
 * The seed's year as scenarios for `npm start -- --scenario NAME`. Each is built by running the add-on (the built
 * bundle) on the emulator, as the demo does, so what the preview shows is what the add-on makes.
 *
 * - `start` (the default: the whole workflow is left to click through): the registry imported, the seminar
 *   (2025-08-22) and the workshop (2025-12-12) typed into 行事 as 募集中 / 準備中, the year's meetings typed into 会議,
 *   nothing created or sent. The emulated day is 2025-07-01, when registration for the seminar opens.
 * - `year-end`: the demo's whole year (scripts/demo: 40 and 30 registrations through the forms, check-in, surveys,
 *   the tally, the pamphlet issued on 2026-02-02, the meeting invitations sent), then on 2026-03-24 — after the
 *   報告会 of 2026-03-18, before the fiscal year ends — 「アンケートを集計」 and 「活動報告書を作成」; the preview opens on
 *   2026-03-25. The report shows 加盟団体 12 → 16 and 40 and 30 participants.
 */
import type { Emulator } from '../index';
import { DEMO_NOW, DemoContext } from '../../scripts/demo/context';
import { DEMO_EVENTS, formsStep, writeDemoEvents } from '../../scripts/demo/forms';
import { DEMO_MEETINGS, DEMO_PARTNERS, meetingsStep, typeRows } from '../../scripts/demo/meetings';
import { pamphletStep } from '../../scripts/demo/pamphlet';
import { reportStep } from '../../scripts/demo/report';
import { MEETINGS, PARTNERS } from '../../src/server/domain/schema';

export const SCENARIOS = ['start', 'year-end'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];
export const DEFAULT_SCENARIO: ScenarioName = 'start';

/** The emulated day each scenario opens on. */
export const SCENARIO_NOW: Record<ScenarioName, Date> = {
  start: new Date('2025-07-01T09:00:00+09:00'),
  'year-end': new Date('2026-03-25T09:00:00+09:00'),
};

export function isScenario(name: string): name is ScenarioName {
  return (SCENARIOS as readonly string[]).includes(name);
}

/** What the page points the coordinator to first (the year-end report). */
/** A link the start message and the page offer first; `titleEn` for `--locale en`. */
export interface Highlight { title: string; titleEn?: string; href: string }

interface ImportResult { ok: boolean; error?: { message: string } }

/**
 * Seeds the emulator (the bundle loaded, nothing run yet) with the scenario. `run` runs one execution of a bundle
 * function; `agenciesCsv` is the registry (base64).
 */
export function seedScenario(emu: Emulator, name: ScenarioName, agenciesCsv: string, run: (fn: string, args: unknown[]) => unknown): Highlight[] {
  // The set-up is history by the scenario's day (its 操作ログ lines must not read as results the coordinator has
  // just missed, see 「前回の結果」): the start's the evening before, the year-end's at the beginning of the year.
  emu.runtime.setNow(name === 'start' ? new Date(SCENARIO_NOW.start.getTime() - 16 * 3600_000) : new Date('2025-06-02T09:00:00+09:00'));
  run('onInstall', [{ authMode: 'FULL' }]);
  run('setUpWorkbook', []);
  const imported = run('rpcImportCsv', [agenciesCsv]) as ImportResult | undefined;
  if (imported && !imported.ok) throw new Error(`seed CSV: ${imported.error?.message ?? ''}`);
  if (name === 'start') {
    if (emu.active.sheets.some((s) => s.name === '行事')) writeDemoEvents(emu, DEMO_EVENTS, (e) => (e.id === 'EV-SEMINAR' ? '募集中' : '準備中'));
    if (emu.active.sheets.some((s) => s.name === PARTNERS.name)) typeRows(emu, PARTNERS, DEMO_PARTNERS);
    if (emu.active.sheets.some((s) => s.name === MEETINGS.name)) typeRows(emu, MEETINGS, DEMO_MEETINGS);
    return [];
  }
  const ctx: DemoContext = { emu, args: { out: '' }, summary: {}, files: new Map(), log: () => undefined };
  run('checkRegistry', []);
  for (const step of [formsStep, pamphletStep, meetingsStep]) {
    emu.runtime.setNow(DEMO_NOW);
    step(ctx);
  }
  // The summary and the report: the afternoon before the scenario's day.
  emu.runtime.setNow(new Date(SCENARIO_NOW['year-end'].getTime() - 18 * 3600_000));
  reportStep(ctx);
  const report = ctx.summary.report as { name: string } | undefined;
  const file = report ? [...emu.drive.files.values()].find((f) => f.name === report.name) : undefined;
  return file ? [{ title: `活動報告書「${file.name}」を開く`, titleEn: `Open the activity report "${file.name}"`, href: `/docs/${encodeURIComponent(file.id)}` }] : [];
}
