/**
 * The emulator's services, registered in one place (as Miniflare registers its plugins). Each service declares:
 *   - `globals`: the Apps Script globals it defines;
 *   - `store`: its state (what tests and the preview read: a spreadsheet, the forms, the outbox, …);
 *   - `create`: the service objects, by global name. createEmulator puts each behind `runtime.expose`, the one proxy
 *     that records every call in the ledger and checks its OAuth scopes (emulator/scopes.ts) — against Google's Apps
 *     Script reference (the table generated at build time), or, for the globals listed in `advanced`, the REST
 *     reference of that advanced service (ADVANCED_SCOPES);
 *   - `constants`: enums read without a call (MimeType);
 *   - `endExecution`: what Apps Script does when an execution ends (Documents saved and closed, locks released);
 *   - `world`: its part of the test "world" (test/faults/world.ts) — canonical lines compared between a clean run and
 *     a fault-then-re-run, or the two serial orders of the volunteer matrix;
 *   - `page`: its page in the preview's navigation and the routes that serve it (written in
 *     emulator/preview/service-pages.ts).
 * createEmulator, the fault matrix's world, the preview's navigation and its routes loop over SERVICES. Adding a service is one
 * file (its store and its service objects) and one line here.
 */
import type { EmulatorOptions } from './index';
import type { Runtime } from './runtime';
import { UiState, Ui, createBrowser } from './ui';
import { createHtmlService } from './html';
import { PropertyStores, createPropertiesService } from './properties';
import { LockState, createLockService, releaseHeld } from './lock';
import { createSession } from './session';
import { UtilitiesStore, createUtilities } from './utilities';
import { TriggerRecord, createScriptApp } from './script-app';
import { SpreadsheetStore, createSpreadsheetApp } from './spreadsheet';
import { createCharts } from './charts';
import { FormStore, createFormApp } from './forms';
import { CalendarStore, advancedCalendarEnabled, createAdvancedCalendar, createCalendarApp } from './calendar';
import { DocumentStore, createDocumentApp } from './documents';
import { DriveStore, MimeType, advancedDriveEnabled, advancedServiceEnabled, createAdvancedDrive, createDriveApp } from './drive';
import { createAdvancedDocs } from './docs-api';
import { MailStore, createMailApp } from './mail';
import { documentToPlainLines } from './render-html';
import type { Route } from './preview/http';
import { CALENDAR_ROUTES, DRIVE_ROUTES, FORM_ROUTES, MAIL_ROUTES } from './preview/service-pages';

export const ADDON_NAME = '就労支援ネットワーク';

export interface ServiceContext {
  runtime: Runtime;
  options: EmulatorOptions;
  distDir: string;
  /** The script's time zone (appsscript.json). */
  scriptTimeZone: string;
  /** The active spreadsheet's time zone. */
  timeZone: string;
  /** The store of a service registered earlier in SERVICES (its type named by the caller: the registry's type is inferred from it). */
  store<T>(name: string): T;
}

export interface WorldPart {
  name: string;
  lines(store: (name: string) => unknown): string[];
}

export interface ServiceDef<S> {
  globals: readonly string[];
  /** Globals that are advanced services (Calendar v3, Drive v3, Docs v1): their scopes come from ADVANCED_SCOPES. */
  advanced?: readonly string[];
  store(ctx: ServiceContext): S;
  /** Service objects by global name; an entry left undefined is a service not enabled (an advanced service off). */
  create(store: S, ctx: ServiceContext): Record<string, object | undefined>;
  constants?: Record<string, unknown>;
  endExecution?(store: S, runtime: Runtime): void;
  world?: readonly { name: string; lines(store: S, ctx: Pick<ServiceContext, 'store'>): string[] }[];
  /** Its page in the preview: navigation entry (`href` is one of its GET routes) and the routes that serve it. */
  page?: { id: string; title: string; href: string; routes: readonly Route[] };
}

const define = <S>(def: ServiceDef<S>): ServiceDef<S> => def;

/** DocumentApp.getUi() and FormApp.getUi() share the dialogs' record; each counts under its own service. */
const uiFor = (state: UiState, service: string) => Object.assign(new Ui(state, ADDON_NAME), { gasService: service });
const iso = (d: Date) => d.toISOString();

export const SERVICES = {
  ui: define({
    globals: ['Browser'],
    store: () => new UiState(),
    create: (state) => ({ Browser: createBrowser(state) }),
  }),
  spreadsheet: define({
    globals: ['SpreadsheetApp'],
    store: (ctx) => {
      const store = new SpreadsheetStore(ctx.runtime);
      store.ui = ctx.store<UiState>('ui');
      return store;
    },
    create: (store, ctx) => {
      const ui = new Ui(ctx.store<UiState>('ui'), ADDON_NAME);
      return { SpreadsheetApp: createSpreadsheetApp(store, () => ui) };
    },
    world: [{
      // Embedded charts (アンケート集計): a duplicate chart is a duplicate. Chart ids are per spreadsheet, not compared.
      name: 'charts',
      lines: (store) => [...store.spreadsheets.values()].flatMap((ss) => ss.sheets.flatMap((sheet) => sheet.chartStore.charts.map((c) =>
        `chart on ${sheet.name} ${c.type} at ${c.position.anchorRow},${c.position.anchorColumn} ranges=${c.ranges.map((r) => `${r.sheet.name}!${r.row},${r.column}`).join('|')} options=${JSON.stringify([...c.options])}`))),
    }],
  }),
  charts: define({ globals: ['Charts'], store: () => null, create: () => ({ Charts: createCharts() }) }),
  html: define({ globals: ['HtmlService'], store: () => null, create: (_, ctx) => ({ HtmlService: createHtmlService(ctx.distDir) }) }),
  properties: define({
    globals: ['PropertiesService'],
    store: () => new PropertyStores(),
    create: (store, ctx) => ({ PropertiesService: createPropertiesService(store, ctx.runtime) }),
    // The form-submit heartbeat (issue 20) is the time a response was last recorded: which execution wrote it last is
    // not part of the world (the ledger rows are).
    // Issue 16's request tokens (Utilities.getUuid) are fresh per request, and its prefilled-link shape names the form's
    // items (an item a failed run left untitled is replaced by a new one): a re-run after a fault draws other values,
    // so the world compares their presence, not their value.
    world: [{ name: 'document properties', lines: (store) => [...store.document].filter(([k]) => k !== 'responses.lastRecorded' && k !== 'responses.formless' /* a memo of which sheets have no form (issue 18): calls, not state */).map(([k, v]) => `prop ${k}=${k.startsWith('round.') ? v.replace(/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g, 'uuid').replace(/entry\.\d+/g, 'entry') : v}`).sort() }],
  }),
  lock: define({
    globals: ['LockService'],
    store: () => new LockState(),
    create: (store, ctx) => ({ LockService: createLockService(store, ctx.runtime) }),
    // LockService: locks are "released automatically when the script ends".
    endExecution: (store, runtime) => releaseHeld(store, runtime),
  }),
  session: define({ globals: ['Session'], store: () => null, create: (_, ctx) => ({ Session: createSession(ctx.runtime, ctx.scriptTimeZone) }) }),
  utilities: define({ globals: ['Utilities'], store: (): UtilitiesStore => ({ uuids: 0 }), create: (store, ctx) => ({ Utilities: createUtilities(ctx.runtime, store) }) }),
  forms: define({
    globals: ['FormApp'],
    store: (ctx) => new FormStore(ctx.runtime, ctx.store<SpreadsheetStore>('spreadsheet')),
    create: (store, ctx) => {
      const ui = uiFor(ctx.store<UiState>('ui'), 'FormApp');
      return { FormApp: createFormApp(store, ctx.runtime, () => ui) };
    },
    world: [{
      name: 'forms',
      lines: (store) => [...store.forms.values()].flatMap((f) => [
        `form ${f.id} 「${f.title}」 published=${f.published} accepting=${f.acceptingResponses} destination=${f.destinationSheet()?.name ?? '-'} responses=${f.responses.length}`,
        ...f.items.map((i) => `  item ${i.type} 「${i.title}」 required=${i.required} choices=${i.choices.join('|')}`),
      ]),
    }],
    page: { id: 'forms', title: 'フォーム', href: '/forms', routes: FORM_ROUTES },
  }),
  script: define({
    globals: ['ScriptApp'],
    store: (): TriggerRecord[] => [],
    // A Forms add-on may put a trigger on the form it is installed in (FormApp.getActiveForm()).
    create: (triggers, ctx) => ({ ScriptApp: createScriptApp(ctx.runtime, triggers, () => [ctx.store<FormStore>('forms').activeId ?? ''].filter(Boolean)) }),
    world: [{ name: 'triggers', lines: (triggers) => triggers.map((t) => `trigger ${t.handlerFunction} ${t.eventType} ${t.source}`).sort() }],
  }),
  documents: define({
    globals: ['DocumentApp', 'Docs'],
    // The Advanced Docs service (Docs API v1) works on the same documents as DocumentApp (docs-api.ts).
    advanced: ['Docs'],
    store: (ctx) => new DocumentStore(ctx.runtime),
    create: (store, ctx) => {
      const ui = uiFor(ctx.store<UiState>('ui'), 'DocumentApp');
      return {
        DocumentApp: createDocumentApp(store, () => ui),
        Docs: (ctx.options.advancedDocs ?? advancedServiceEnabled('docs', 'Docs', 'v1')) ? createAdvancedDocs(store) : undefined,
      };
    },
    // Apps Script saves and closes every open Document when an execution ends.
    endExecution: (store) => store.endExecution(),
    world: [{
      name: 'documents',
      lines: (store, ctx) => [...store.docs.values()].filter((d) => !ctx.store<DriveStore>('drive').files.get(d.id)?.trashed).flatMap((d) => [
        `doc ${d.id} 「${d.name}」`,
        ...documentToPlainLines({ body: d.saved.body, header: d.saved.header, footer: d.saved.footer }).map((l) => `  ${l}`),
      ]),
    }],
  }),
  drive: define({
    globals: ['DriveApp', 'Drive', 'MimeType'],
    advanced: ['Drive'],
    store: (ctx) => new DriveStore(ctx.runtime, ctx.store<DocumentStore>('documents')),
    create: (store, ctx) => ({
      DriveApp: createDriveApp(store),
      Drive: (ctx.options.advancedDrive ?? advancedDriveEnabled()) ? createAdvancedDrive(store) : undefined,
    }),
    // An enum, not a service: reading it is no call to Google.
    constants: { MimeType },
    world: [{
      name: 'drive',
      // Trashed items are out of everyone's sight (a half-made copy goes there on failure); only live ones count.
      lines: (store) => [...store.files.values()].filter((f) => !f.trashed).map((f) => `file ${f.id} 「${f.name}」 ${f.mimeType} trashed=${f.trashed} in=${f.parents.join(',')}${f.pdfText ? ` pdf: ${f.pdfText.join(' / ')}` : ''}`)
        .concat([...store.folders.values()].filter((f) => !f.trashed).map((f) => `folder ${f.id} 「${f.name}」 trashed=${f.trashed}`)),
    }],
    page: { id: 'docs', title: 'ドキュメント', href: '/docs', routes: DRIVE_ROUTES },
  }),
  calendar: define({
    globals: ['CalendarApp', 'Calendar'],
    advanced: ['Calendar'],
    store: (ctx) => new CalendarStore(ctx.runtime, ctx.timeZone),
    create: (store, ctx) => ({
      CalendarApp: createCalendarApp(store),
      Calendar: (ctx.options.advancedCalendar ?? advancedCalendarEnabled()) ? createAdvancedCalendar(store) : undefined,
    }),
    world: [{
      name: 'calendar',
      lines: (store) => [
        ...store.events.map((e) => `event ${e.apiId} 「${e.title}」 ${e.status} ${iso(e.start)}–${iso(e.end)} at ${e.location} guests=${e.guests.map((g) => g.email).sort().join(',')} recurrence=${e.recurrence ? JSON.stringify(e.recurrence) : '-'} sequence=${e.sequence}\n  ${e.description.replace(/\n/g, '\n  ')}`),
        // Invitations, updates and cancellations Google e-mails: a duplicate here is an e-mail sent twice.
        ...store.notifications.map((n) => `notification ${n.kind} 「${n.title}」 → ${[...n.to].sort().join(',')}`).sort(),
      ],
    }],
    page: { id: 'calendar', title: 'カレンダー', href: '/calendar', routes: CALENDAR_ROUTES },
  }),
  mail: define({
    globals: ['MailApp'],
    store: (ctx) => new MailStore(ctx.runtime),
    create: (store) => ({ MailApp: createMailApp(store) }),
    world: [{
      // Participant mail (issue 15): every message MailApp accepted; a duplicate line is a mail sent twice, a missing
      // one a mail lost.
      name: 'mail',
      lines: (store) => store.outbox.map((m) => `mail → ${m.to.join(',')} 「${m.subject}」 attachments=${m.attachments.join(',')}`).sort(),
    }],
    page: { id: 'mail', title: 'メール', href: '/mail', routes: MAIL_ROUTES },
  }),
};

export type ServiceName = keyof typeof SERVICES;
export type Stores = { [K in ServiceName]: (typeof SERVICES)[K] extends ServiceDef<infer S> ? S : never };

/** Builds every registered service's store and globals, in registry order (a service may use earlier stores). */
export function buildServices(
  runtime: Runtime, base: Omit<ServiceContext, 'store' | 'runtime'>, registry: Record<string, ServiceDef<unknown>> = SERVICES as Record<string, ServiceDef<unknown>>,
): { stores: Stores; globals: Record<string, unknown> } {
  const stores: Record<string, unknown> = {};
  const ctx: ServiceContext = {
    ...base,
    runtime,
    store: <T>(name: string): T => {
      if (!(name in stores)) throw new Error(`Emulator: service ${name} is used before it is registered (emulator/registry.ts orders SERVICES)`);
      return stores[name] as T;
    },
  };
  const globals: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(registry)) {
    stores[name] = def.store(ctx);
    for (const [global, service] of Object.entries(def.create(stores[name], ctx))) if (service) globals[global] = runtime.expose(service);
    Object.assign(globals, def.constants ?? {});
  }
  return { stores: stores as unknown as Stores, globals };
}

/** What Apps Script does when an execution ends, service by service. */
export function endExecution(stores: Stores, runtime: Runtime): void {
  for (const [name, def] of Object.entries(SERVICES) as [ServiceName, ServiceDef<unknown>][]) def.endExecution?.(stores[name], runtime);
}

/** The test world's parts contributed by services, in registry order. */
export function serviceWorldParts(): WorldPart[] {
  return (Object.entries(SERVICES) as [ServiceName, ServiceDef<unknown>][]).flatMap(([name, def]) => (def.world ?? []).map((part) => ({
    name: part.name,
    lines: (store: (n: string) => unknown) => part.lines(store(name), { store: store as ServiceContext['store'] }),
  })));
}

/** The preview's navigation entries contributed by services, in registry order. */
export function servicePages(): { id: string; title: string; href: string }[] {
  return Object.values(SERVICES as Record<string, ServiceDef<unknown>>).flatMap((def) => (def.page ? [{ id: def.page.id, title: def.page.title, href: def.page.href }] : []));
}

/** The preview's routes contributed by services, in registry order (the server serves them after its own). */
export function serviceRoutes(): Route[] {
  return Object.values(SERVICES as Record<string, ServiceDef<unknown>>).flatMap((def) => [...(def.page?.routes ?? [])]);
}

