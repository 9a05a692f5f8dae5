/**
 * The add-on hands out Google URLs (a form's published link, a Doc, a PDF in Drive, the calendar). In the preview
 * those open the preview's own pages for the same emulated object.
 */
export function previewUrl(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const p = u.pathname;
  if (u.hostname === 'docs.google.com') {
    let m = /^\/forms\/d\/e\/([\w-]+)\/(?:viewform|formResponse)/.exec(p);
    if (m) return `/forms/e/${m[1]}/viewform${u.search}`;
    m = /^\/forms\/d\/([\w-]+)/.exec(p);
    if (m) return `/forms/${m[1]}`;
    m = /^\/document\/d\/([\w-]+)/.exec(p);
    if (m) return `/docs/${m[1]}`;
    if (p === '/open') {
      const id = u.searchParams.get('id');
      if (id && /^[\w-]+$/.test(id)) return `/docs/${id}`;
    }
    m = /^\/spreadsheets\/d\//.exec(p);
    if (m) return '/';
  }
  if (u.hostname === 'drive.google.com') {
    const m = /\/(?:file\/d|folders)\/([\w-]+)/.exec(p) ?? /[?&]id=([\w-]+)/.exec(u.search);
    // The viewer page: a PDF shown as pages (a Doc redirects to its page, anything else to the download).
    if (m) return `/drive/${m[1]}/view`;
  }
  if (u.hostname === 'calendar.google.com') return '/calendar';
  return null;
}
