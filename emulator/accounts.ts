/**
 * Several Google accounts on one spreadsheet: the coordinator who set the add-on up, a second coordinator who takes
 * over, a volunteer. Each account has its own grant of the manifest's scopes (granular consent, or a grant revoked
 * in the account's security settings), and the runtime runs as one of them at a time (`runtime.user`,
 * `runtime.grantedScopes`).
 *
 * Google behaviour relied on:
 * - An execution runs under one account: `Session.getEffectiveUser()` is "the user under whose authority the script is
 *   running … If the script is running under an installable trigger, this returns the account of the user who created
 *   the trigger" (https://developers.google.com/apps-script/reference/base/session#getEffectiveUser()). The emulator's
 *   trigger executions switch to the trigger's owner (emulator/triggers.ts, clock-triggers.ts).
 * - Authorization is per user: each user of an add-on authorizes it for themselves
 *   (https://developers.google.com/apps-script/guides/services/authorization), and a user can remove the app's access
 *   at https://myaccount.google.com/permissions; then every call that needs a scope fails for that user, including
 *   the installable triggers that run as them. What Google shows in that case is modelled in `revoke` below.
 */
import { Runtime } from './runtime';

export interface AccountOptions {
  /** Scopes this user granted; defaults to every scope in the manifest. */
  grantedScopes?: string[];
  locale?: string;
}

export class Accounts {
  private readonly grants = new Map<string, string[]>();
  private readonly locales = new Map<string, string>();

  constructor(private readonly runtime: Runtime) {}

  /** The account the runtime runs as now. */
  get current(): string { return this.runtime.user.email; }

  /** Registers an account (idempotent); its grant defaults to every manifest scope. */
  add(email: string, options: AccountOptions = {}): this {
    this.saveCurrent();
    if (options.grantedScopes || !this.grants.has(email)) this.grants.set(email, [...(options.grantedScopes ?? this.runtime.manifestScopes)]);
    if (options.locale) this.locales.set(email, options.locale);
    if (email === this.current) this.runtime.grantedScopes = [...this.grants.get(email)!];
    return this;
  }

  /** What `email` has granted (the current user's live grant when it is the current user). */
  grantedTo(email: string): string[] {
    if (email === this.current) return [...this.runtime.grantedScopes];
    return [...(this.grants.get(email) ?? this.runtime.manifestScopes)];
  }

  /** The user removed the add-on's access from their Google account: nothing is granted any more. */
  revoke(email: string): void {
    this.add(email, { grantedScopes: [] });
  }

  /** Runs `fn` as `email` (its grant and locale), then switches back. */
  as<T>(email: string, fn: () => T): T {
    this.saveCurrent();
    if (!this.grants.has(email)) this.add(email);
    const previousUser = this.runtime.user;
    const previousGrant = this.runtime.grantedScopes;
    this.runtime.user = { email, locale: this.locales.get(email) ?? previousUser.locale };
    this.runtime.grantedScopes = [...this.grants.get(email)!];
    try {
      return fn();
    } finally {
      this.grants.set(email, [...this.runtime.grantedScopes]);
      this.runtime.user = previousUser;
      this.runtime.grantedScopes = [...(this.grants.get(previousUser.email) ?? previousGrant)];
    }
  }

  /** Keeps the current user's live grant (a test may assign runtime.grantedScopes directly). */
  private saveCurrent(): void {
    this.grants.set(this.current, [...this.runtime.grantedScopes]);
  }
}
