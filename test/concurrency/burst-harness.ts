/**
 * The burst scenario: N participants submit a registration or survey form at given modeled times (evenly over 60 s,
 * all at once, or a seeded Poisson process), on the emulator's modeled clock (emulator/timeline.ts): each firing of
 * the form-submit trigger is an execution that starts at its response's time, waits for the document lock in modeled
 * time, may give up, may be refused by the 30-simultaneous-executions limit; the hourly catch-up trigger fires as the
 * clock passes its time. Optionally a coordinator's long command holds the document lock during the burst.
 *
 * Shared by test/concurrency/burst.test.ts (the guarantee at N = 40) and bench/bench.ts (the figures at 40/100/300).
 * Observation is raw (uncounted) reads of the ledger / survey store after each execution.
 */
import { createEmulator, Emulator } from '../../emulator';
import { ArrivalPattern, DEFAULT_CALL_MS, TimedExecution, arrivalOffsets } from '../../emulator/timeline';
import type { EventFormsResult, RpcResult } from '../../src/protocol';
import { DEMO_AGENCIES_CSV } from '../../scripts/demo/agencies';
import { DEMO_EVENTS, DemoEvent, agencyNamesOf, participantAnswers, surveyAnswers, writeDemoEvents } from '../../scripts/demo/forms';

export type Purpose = 'registration' | 'survey';

export interface BurstOptions {
  n: number;
  pattern: ArrivalPattern;
  purpose: Purpose;
  /** Over how long the submissions arrive (uniform, Poisson). Default 60 s. */
  spanMs?: number;
  seed?: number;
  /** 定員 of the event (registration). Default 25, so that a burst of 40 fills it and waitlists the rest. */
  capacity?: number;
  /** A coordinator's command holding the document lock from `at` (ms after the burst starts) for `ms`. */
  longHold?: { at: number; ms: number };
  /** How long after the burst starts the clock runs (default 2 h): time-driven triggers fire meanwhile. */
  horizonMs?: number;
  bundlePath?: string;
  /** Remove the hourly catch-up before the burst (to show what it is for). */
  withoutCatchUp?: boolean;
}

export interface BurstReport {
  n: number;
  pattern: ArrivalPattern;
  purpose: Purpose;
  /** Form-submit firings: started, completed with the lock, gave up on the lock (deferred), failed, refused. */
  firings: number;
  recorded: number;
  deferred: number;
  failed: number;
  refused: number;
  /** Most firings running at once. */
  peakRunning: number;
  /** Modeled ms from the burst's start until every response was recorded (null: some never were). */
  allRecordedAfterMs: number | null;
  /** The longest any one response waited from its submission until it was recorded. */
  worstWaitMs: number | null;
  /** Responses still not recorded at the horizon: a coordinator would have to press 「回答を同期」. */
  manualActions: number;
  /** Responses the hourly catch-up recorded, and its runs. */
  recordedByCatchUp: number;
  catchUpRuns: number;
  /** Service calls of a firing that recorded (mean), of one that gave up, of a catch-up with nothing pending. */
  callsPerFiring: number;
  callsPerDeferral: number | null;
  callsPerIdleCatchUp: number | null;
  /** Mean modeled ms a recording firing held the document lock (÷ 160 ms: its calls under the lock). */
  lockHeldMs: number;
  callsUnderLock: number;
  duplicates: number;
  /** 定員 honoured in submission order: the first `capacity` by submission time are 参加, the rest キャンセル待ち. */
  capacityInOrder: boolean;
  /** The coordinator's long command: ran, refused by the simultaneous-execution limit, or none asked for. */
  longHold: 'ran' | 'refused' | 'failed' | 'none';
  /** The catch-up's heartbeat in Document Properties at the end (JSON), if it ran. */
  heartbeat: string | null;
  /** Registration mails (申込受付 / キャンセル待ち) per registrant address, min and max over the burst (issue 15). */
  registrationMails: { min: number; max: number; people: number };
  wallMs: number;
}

const START = new Date('2025-07-01T09:00:00+09:00');

/** 初期設定, the demo agencies, one event and its forms — before the burst, on the ordinary (unmodeled) clock. */
export function burstWorld(options: { capacity: number; bundlePath?: string }): { emu: Emulator; event: DemoEvent; forms: EventFormsResult; agencies: string[] } {
  const emu = createEmulator({ now: START });
  emu.load(options.bundlePath);
  const event = { ...(DEMO_EVENTS[0] as DemoEvent), capacity: options.capacity };
  emu.run('setUpWorkbook');
  ok(emu.run<RpcResult<unknown>>('rpcImportCsv', [Buffer.from(DEMO_AGENCIES_CSV, 'utf8').toString('base64')]));
  writeDemoEvents(emu, [event]);
  const forms = ok(emu.run<RpcResult<EventFormsResult>>('rpcCreateEventForms', [event.id]));
  return { emu, event, forms, agencies: agencyNamesOf(emu) };
}

function ok<T>(r: RpcResult<T>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Recorded responses by submission time (ms): ledger rows of the event, or survey answers grouped by response. */
export function recordedSubmissionTimes(emu: Emulator, purpose: Purpose, eventId: string): { times: number[]; statuses: string[]; ids: string[] } {
  const name = purpose === 'registration' ? '参加者台帳' : 'アンケート記録';
  const sheet = emu.active.sheets.find((s) => s.name === name);
  if (!sheet) return { times: [], statuses: [], ids: [] };
  const [header, ...rows] = sheet.getDataRange().getValues();
  const col = (h: string) => header!.map(String).indexOf(h);
  const [ev, id, at, st] = [col('行事id'), col('回答id'), col(purpose === 'registration' ? '申込日時' : '回答日時'), col('状態')];
  const seen = new Map<string, { time: number; status: string }>();
  const ids: string[] = [];
  for (const r of rows) {
    if (r[ev] !== eventId) continue;
    const key = String(r[id]);
    if (purpose === 'registration') ids.push(key);
    if (seen.has(key)) continue;
    if (purpose === 'survey') ids.push(key);
    seen.set(key, { time: r[at] instanceof Date ? (r[at] as Date).getTime() : Number.NaN, status: st >= 0 ? String(r[st]) : '' });
  }
  const entries = [...seen.values()];
  return { times: entries.map((e) => e.time), statuses: entries.map((e) => e.status), ids };
}

export function runBurst(options: BurstOptions): BurstReport {
  const wallStart = performance.now();
  const spanMs = options.spanMs ?? 60_000;
  const capacity = options.capacity ?? 25;
  const { emu, event, forms, agencies } = burstWorld({ capacity, bundlePath: options.bundlePath });
  const formId = options.purpose === 'registration' ? forms.registration.formId : forms.survey.formId;
  if (options.withoutCatchUp) emu.triggers.splice(0, emu.triggers.length, ...emu.triggers.filter((t) => t.handlerFunction !== 'catchUpResponses'));
  emu.clock.enable();
  // The burst starts a minute after the forms were made (and the hourly catch-up installed).
  const t0 = emu.clock.now() + 60_000;
  const offsets = arrivalOffsets(options.n, options.pattern, spanMs, options.seed ?? 1);
  offsets.forEach((offset, i) => {
    const answers = options.purpose === 'registration' ? participantAnswers(0, i, agencies) : surveyAnswers(i, false);
    emu.clock.submitAt(t0 + offset, formId, answers);
  });
  if (options.longHold) {
    const hold = options.longHold;
    emu.clock.timeline.startAt(t0 + hold.at, '長い操作', () => {
      // Another command of the add-on (e.g. generating the pamphlet) holding the document lock throughout.
      const lock = emu.globals.LockService.getDocumentLock();
      lock.waitLock(30_000);
      emu.globals.Utilities.sleep(hold.ms);
      lock.releaseLock();
    });
  }
  const submitted = offsets.map((o) => t0 + o);
  const firstSeen = new Map<number, number>(); // submission time → when recorded
  let byCatchUp = 0;
  emu.clock.timeline.onExecutionEnd = (execution: TimedExecution) => {
    const before = firstSeen.size;
    for (const time of recordedSubmissionTimes(emu, options.purpose, event.id).times) if (!firstSeen.has(time)) firstSeen.set(time, execution.end);
    if (execution.label === 'catchUpResponses') byCatchUp += firstSeen.size - before;
  };
  emu.clock.advanceTo(t0 + (options.horizonMs ?? 2 * 3_600_000));

  const all = emu.clock.executions;
  const firings = all.filter((e) => e.label === 'onFormSubmit');
  const recording = firings.filter((e) => e.outcome === 'completed' && !e.lockTimedOut);
  const deferrals = firings.filter((e) => e.outcome === 'completed' && e.lockTimedOut);
  const catchUps = all.filter((e) => e.label === 'catchUpResponses' && e.outcome === 'completed');
  const idleCatchUps = catchUps.filter((e) => e.lockHeldMs === 0 && e.lockWaitMs === 0);
  const waits = submitted.map((t) => (firstSeen.has(t) ? firstSeen.get(t)! - t : Number.POSITIVE_INFINITY));
  const missing = waits.filter((w) => !Number.isFinite(w)).length;
  const recorded = recordedSubmissionTimes(emu, options.purpose, event.id);
  const order = recorded.times.map((t, i) => ({ t, status: recorded.statuses[i]! })).sort((a, b) => a.t - b.t);
  const capacityInOrder = options.purpose === 'survey'
    || order.every((r, i) => (i < capacity ? r.status !== 'キャンセル待ち' : r.status === 'キャンセル待ち'));
  const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null);
  let peak = 0;
  for (const f of firings) if (f.outcome !== 'refused') peak = Math.max(peak, emu.clock.timeline.runningAt(f.start));
  return {
    n: options.n,
    pattern: options.pattern,
    purpose: options.purpose,
    firings: firings.length,
    recorded: recording.length,
    deferred: deferrals.length,
    failed: firings.filter((e) => e.outcome === 'failed').length,
    refused: firings.filter((e) => e.outcome === 'refused').length,
    peakRunning: peak,
    allRecordedAfterMs: missing ? null : Math.max(...submitted.map((t) => firstSeen.get(t)!)) - t0,
    worstWaitMs: missing ? null : Math.max(...waits),
    manualActions: missing,
    recordedByCatchUp: byCatchUp,
    catchUpRuns: catchUps.length,
    callsPerFiring: mean(recording.map((e) => e.calls)) ?? 0,
    callsPerDeferral: mean(deferrals.map((e) => e.calls)),
    callsPerIdleCatchUp: mean(idleCatchUps.map((e) => e.calls)),
    lockHeldMs: mean(recording.map((e) => e.lockHeldMs)) ?? 0,
    callsUnderLock: Math.round(((mean(recording.map((e) => e.lockHeldMs)) ?? 0) / DEFAULT_CALL_MS) * 10) / 10,
    duplicates: recorded.ids.length - new Set(recorded.ids).size,
    capacityInOrder,
    longHold: (() => {
      const hold = all.find((e) => e.label === '長い操作');
      return !hold ? 'none' : hold.outcome === 'completed' ? 'ran' : hold.outcome;
    })(),
    heartbeat: emu.properties.document.get('responses.catchUp') ?? null,
    registrationMails: (() => {
      const per = new Map<string, number>();
      if (options.purpose === 'registration') offsets.forEach((_, i) => per.set(String(participantAnswers(0, i, agencies)['メール']), 0));
      for (const m of emu.mail.outbox) if (/^【(申込受付|キャンセル待ち)】/.test(m.subject)) per.set(m.to[0]!, (per.get(m.to[0]!) ?? 0) + 1);
      const counts = [...per.values()];
      return { min: counts.length ? Math.min(...counts) : 0, max: counts.length ? Math.max(...counts) : 0, people: per.size };
    })(),
    wallMs: Math.round(performance.now() - wallStart),
  };
}
