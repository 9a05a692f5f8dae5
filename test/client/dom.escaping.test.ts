/**
 * The sidebar and the preview page build markup only through dom.ts (textContent, setAttribute): this test fails if
 * code that parses strings as HTML, or an inline handler, appears in their sources.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const DIRS = ['src/client', 'emulator/preview/client'];
const FORBIDDEN = [/\.innerHTML\b/, /\.outerHTML\b/, /insertAdjacentHTML/, /document\.write/, /\bon[a-z]+\s*=\s*["']/i, /\beval\(/, /new Function\(/];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|html)$/.test(f) ? [p] : [];
  });
}

test.each(DIRS.flatMap((d) => files(path.join(ROOT, d))).map((f) => [path.relative(ROOT, f)]))('%s builds no HTML from strings', (file) => {
  const source = readFileSync(path.join(ROOT, file), 'utf8')
    .split('\n')
    .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
    .join('\n');
  for (const pattern of FORBIDDEN) expect({ file, match: pattern.exec(source)?.[0] ?? null }).toEqual({ file, match: null });
});
