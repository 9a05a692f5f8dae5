/**
 * The preview's 「40 人が1分以内に送信」: forty participants submit a form evenly over one modeled minute, on the
 * emulator's modeled clock (emulator/timeline.ts) — each firing of the form-submit trigger waits for the document lock
 * in modeled time — and the clock then runs on past the next hourly catch-up. The page shows the ledger (or the survey
 * store) filling, firing by firing, and what the catch-up did. Replayed from the journal like any action: same start
 * time, same arrivals, same result.
 */
import type { Emulator } from '../index';
import { arrivalOffsets } from '../timeline';
import { agencyNamesOf, participantAnswers, surveyAnswers } from '../../scripts/demo/forms';
import { BURST_SIZE, BurstStep, BurstView } from './burst-page';

/** Rows of the store that belong to this form's event: distinct 回答id in 参加者台帳 or アンケート記録. */
function recordedCount(emu: Emulator, store: string, eventId: string): number {
  const sheet = emu.active.sheets.find((s) => s.name === store);
  if (!sheet) return 0;
  const [header, ...rows] = sheet.getDataRange().getValues();
  const ev = header!.map(String).indexOf('行事id');
  const id = header!.map(String).indexOf('回答id');
  return new Set(rows.filter((r) => eventId === '' || r[ev] === eventId).map((r) => String(r[id]))).size;
}

export function replayBurst(emu: Emulator, formId: string, n = BURST_SIZE): BurstView {
  const form = emu.forms.store.get(formId);
  const registration = form.questions.some((q) => q.title === '氏名');
  const store = registration ? '参加者台帳' : 'アンケート記録';
  const eventId = /_(.+)$/.exec(form.destinationSheet()?.name ?? '')?.[1] ?? '';
  const agencies = registration ? agencyNamesOf(emu) : [];
  const already = recordedCount(emu, store, eventId);
  const clock = emu.clock;
  clock.enable();
  const start = clock.now() + 1_000;
  // Participants numbered after those who already answered, so that their e-mail addresses are new.
  const base = already + emu.forms.store.get(formId).responses.length;
  arrivalOffsets(n, 'uniform', 60_000).forEach((offset, i) => {
    clock.submitAt(start + offset, formId, registration ? participantAnswers(0, base + i, agencies) : surveyAnswers(base + i, false));
  });
  const steps: BurstStep[] = [];
  const executionsBefore = clock.executions.length;
  clock.timeline.onExecutionEnd = (e) => {
    steps.push({ at: e.start, label: e.label, outcome: e.lockTimedOut ? 'gave up' : e.outcome, waitedMs: e.lockWaitMs, heldMs: e.lockHeldMs, calls: e.calls, recorded: recordedCount(emu, store, eventId) - already });
  };
  try {
    // Past the next hourly catch-up (it fires within the hour after the burst, or not at all if none is installed).
    clock.advanceTo(start + 60_000 + 3_600_000 + 60_000);
  } finally {
    clock.timeline.onExecutionEnd = null;
    clock.disable();
  }
  for (const e of clock.executions.slice(executionsBefore)) {
    if (e.outcome === 'refused') steps.push({ at: e.start, label: e.label, outcome: 'refused', waitedMs: 0, heldMs: 0, calls: 0, recorded: Number.NaN });
  }
  steps.sort((a, b) => a.at - b.at);
  return { formTitle: form.title, store, n, start, steps, recorded: recordedCount(emu, store, eventId) - already };
}
