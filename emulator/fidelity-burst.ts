/**
 * Fidelity entries for issue 22 (the modeled clock, lock waits, the simultaneous-execution limit, time-driven
 * triggers), appended to FIDELITY_CHANGES by emulator/fidelity-changes.ts.
 */
import type { FidelityChange } from './fidelity-changes';

const REF = 'https://developers.google.com/apps-script/reference/';

export const BURST_FIDELITY: FidelityChange[] = [
  {
    member: 'LockService.Lock.waitLock',
    url: `${REF}lock/lock#waitLock(Integer)`,
    does: 'On the modeled clock (emulator/timeline.ts) a request waits in modeled time until the last holder released the lock, or fails after its timeout with "Lock timeout: another process was holding the lock for too long."',
    assumed: 'Waiters are served first come, first served (Google documents no order).',
  },
  {
    member: 'LockService.Lock.tryLock',
    url: `${REF}lock/lock#tryLock(Integer)`,
    does: 'As waitLock, but false after the timeout instead of an exception.',
    assumed: 'Waiters are served first come, first served (Google documents no order).',
  },
  {
    member: 'ScriptApp.TriggerBuilder.create',
    url: 'https://developers.google.com/apps-script/guides/triggers/installable#time-driven_triggers',
    does: 'A time-driven trigger (timeBased) fires as the modeled clock passes its time (emu.clock.advanceTo): first one interval after creation, or at after()/at(), at atHour (Asia/Tokyo) and onWeekDay when given. An add-on may run one at most hourly ("Add-ons can use a time-driven trigger once per hour at most").',
    assumed: 'The exception for a more frequent add-on trigger ("Add-ons may not create time-driven triggers that run more than once per hour."), and that the first firing comes a full interval after creation (Google picks an offset within it).',
  },
  {
    member: '*.*',
    url: 'https://developers.google.com/apps-script/guides/services/quotas',
    does: 'With the modeled clock on, each call advances the running execution by 160 ms (docs/ARCHITECTURE.md "Speed": a measured 1,000-row copy; creates and exports 1 s, assumed), and more than 30 simultaneous executions (developers.google.com/apps-script/guides/services/quotas) are refused.',
    assumed: 'The refusal\'s wording: "There are too many scripts running simultaneously for this Google user account." (reported by users, not printed in the reference).',
  },
  // limit9: the 6-minute execution limit (emulator/execution-limit.ts), always on.
  {
    member: '*.*',
    url: 'https://developers.google.com/apps-script/guides/services/quotas',
    does: 'Each execution (emu.run: a menu function, a sidebar call, a trigger) adds up its calls\' modeled latency (160 ms; creates and exports 1 s) and its waits (Utilities.sleep, modeled lock waits), clock on or off; the call that takes it past 6 minutes ("Script runtime: 6 min / execution") is recorded but not carried out and throws "Exceeded maximum execution time", as does every later call, and the run fails with that error whatever the script returned. With emu.runtime.modelTime = true, Date.now() in the script advances by each call\'s latency.',
    doesNot: 'The script\'s own CPU time between calls is not counted; code after a swallowed limit error keeps running in the vm (it can make no call); a write in flight at the limit is never modelled as landed.',
    assumed: 'The wording "Exceeded maximum execution time" (Google\'s failure-notification mail and Executions list as users quote them, e.g. github.com/GioBonvi/GoogleContactsEventsNotifier/issues/155; the reference does not print it); 160 ms a call and 1 s a create (docs/ARCHITECTURE.md "Speed").',
  },
];
