/**
 * Renders an emulated Google Doc as HTML (the demo's docs/<name>.html, the preview) and as plain lines
 * (the emulated PDF export). All document text is HTML-escaped; only link URLs with http(s)/mailto survive.
 */
import { DocElement, DocContainer, InlineImageElement, ListItemElement, PageBreakElement, ParagraphElement, SectionElement, TableElement, TextElement } from './documents';

export interface DocumentSections { body: SectionElement; header: SectionElement | null; footer: SectionElement | null }

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const HEADING_TAG: Record<string, string> = {
  TITLE: 'h1', SUBTITLE: 'p', HEADING1: 'h2', HEADING2: 'h3', HEADING3: 'h4', HEADING4: 'h5', HEADING5: 'h6', HEADING6: 'h6', NORMAL: 'p',
};

function safeUrl(url: string): string | null {
  return /^(https?:|mailto:)/i.test(url) ? url : null;
}

function renderText(t: TextElement): string {
  // Line breaks inside a paragraph ("\n" given to setText, "\r" as Docs reports soft breaks) show as <br>.
  const piece = (s: string) => escapeHtml(s).replace(/\r\n|\r|\n|\u000b/g, '<br>');
  let html = '';
  let at = 0;
  for (const link of [...t.links].sort((a, b) => a.start - b.start)) {
    const url = safeUrl(link.url);
    if (!url || link.start < at) continue;
    html += piece(t.text.slice(at, link.start));
    html += `<a href="${escapeHtml(url)}" target="_blank" rel="noopener">${piece(t.text.slice(link.start, link.end + 1))}</a>`;
    at = link.end + 1;
  }
  html += piece(t.text.slice(at));
  return t.bold ? `<strong>${html}</strong>` : html;
}

function renderInline(p: DocContainer): string {
  return p.children.map((c) => {
    if (c instanceof TextElement) return renderText(c);
    // The picture's own bytes as a data: URL (the preview's Content-Security-Policy allows img-src data:), at its size in points.
    if (c instanceof InlineImageElement) return `<img src="data:${c.contentType};base64,${Buffer.from(c.bytes).toString('base64')}" width="${c.width}" height="${c.height}" alt="" style="image-rendering:pixelated">`;
    if (c instanceof PageBreakElement) return '<hr class="page-break">';
    return '';
  }).join('');
}

function renderParagraph(p: ParagraphElement): string {
  const tag = HEADING_TAG[p.heading] ?? 'p';
  const cls = p.heading === 'SUBTITLE' ? ' class="subtitle"' : '';
  const align = p.alignment ? ` style="text-align:${p.alignment.toLowerCase()}"` : '';
  return `<${tag}${cls}${align}>${renderInline(p)}</${tag}>`;
}

function renderTable(t: TableElement): string {
  const rows = t.children.map((row) => {
    const cells = (row as DocContainer).children.map((cell) => `<td>${renderChildren((cell as DocContainer).children)}</td>`).join('');
    return `<tr>${cells}</tr>`;
  });
  return `<table>${rows.join('')}</table>`;
}

function renderChildren(children: DocElement[]): string {
  let html = '';
  let list: { id: string; ordered: boolean } | null = null;
  for (const c of children) {
    if (c instanceof ListItemElement) {
      const ordered = /NUMBER|LATIN|ROMAN/.test(c.glyphType);
      if (!list || list.id !== c.listId) {
        if (list) html += list.ordered ? '</ol>' : '</ul>';
        list = { id: c.listId, ordered };
        html += ordered ? '<ol>' : '<ul>';
      }
      html += `<li>${renderInline(c)}</li>`;
      continue;
    }
    if (list) { html += list.ordered ? '</ol>' : '</ul>'; list = null; }
    if (c instanceof ParagraphElement) html += renderParagraph(c);
    else if (c instanceof TableElement) html += renderTable(c);
  }
  if (list) html += list.ordered ? '</ol>' : '</ul>';
  return html;
}

const STYLE = `body{font-family:"Noto Sans JP","Hiragino Sans",sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.7;color:#1f1f1f}
header,footer{color:#555;font-size:.9rem;border-bottom:1px solid #ddd;margin-bottom:1rem}footer{border-top:1px solid #ddd;border-bottom:0;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}td{border:1px solid #bbb;padding:.4rem .6rem;vertical-align:top}td p{margin:0}
tr:first-child td{word-break:keep-all;overflow-wrap:normal}
.subtitle{font-size:1.2rem;color:#555}
hr.page-break{border:0;border-top:2px dashed #bbb;margin:2rem 0;break-after:page}`;

/** A complete HTML page for one document. */
export function renderDocumentHtml(doc: DocumentSections, title: string): string {
  const header = doc.header ? `<header>${renderChildren(doc.header.children)}</header>` : '';
  const footer = doc.footer ? `<footer>${renderChildren(doc.footer.children)}</footer>` : '';
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${header}<main>${renderChildren(doc.body.children)}</main>${footer}</body></html>
`;
}

/** The document as lines of text, header first and footer last (tables: one line per cell line). */
export function documentToPlainLines(doc: DocumentSections): string[] {
  const lines: string[] = [];
  const walk = (children: DocElement[]) => {
    for (const c of children) {
      if (c instanceof TableElement) {
        for (const row of c.children) for (const cell of (row as DocContainer).children) walk((cell as DocContainer).children);
      } else lines.push(...c.getText().split(/\r\n|\r|\n|\u000b/));
    }
  };
  if (doc.header) walk(doc.header.children);
  walk(doc.body.children);
  if (doc.footer) walk(doc.footer.children);
  return lines;
}

