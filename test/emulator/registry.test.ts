/**
 * The emulator as a registry of services (emulator/registry.ts): createEmulator, the fault matrix's world and the
 * preview's navigation all come from SERVICES, and a service added there gets the call ledger and the one scope check.
 */
import { createEmulator } from '../../emulator';
import { ADVANCED_SCOPES } from '../../emulator/scopes';
import { Runtime } from '../../emulator/runtime';
import { SERVICES, ServiceDef, buildServices, servicePages, serviceRoutes, serviceWorldParts } from '../../emulator/registry';
import { ROUTES } from '../../emulator/preview/server';
import { WORLD_PARTS } from '../faults/world';

const defs = Object.entries(SERVICES as Record<string, ServiceDef<unknown>>);

describe('the service registry', () => {
  test('every global of the emulator is declared by exactly one service, and every declared one exists', () => {
    const emu = createEmulator({ advancedCalendar: true, advancedDrive: true });
    const declared = defs.flatMap(([, d]) => d.globals);
    expect(new Set(declared).size).toBe(declared.length);
    expect(Object.keys(emu.globals).sort()).toEqual([...declared].sort());
    const without = createEmulator({ advancedCalendar: false, advancedDrive: false });
    expect(Object.keys(without.globals)).not.toContain('Calendar');
    expect(Object.keys(without.globals)).not.toContain('Drive');
  });

  test('the globals declared advanced are exactly the services the REST scope table covers', () => {
    const advanced = defs.flatMap(([, d]) => d.advanced ?? []).sort();
    expect(advanced).toEqual([...new Set(Object.keys(ADVANCED_SCOPES).map((k) => k.split('.')[0]!))].sort());
  });

  test('createEmulator hands out each service\'s store', () => {
    const emu = createEmulator();
    expect(emu.stores.calendar).toBe(emu.calendar);
    expect(emu.stores.drive).toBe(emu.drive);
    expect(emu.stores.mail).toBe(emu.mail);
    expect(emu.stores.forms).toBe(emu.forms.store);
    expect(emu.stores.script).toBe(emu.triggers);
  });

  test('the fault matrix\'s world is the spreadsheets plus each service\'s part; the preview\'s pages come from the services', () => {
    expect(WORLD_PARTS.map((p) => p.name)).toEqual(['spreadsheets', ...serviceWorldParts().map((p) => p.name)]);
    expect(WORLD_PARTS.map((p) => p.name).sort()).toEqual(['calendar', 'charts', 'document properties', 'documents', 'drive', 'forms', 'mail', 'spreadsheets', 'triggers']);
    expect(servicePages().map((p) => p.href)).toEqual(['/forms', '/docs', '/calendar', '/mail']);
  });

  test('each service\'s preview page declares the routes that serve it, its navigation link among them; the server serves the registry\'s routes', () => {
    const served = (path: string | RegExp, href: string) => (typeof path === 'string' ? path === href : path.exec(href)?.[0] === href);
    for (const def of Object.values(SERVICES as Record<string, ServiceDef<unknown>>)) {
      if (!def.page) continue;
      expect({ page: def.page.id, linked: def.page.routes.some((r) => r.method === 'GET' && served(r.path, def.page!.href)) }).toEqual({ page: def.page.id, linked: true });
    }
    // Every route comes from a page; a form by its published key and a Drive file's viewer are the forms' and Drive's.
    const routes = serviceRoutes();
    expect(routes).toEqual(Object.values(SERVICES as Record<string, ServiceDef<unknown>>).flatMap((d) => [...(d.page?.routes ?? [])]));
    const owner = (method: string, href: string) => Object.entries(SERVICES as Record<string, ServiceDef<unknown>>)
      .find(([, d]) => d.page?.routes.some((r) => r.method === method && served(r.path, href)))?.[0];
    expect([owner('GET', '/forms/e/KEY/viewform'), owner('POST', '/forms/F1/burst'), owner('GET', '/drive/F2/view'), owner('GET', '/calendar'), owner('GET', '/calls')])
      .toEqual(['forms', 'forms', 'drive', 'calendar', undefined]);
    // The server's own table (emulator/preview/server.ts) has none of them.
    expect(ROUTES.filter((r) => routes.some((s) => String(s.path) === String(r.path)))).toEqual([]);
  });

  test('a service added to a registry is one declaration: its global is counted in the ledger and scope-checked', () => {
    const runtime = new Runtime();
    runtime.manifestScopes = ['https://www.googleapis.com/auth/spreadsheets.currentonly'];
    runtime.grantedScopes = [...runtime.manifestScopes];
    const sent: string[] = [];
    const registry = {
      ...(SERVICES as Record<string, ServiceDef<unknown>>),
      gmail: {
        globals: ['GmailApp'],
        store: () => sent,
        create: (store: unknown) => ({
          GmailApp: { gasService: 'GmailApp', gasType: 'GmailApp', sendEmail: (to: string) => { (store as string[]).push(to); } },
        }),
      } satisfies ServiceDef<unknown>,
    };
    const { globals } = buildServices(runtime, { options: {}, distDir: '', scriptTimeZone: 'Asia/Tokyo', timeZone: 'Asia/Tokyo' }, registry);
    const gmail = globals.GmailApp as { sendEmail(to: string, subject: string, body: string): void };
    // GmailApp.sendEmail needs a Gmail scope by Google's reference; the manifest has none, so the one check refuses it.
    expect(() => runtime.ledger.within('probe', () => gmail.sendEmail('a@example.jp', 's', 'b'))).toThrow(/Specified permissions are not sufficient to call GmailApp.sendEmail/);
    expect(sent).toEqual([]);
    expect(runtime.ledger.byService('probe')).toEqual({ GmailApp: 1 });
  });
});
