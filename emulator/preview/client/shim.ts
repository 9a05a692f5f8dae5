/**
 * google.script.run for the preview: the sidebar page is the real dist/Sidebar.html; this shim, loaded before it,
 * sends each call to the preview server (/rpc), which runs the named function of dist/Code.js on the emulator.
 * It keeps Google's rules: arguments must be JSON-like (a Date or a function fails the call), handlers run
 * asynchronously, and withUserObject's object is passed back as the handlers' second argument.
 */
import { previewUrl } from './links';

type Handler = (value: unknown, userObject?: unknown) => void;

function illegal(value: unknown, seen = new Set<unknown>()): boolean {
  if (value instanceof Date || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') return true;
  if (value && typeof value === 'object') {
    if (seen.has(value)) return true;
    seen.add(value);
    return Object.values(value).some((v) => illegal(v, seen));
  }
  return false;
}

function runner(success?: Handler, failure?: Handler, userObject?: unknown): unknown {
  return new Proxy({}, {
    get(_target, prop) {
      if (prop === 'withSuccessHandler') return (h: Handler) => runner(h, failure, userObject);
      if (prop === 'withFailureHandler') return (h: Handler) => runner(success, h, userObject);
      if (prop === 'withUserObject') return (o: unknown) => runner(success, failure, o);
      if (typeof prop !== 'string') return undefined;
      return (...args: unknown[]) => {
        const fail = (message: string) => {
          const error = new Error(message);
          if (failure) failure(error, userObject);
          else console.error(error);
        };
        const index = args.findIndex((a) => illegal(a));
        if (index >= 0) {
          setTimeout(() => fail(`Failed due to illegal value in property: ${index}`), 0);
          return;
        }
        fetch('/rpc', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: prop, args }) })
          .then(async (r) => {
            if (!r.ok) throw new Error(`HTTP ${r.status}`);
            return (await r.json()) as { ok: boolean; value?: unknown; error?: string };
          })
          .then((reply) => {
            if (reply.ok) success?.(reply.value ?? null, userObject);
            else fail(reply.error ?? 'Exception');
          })
          .catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
      };
    },
  });
}

const host = {
  close: () => void fetch('/api/sidebar/close', { method: 'POST' }).then(() => window.parent.postMessage('sidebar-closed', location.origin)),
  setHeight: () => undefined,
  setWidth: () => undefined,
  editor: { focus: () => undefined },
};

(window as unknown as { google: unknown }).google = {
  script: {
    get run() {
      return runner();
    },
    host,
  },
};

// Links the sidebar shows (a form, the pamphlet Doc and PDF, the calendar) open the preview's page for that object.
document.addEventListener('click', (e) => {
  const a = (e.target as Element | null)?.closest?.('a[href]');
  if (!(a instanceof HTMLAnchorElement)) return;
  const local = previewUrl(a.href);
  if (!local) return;
  e.preventDefault();
  window.open(local, '_blank', 'noopener');
}, true);
