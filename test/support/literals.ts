/**
 * The string literals of a TypeScript source (quoted strings and the text parts of template literals), with their
 * line, skipping comments and regular-expression literals. Small on purpose: enough for the i18n test to find
 * user-facing text, not a parser.
 */
export function literals(src: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let i = 0; let line = 1; let prev = '';
  const n = src.length;
  const stack: number[] = []; // brace depth per open template
  let depth = 0;
  const readTemplate = (start: number) => { // at char after ` or after }
    let j = start; let buf = '';
    while (j < n) {
      const c = src[j]!;
      if (c === '\\') { buf += src.slice(j, j + 2); j += 2; continue; }
      if (c === '`') { out.push({ text: buf, line }); for (const ch of buf) if (ch === '\n') line++; return { end: j + 1, open: false }; }
      if (c === '$' && src[j + 1] === '{') { out.push({ text: buf, line }); for (const ch of buf) if (ch === '\n') line++; return { end: j + 2, open: true }; }
      buf += c; j++;
    }
    return { end: n, open: false };
  };
  while (i < n) {
    const c = src[i]!;
    if (c === '\n') { line++; i++; continue; }
    if (/\s/.test(c)) { i++; continue; }
    if (src.startsWith('//', i)) { const j = src.indexOf('\n', i); i = j < 0 ? n : j; continue; }
    if (src.startsWith('/*', i)) { const j = src.indexOf('*/', i + 2); const end = j < 0 ? n : j + 2; for (let k = i; k < end; k++) if (src[k] === '\n') line++; i = end; continue; }
    if (c === "'" || c === '"') {
      let j = i + 1; let buf = '';
      while (j < n && src[j] !== c) { if (src[j] === '\\') { buf += src.slice(j, j + 2); j += 2; continue; } buf += src[j]; j++; }
      out.push({ text: buf, line }); i = j + 1; prev = 'x'; continue;
    }
    if (c === '`') { const r = readTemplate(i + 1); i = r.end; if (r.open) { stack.push(depth); depth = 0; } prev = 'x'; continue; }
    if (c === '{') { depth++; i++; prev = c; continue; }
    if (c === '}') {
      if (stack.length && depth === 0) { depth = stack.pop()!; const r = readTemplate(i + 1); i = r.end; if (r.open) { stack.push(depth); depth = 0; } prev = 'x'; continue; }
      depth--; i++; prev = c; continue;
    }
    if (c === '/' && (prev === '' || '(,=:[!&|?{};+-*%<>~^'.includes(prev) || /\b(return|typeof|case|of|in)$/.test(src.slice(Math.max(0, i - 8), i).trimEnd()))) {
      let j = i + 1; let inClass = false;
      while (j < n && src[j] !== '\n' && (src[j] !== '/' || inClass)) { if (src[j] === '\\') j++; else if (src[j] === '[') inClass = true; else if (src[j] === ']') inClass = false; j++; }
      i = j + 1; prev = 'x'; continue;
    }
    prev = /[A-Za-z0-9_$)\]]/.test(c) ? 'x' : c; i++;
  }
  return out;
}
