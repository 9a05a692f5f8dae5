import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';

const root = path.join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'appsscript.json'), 'utf8'));

/** Every scope the add-on asks for, and why; README's table lists the same reasons. None is restricted. */
export const APPROVED_SCOPES: Record<string, string> = {
  'https://www.googleapis.com/auth/spreadsheets.currentonly': 'read and write the one spreadsheet the add-on runs in',
  'https://www.googleapis.com/auth/script.container.ui': 'menu, alerts and the sidebar',
  'https://www.googleapis.com/auth/userinfo.email': 'who ran an operation, for 操作ログ',
  // Forms: FormApp.create/openById need the full forms scope (forms.currentonly covers only a bound form).
  'https://www.googleapis.com/auth/forms': 'create and update the registration and survey forms of each event',
  // Forms: the one installable spreadsheet form-submit trigger (ScriptApp.newTrigger).
  'https://www.googleapis.com/auth/script.scriptapp': 'install the spreadsheet form-submit trigger once',
  // CalendarApp's reference lists only calendar (read-write) for createEvent/createEventSeries; the advanced
  // service's Events.patch/remove (sendUpdates for update and cancellation notices) work under it too.
  'https://www.googleapis.com/auth/calendar': 'meeting invitations: create, update and cancel events on the chosen calendar',
  // DocumentApp.create/openById document only `documents` (documents.currentonly is for a Doc the script is bound
  // to); it is sensitive, not restricted. Drive work (copy, folders, PDF) stays on the per-file drive.file.
  'https://www.googleapis.com/auth/documents': 'fill the pamphlet and report templates and their copies, export the PDF (DocumentApp)',
  // Through the Advanced Drive service (v3) only: DriveApp's reference lists only the restricted drive/drive.readonly.
  'https://www.googleapis.com/auth/drive.file': 'Advanced Drive service: create the folder, templates and PDF, copy templates: only files the add-on made',
  // MailApp.sendEmail and getRemainingDailyQuota list only script.send_mail
  // (https://developers.google.com/apps-script/reference/mail/mail-app#sendEmail(Object)); GmailApp would need the
  // restricted gmail scopes, and gmail.send belongs to the Gmail API, not to MailApp.
  'https://www.googleapis.com/auth/script.send_mail': 'participant mail: confirmation, waitlist and promotion, reminders, thank-you (MailApp)',
};

describe('appsscript.json', () => {
  test('is valid against SchemaStore\'s schema', () => {
    const schema = JSON.parse(readFileSync(path.join(root, 'test', 'fixtures', 'appsscript.schema.json'), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    // ajv ships no formats; the schema uses these two, so check them rather than let ajv ignore them.
    ajv.addFormat('uri', /^https?:\/\/[^\s/]+(\/\S*)?$/);
    ajv.addFormat('hostname', /^(?=.{1,253}$)([a-z0-9*]([a-z0-9-]*[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i);
    const validate = ajv.compile(schema);
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
  });

  test('runs in Asia/Tokyo on V8 with Stackdriver logging and exactly the approved scopes', () => {
    expect(manifest).toMatchObject({ timeZone: 'Asia/Tokyo', runtimeVersion: 'V8', exceptionLogging: 'STACKDRIVER' });
    expect([...manifest.oauthScopes].sort()).toEqual(Object.keys(APPROVED_SCOPES).sort());
    // No restricted scope (drive, drive.readonly) and not the whole-Sheets scope. forms and documents are the broad
    // ones kept: FormApp and DocumentApp accept no narrower scope for files the add-on creates (the *.currentonly
    // scopes cover only a bound file).
    expect(manifest.oauthScopes.filter((s: string) => /auth\/(drive|drive\.readonly|spreadsheets)$/.test(s))).toEqual([]);
  });
});

describe('deploy set', () => {
  test('clasp (offline, empty HOME) would push exactly the files in dist/', () => {
    const home = mkdtempSync(path.join(tmpdir(), 'clasp-home-'));
    const out = execFileSync(path.join(root, 'node_modules', '.bin', 'clasp'), ['status', '--json'], { cwd: root, env: { ...process.env, HOME: home }, encoding: 'utf8' });
    const status = JSON.parse(out.slice(out.indexOf('{'))) as { filesToPush: string[] };
    expect(status.filesToPush.map((f) => path.basename(f)).sort()).toEqual(readdirSync(path.join(root, 'dist')).sort());
    expect(status.filesToPush.every((f) => f.startsWith('dist/'))).toBe(true);
  });
});

describe("README's OAuth scope table", () => {
  /** Rows of the table under 「### OAuth scopes」: | `scope` | why | */
  function readmeScopes(): Map<string, string> {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### OAuth scopes'));
    const end = section.indexOf('\n### ', 4);
    const rows = new Map<string, string>();
    for (const line of (end > 0 ? section.slice(0, end) : section).split('\n')) {
      const m = /^\|\s*`([^`]+)`\s*\|\s*(.*?)\s*\|\s*$/.exec(line);
      if (m) rows.set(m[1]!, m[2]!);
    }
    return rows;
  }

  test('lists exactly APPROVED_SCOPES (the single list), each with a reason', () => {
    const rows = readmeScopes();
    const short = (scope: string) => scope.replace('https://www.googleapis.com/auth/', '');
    expect([...rows.keys()].sort()).toEqual(Object.keys(APPROVED_SCOPES).map(short).sort());
    for (const [scope, why] of rows) expect({ scope, why: why.length > 10 }).toEqual({ scope, why: true });
  });

  test('no approved scope is on Google\'s restricted list', () => {
    const restricted = /auth\/(drive|drive\.readonly|drive\.metadata|drive\.activity|gmail\.[a-z.]+|mail\.google\.com)$|mail\.google\.com/;
    expect(Object.keys(APPROVED_SCOPES).filter((s) => restricted.test(s))).toEqual([]);
  });
});
