/**
 * Calendar-updated triggers (ScriptApp.newTrigger(fn).forUserCalendar(id).onEventUpdated()): when an execution has
 * created, changed or deleted an event of a watched calendar, each trigger on that calendar runs afterwards as its own
 * execution with Google's event object { authMode, calendarId, triggerUid }
 * (https://developers.google.com/apps-script/guides/triggers/events#google_calendar_events). Google fires them
 * asynchronously after the change; here they run when the changing execution ends. Only watched calendars are compared,
 * and only while such a trigger exists, so runs without one cost nothing.
 */
import type { CalendarStore } from './calendar';
import type { TriggerRecord } from './services';

export const CALENDAR_UPDATED = 'ON_EVENT_UPDATED';

export class CalendarWatch {
  private firing = false;
  constructor(
    private readonly store: CalendarStore,
    private readonly triggers: TriggerRecord[],
    private readonly fire: (trigger: TriggerRecord, event: Record<string, unknown>) => void,
  ) {}

  private watched(): TriggerRecord[] {
    return this.triggers.filter((t) => t.eventType === CALENDAR_UPDATED && t.source === 'CALENDAR');
  }

  private fingerprint(calendarId: string): string {
    const id = calendarId === this.store.runtime.user.email ? this.store.defaultCalendar.id : calendarId;
    return JSON.stringify(this.store.events.filter((e) => e.calendarId === id));
  }

  /** Before an execution: the state of every watched calendar (null when nothing is watched). */
  begin(): Map<string, string> | null {
    if (this.firing) return null;
    const watched = this.watched();
    if (!watched.length) return null;
    return new Map(watched.map((t) => [t.sourceId, this.fingerprint(t.sourceId)]));
  }

  /** After it: fires the triggers of each watched calendar that changed. A handler's failure stays in its execution. */
  end(before: Map<string, string> | null): void {
    if (!before) return;
    this.firing = true;
    try {
      for (const trigger of this.watched()) {
        const was = before.get(trigger.sourceId);
        if (was === undefined || was === this.fingerprint(trigger.sourceId)) continue;
        try {
          this.fire(trigger, { authMode: 'FULL', calendarId: trigger.sourceId, triggerUid: trigger.id });
        } catch {
          // The trigger's execution failed; Google records it in the executions log and the change stands.
        }
      }
    } finally {
      this.firing = false;
    }
  }
}
