// Turns the npm package gas-types-detailed (MIT, generated from developers.google.com/apps-script/reference) into the
// emulator's scope table: for each Apps Script method, the OAuth scopes its reference page lists under
// "Authorization" ("Scripts that use this method require authorization with one or more of the following scopes"),
// and the reference URL. build.mjs writes it to build/scope-table.json; emulator/scopes.ts loads it.
//
// Keys are "Namespace.Interface.method" (e.g. "Spreadsheet.Range.setValues", "Base.Ui.alert"): the namespace is
// needed because some class names exist in two services (Spreadsheet.Range and Document.Range).
//
// Overloads: the emulator's proxy sees a method name and arguments, not the signature Google resolved, so an entry
// has one list, the union of its overloads' lists. In gas-types-detailed 1.1.3 every overload that has an
// Authorization section lists exactly the same scopes; the only disagreements are two methods where one overload has
// no Authorization section at all (Range.getDataTable, SpreadsheetApp.setActiveSheet) — a gap in the page, not a
// narrower method, so the union (the scopes the documented overload lists) is the strict reading. An intersection
// would have made those two methods scope-free, the kinder-than-Google direction. `differs` marks them, and
// test/emulator/scopes.test.ts fails if an upgrade brings two overloads with different non-empty lists.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const REFERENCE = 'https://developers.google.com/apps-script/reference/';

export function packageDir() {
  return path.dirname(require.resolve('gas-types-detailed/package.json'));
}

/** Parses one gas-types-detailed declaration file into entries (one per method signature). */
export function parseDeclarations(text) {
  const lines = text.split('\n');
  const out = [];
  let namespace = null;
  let iface = null; // { name, indent, extends: [] }
  const interfaces = {};
  let doc = null;
  let inDoc = false;
  for (const line of lines) {
    const trimmed = line.trim();
    if (inDoc) {
      doc.push(trimmed.replace(/^\*\s?/, ''));
      if (trimmed.endsWith('*/')) inDoc = false;
      continue;
    }
    if (trimmed.startsWith('/**')) {
      doc = [trimmed.replace(/^\/\*\*\s?/, '')];
      inDoc = !trimmed.endsWith('*/');
      continue;
    }
    const ns = /^ {2}namespace (\w+) \{/.exec(line);
    if (ns) { namespace = ns[1]; doc = null; continue; }
    const it = /^(\s*)interface (\w+)(?:<[^>]*>)?(?: extends ([\w., <>]+))? \{/.exec(line);
    if (it && namespace) {
      iface = { name: it[2], indent: it[1] };
      interfaces[`${namespace}.${it[2]}`] = (it[3] ?? '').split(',').map((s) => s.trim().replace(/<.*$/, '')).filter(Boolean)
        .map((p) => (p.includes('.') ? p : `${namespace}.${p}`));
      doc = null;
      continue;
    }
    if (iface && line === `${iface.indent}}`) { iface = null; doc = null; continue; }
    const member = /^\s*(\w+)\s*(?:<[^>]*>)?\s*\(/.exec(line);
    if (iface && member && doc) {
      const text = doc.join('\n');
      const auth = text.split(/^Authorization:\s*$/m)[1];
      const scopes = auth ? [...auth.matchAll(/^- (https:\/\/\S+)/gm)].map((m) => m[1]).filter((s) => !s.startsWith(REFERENCE)) : [];
      const url = (/^(https:\/\/developers\.google\.com\/apps-script\/reference\/\S+)/m.exec(text) ?? [])[1] ?? null;
      out.push({ key: `${namespace}.${iface.name}.${member[1]}`, scopes, url });
    }
    if (trimmed !== '') doc = null;
  }
  return { methods: out, interfaces };
}

/** The whole table: { version, methods: { key: { scopes, url, overloads?, differs? } }, extends: { "Ns.Iface": [...] } }. */
export function generateScopeTable(dir = packageDir()) {
  const version = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  const methods = {};
  const ext = {};
  const files = readdirSync(dir).filter((f) => /^google-apps-script\..*\.d\.ts$/.test(f)).sort();
  for (const file of files) {
    const { methods: parsed, interfaces } = parseDeclarations(readFileSync(path.join(dir, file), 'utf8'));
    Object.assign(ext, interfaces);
    for (const m of parsed) {
      const entry = (methods[m.key] ??= { scopes: [], url: m.url, overloads: [] });
      entry.overloads.push(m.scopes);
    }
  }
  for (const entry of Object.values(methods)) {
    entry.scopes = [...new Set(entry.overloads.flat())];
    if (entry.overloads.some((o) => o.length !== entry.scopes.length)) entry.differs = true;
    else delete entry.overloads;
  }
  for (const k of Object.keys(ext)) if (ext[k].length === 0) delete ext[k];
  return { source: `gas-types-detailed@${version}`, methods, extends: ext };
}
