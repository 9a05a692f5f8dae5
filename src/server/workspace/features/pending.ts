import { documentProperties } from '../settings';
/** A form-submit firing that left its response for later says so here (Document Properties; see catchUp.ts). */
export const PENDING_KEY = 'responses.pendingSince';

/** Records that responses are waiting (best effort: a failure here must not turn a deferral into an error). */
export function markResponsesPending(): void {
  try {
    documentProperties().setProperty(PENDING_KEY, new Date().toISOString());
  } catch {
    // The next firing reconciles the whole sheet; 「回答を同期」 remains.
  }
}
