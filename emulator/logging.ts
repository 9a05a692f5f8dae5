/**
 * console and Logger as an Apps Script execution has them: each call writes one line to the execution log
 * (`__logs` on the script's global, read by tests and the preview).
 *
 * - console.log(format, …values): the console's format specifiers %s %d %i %f %o %O %%, values left over appended with
 *   a space (https://developers.google.com/apps-script/reference/base/console#log(Object,Object...): "formatOrObject
 *   — a string containing zero or more substitution strings").
 * - Logger.log(format, …values): "The string can include multiple %s placeholders, which are replaced with
 *   corresponding values from the list of arguments, converted to strings"; Logger.log({ key: "value" }) logs
 *   "{key=value}" and an object with a `message` property logs the message
 *   (https://developers.google.com/apps-script/reference/base/logger#log(Object)).
 */

function javaString(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (v instanceof Date) return v.toString();
  if (Array.isArray(v)) return `[${v.map(javaString).join(', ')}]`;
  if (typeof v === 'object') {
    // Objects made in the script's context have that context's Object.prototype: compare what toString gives.
    const own = String(v);
    if (own !== '[object Object]') return own;
    return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}=${javaString(x)}`).join(', ')}}`;
  }
  return String(v);
}

function consoleString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Error) return v.stack ?? String(v);
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    try { return JSON.stringify(v); } catch { return String(v); }
  }
  return String(v);
}

/** console's substitution: %s %d %i %f %o %O %c %%; arguments left over are appended, space-separated. */
export function formatConsole(args: unknown[]): string {
  if (args.length === 0) return '';
  const [first, ...rest] = args;
  if (typeof first !== 'string') return args.map(consoleString).join(' ');
  let i = 0;
  const text = first.replace(/%([sdifoOc%])/g, (whole, spec: string) => {
    if (spec === '%') return '%';
    if (i >= rest.length) return whole;
    const v = rest[i++];
    switch (spec) {
      case 's': return typeof v === 'string' ? v : consoleString(v);
      case 'd': case 'i': { const n = Number(v); return Number.isNaN(n) ? 'NaN' : String(spec === 'i' || Number.isInteger(n) ? Math.trunc(n) : n); }
      case 'f': return String(Number(v));
      case 'c': return '';
      default: return consoleString(v);
    }
  });
  return [text, ...rest.slice(i).map(consoleString)].join(' ');
}

/** Logger.log(data) or Logger.log(format, …values) with %s placeholders. */
export function formatLogger(args: unknown[]): string {
  const [first, ...rest] = args;
  if (rest.length === 0) {
    if (first !== null && typeof first === 'object' && 'message' in (first as object)) return String((first as { message: unknown }).message);
    return javaString(first);
  }
  let i = 0;
  return String(first).replace(/%s/g, (whole) => (i < rest.length ? javaString(rest[i++]) : whole));
}

/** The console and Logger globals of one execution, writing to `logs`. */
export function createLogging(logs: string[]) {
  const write = (...a: unknown[]) => { logs.push(formatConsole(a)); };
  const Logger = {
    log(...a: unknown[]) { logs.push(formatLogger(a)); return Logger; },
    getLog() { return logs.length ? `${logs.join('\n')}\n` : ''; },
    clear() { logs.length = 0; },
  };
  const timers = new Map<string, number>();
  const console = {
    log: write, info: write, warn: write, error: write,
    time(label = 'default') { timers.set(String(label), Date.now()); },
    timeEnd(label = 'default') {
      const started = timers.get(String(label));
      if (started === undefined) return;
      timers.delete(String(label));
      logs.push(`${label}: ${Date.now() - started}ms`);
    },
  };
  return { console, Logger };
}
