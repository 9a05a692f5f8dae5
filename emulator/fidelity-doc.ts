/**
 * Generates emulator/FIDELITY.md: every emulated class and method (found by walking the emulator's modules and
 * service namespaces), its Google reference URL and listed scopes (scope table, from gas-types-detailed), and what
 * the emulator does / does not / assumes (fidelity.ts). test/emulator/fidelity.test.ts checks the file is current;
 * `npm run fidelity` rewrites it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { createEmulator } from './index';
import { GasObject, unwrap } from './runtime';
import { FidelityEntry, allFidelity } from './fidelity';
import { scopeTable, scopesFor } from './scopes';
import { SCOPE_PREFIX } from '../src/server/scopes';

export interface EmulatedMember { service: string; type: string; method: string }

const EMULATOR_DIR = __dirname;

/** Classes whose Apps Script class depends on a constructor argument: one instance per variant. */
const CONSTRUCTOR_VARIANTS: Record<string, unknown[][]> = {
  SectionElement: [['BODY_SECTION', null], ['HEADER_SECTION', null], ['FOOTER_SECTION', null]],
};

/** A stand-in for any constructor argument: every property, call and construction gives another stand-in. */
function standIn(): unknown {
  const f = function () {};
  return new Proxy(f, {
    get: (_t, p) => (p === Symbol.toPrimitive ? () => '' : p === Symbol.iterator ? function* () {} : standIn()),
    apply: () => standIn(),
    construct: () => standIn() as object,
  });
}

function privateNames(file: string): Set<string> {
  const text = readFileSync(file, 'utf8');
  return new Set([...text.matchAll(/\b(?:private|protected)\s+(?:static\s+|readonly\s+|override\s+)*(\w+)\s*[(<]/g)].map((m) => m[1]!));
}

function methodsOf(proto: object, hidden: Set<string>): string[] {
  const names = new Set<string>();
  for (let p: object | null = proto; p && p !== GasObject.prototype && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const name of Object.getOwnPropertyNames(p)) {
      const d = Object.getOwnPropertyDescriptor(p, name);
      if (name === 'constructor' || name.startsWith('_') || hidden.has(name) || typeof d?.value !== 'function') continue;
      names.add(name);
    }
  }
  return [...names];
}

/** Every emulated Apps Script member: the service namespaces' functions and every GasObject class's methods. */
export function emulatedMembers(): EmulatedMember[] {
  const out = new Map<string, EmulatedMember>();
  const add = (service: string, type: string, method: string) => out.set(`${service}.${type}.${method}`, { service, type, method });
  const classes = new Map<Function, Set<string>>();
  const files = readdirSync(EMULATOR_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort();
  for (const f of files) {
    const file = path.join(EMULATOR_DIR, f);
    const hidden = privateNames(file);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      // A class re-exported by another module (services.ts) keeps the private names of the file that declares it.
      if (typeof value === 'function' && value.prototype instanceof GasObject) classes.set(value, new Set([...(classes.get(value) ?? []), ...hidden]));
    }
  }
  const emu = createEmulator();
  for (const proxy of Object.values(emu.globals)) {
    const ns = unwrap(proxy) as Record<string, unknown> & Partial<GasObject>;
    if (!ns || typeof ns !== 'object' || typeof ns.gasService !== 'string') continue;
    if (ns instanceof GasObject) {
      // A namespace that is itself a class instance (the CalendarApp global acts as the default Calendar).
      const hidden = classes.get(Object.getPrototypeOf(ns.constructor) as Function) ?? new Set<string>();
      for (const m of methodsOf(Object.getPrototypeOf(ns) as object, hidden)) add(ns.gasService, ns.gasType!, m);
      continue;
    }
    for (const [name, v] of Object.entries(ns)) {
      if (typeof v === 'function') add(ns.gasService, ns.gasType!, name);
      else if (v instanceof GasObject && !classes.has(v.constructor)) classes.set(v.constructor, new Set());
    }
  }
  for (const [C, hidden] of classes) {
    for (const args of CONSTRUCTOR_VARIANTS[C.name] ?? [[standIn(), standIn(), standIn(), standIn(), standIn()]]) {
      let instance: Partial<GasObject>;
      try {
        instance = Reflect.construct(C, args) as GasObject;
      } catch {
        continue;
      }
      if (typeof instance.gasService !== 'string' || typeof instance.gasType !== 'string' || !/^[A-Z]\w*$/.test(instance.gasType)) continue;
      for (const m of methodsOf(C.prototype as object, hidden)) add(instance.gasService, instance.gasType, m);
    }
  }
  return [...out.values()].sort((a, b) => `${a.service}.${a.type}.${a.method}`.localeCompare(`${b.service}.${b.type}.${b.method}`));
}

function matches(entry: FidelityEntry, m: EmulatedMember): boolean {
  const parts = entry.member.split('.');
  const [svc, type, method] = parts.length === 3 ? parts : [undefined, ...parts];
  return (svc === undefined || svc === m.service) && (type === '*' || type === m.type) && (method === '*' || method === m.method);
}

const cell = (s: string | undefined) => (s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const short = (s: string) => s.replace(SCOPE_PREFIX, '');

export function fidelityMarkdown(): { markdown: string; unmatched: string[]; members: EmulatedMember[] } {
  const members = emulatedMembers();
  const entries = allFidelity();
  const used = new Set<FidelityEntry>();
  const table = scopeTable();
  const lines: string[] = [];
  const withScopes = members.filter((m) => (scopesFor(m.service, m.type, m.method)?.scopes.length ?? 0) > 0).length;
  const unknown = members.filter((m) => !scopesFor(m.service, m.type, m.method));
  lines.push('# Emulator fidelity', '');
  lines.push('Generated by `npm run fidelity` (test/emulator/fidelity.test.ts fails when this file is stale) from the emulator\'s',
    'classes and service namespaces, the scope table (' + table.source + ', generated from',
    'developers.google.com/apps-script/reference) and the per-method source table in `emulator/fidelity.ts`',
    '(plus `emulator/fidelity-changes.ts` when present). Do not edit by hand. A blank "does" cell means the source table has',
    'no entry for that method yet: no claim is made either way beyond the call being recorded and scope-checked.', '');
  lines.push(`${members.length} emulated methods in ${new Set(members.map((m) => `${m.service}.${m.type}`)).size} classes; ${withScopes} of them need a scope by Google's reference; ` +
    `${unknown.length} are not in the reference as packaged (listed last).`, '');
  for (const e of entries.filter((e) => e.member === '*.*')) {
    used.add(e);
    lines.push(`**Every method.** ${e.does}${e.doesNot ? ` Does not: ${e.doesNot}` : ''}${e.assumed ? ` Assumed: ${e.assumed}` : ''}`, '');
  }
  const services = [...new Set(members.map((m) => m.service))];
  for (const service of services) {
    lines.push(`## ${service}`, '');
    const types = [...new Set(members.filter((m) => m.service === service).map((m) => m.type))];
    for (const type of types) {
      lines.push(`### ${type}`, '');
      const classNotes = entries.filter((e) => e.member !== '*.*' && e.member.endsWith('.*') && matches(e, { service, type, method: '*' }));
      for (const e of classNotes) {
        used.add(e);
        lines.push(`- ${e.url ? `[reference](${e.url}) — ` : ''}${e.does}${e.doesNot ? ` **Does not:** ${e.doesNot}` : ''}${e.assumed ? ` **Assumed:** ${e.assumed}` : ''}`);
      }
      if (classNotes.length) lines.push('');
      lines.push('| method | scopes Google lists | the emulator does | does not | assumed without a source |', '| --- | --- | --- | --- | --- |');
      for (const m of members.filter((x) => x.service === service && x.type === type)) {
        const listed = scopesFor(m.service, m.type, m.method);
        const own = entries.filter((e) => !e.member.endsWith('.*') && matches(e, m));
        own.forEach((e) => used.add(e));
        const url = own.find((e) => e.url)?.url ?? listed?.url ?? null;
        const name = url ? `[${m.method}](${url})` : m.method;
        const scopes = !listed ? 'not in the reference' : listed.scopes.length ? listed.scopes.map(short).join(', ') : '—';
        lines.push(`| ${name} | ${cell(scopes)} | ${cell(own.map((e) => e.does).join(' '))} | ${cell(own.map((e) => e.doesNot).filter(Boolean).join(' '))} | ${cell(own.map((e) => e.assumed).filter(Boolean).join(' '))} |`);
      }
      lines.push('');
    }
  }
  lines.push('## Not in the reference as packaged', '',
    'Emulated members that gas-types-detailed does not list, so no scope is checked for them: members the package lacks',
    '(e.g. TextValidationBuilder.build, which Google\'s examples call), and public emulator internals (e.g. Range.writeValues)',
    'that code could call on the emulator although Google has no such method — kinder than Google until they are hidden.', '');
  for (const m of unknown) lines.push(`- ${m.service}.${m.type}.${m.method}`);
  lines.push('');
  const unmatched = entries.filter((e) => !used.has(e)).map((e) => e.member);
  return { markdown: lines.join('\n'), unmatched, members };
}
