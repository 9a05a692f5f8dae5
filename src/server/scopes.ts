/**
 * OAuth scopes by name: the one place their URLs are written. `SCOPES` is exactly appsscript.json's oauthScopes
 * (test/project/scopes.test.ts); server code, the emulator and the tests name a scope as `SCOPES.calendar`.
 * `GOOGLE_SCOPES` adds scopes Google's references list that the add-on does not ask for (the emulator judges calls
 * against them: e.g. the built-in Drive service needs `drive`, so its calls fail under our manifest).
 */
export const SCOPES = {
  sheets: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  ui: 'https://www.googleapis.com/auth/script.container.ui',
  email: 'https://www.googleapis.com/auth/userinfo.email',
  forms: 'https://www.googleapis.com/auth/forms',
  triggers: 'https://www.googleapis.com/auth/script.scriptapp',
  calendar: 'https://www.googleapis.com/auth/calendar',
  documents: 'https://www.googleapis.com/auth/documents',
  driveFile: 'https://www.googleapis.com/auth/drive.file',
  mail: 'https://www.googleapis.com/auth/script.send_mail',
} as const;

export type ScopeName = keyof typeof SCOPES;
export type Scope = (typeof SCOPES)[ScopeName];

export const GOOGLE_SCOPES = {
  ...SCOPES,
  spreadsheets: 'https://www.googleapis.com/auth/spreadsheets',
  calendarEvents: 'https://www.googleapis.com/auth/calendar.events',
  calendarFeeds: 'https://www.google.com/calendar/feeds',
  drive: 'https://www.googleapis.com/auth/drive',
  driveReadonly: 'https://www.googleapis.com/auth/drive.readonly',
  driveMetadata: 'https://www.googleapis.com/auth/drive.metadata',
  driveMetadataReadonly: 'https://www.googleapis.com/auth/drive.metadata.readonly',
} as const;

/** The prefix every googleapis scope URL shares, for tables generated from Google's references (emulator/scopes.ts). */
export const SCOPE_PREFIX = 'https://www.googleapis.com/auth/';
