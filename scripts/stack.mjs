// `npm run stack`: turns an Apps Script stack trace of dist/Code.js (from the executions list or a log), pasted on stdin
// or passed as arguments, back into source function names and files, through build/Code.js.map into webpack's readable
// output build/Code.unminified.js (both written by `npm run build`; they must be from the build that was deployed).
// Frames look like `at e (Code:1:52345)` or `Code.gs:1:52345`.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The readable place of a position in the unminified bundle: its src/ file (webpack's module comment) and function. */
export function placeIn(unminifiedLines, line) {
  let file = '?';
  let fn = '';
  for (let i = line - 1; i >= 0; i--) {
    const text = unminifiedLines[i] ?? '';
    if (!fn) {
      const m = /^\s*(?:export\s+)?(?:async\s+)?function\*?\s+([\w$]+)\s*\(|^\s*(?:const|let)\s+([\w$]+)\s*=\s*(?:async\s*)?\(|^\s*([\w$]+)\s*\([^)]*\)\s*\{\s*$/.exec(text);
      if (m) fn = m[1] ?? m[2] ?? m[3] ?? '';
    }
    const module = /^;?\/\/ (\.\/src\/\S+|\.\/node_modules\/\S+)/.exec(text);
    if (module) { file = module[1].replace(/^\.\//, ''); break; }
  }
  return { file, fn };
}

export function symbolicate(trace, map, unminifiedLines) {
  return trace.replace(/(?:at\s+([\w$.<>]+)\s+\()?\bCode(?:\.gs|\.js)?:(\d+):(\d+)\)?/g, (whole, frameName, line, column) => {
    const pos = originalPositionFor(map, { line: Number(line), column: Number(column) - 1 });
    if (pos.line == null) return whole;
    const { file, fn } = placeIn(unminifiedLines, pos.line);
    const where = `${file} (build/Code.unminified.js:${pos.line}:${pos.column + 1})`;
    return frameName !== undefined ? `at ${fn || frameName} ${where}` : where;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const mapPath = path.join(root, 'build', 'Code.js.map');
  const unminifiedPath = path.join(root, 'build', 'Code.unminified.js');
  if (!existsSync(mapPath) || !existsSync(unminifiedPath)) {
    console.error('build/Code.js.map がありません。先に `npm run build` を実行してください（デプロイしたビルドと同じもの）。');
    process.exit(2);
  }
  const map = new TraceMap(readFileSync(mapPath, 'utf8'));
  const lines = readFileSync(unminifiedPath, 'utf8').split('\n');
  const input = process.argv.length > 2 ? process.argv.slice(2).join(' ') : readFileSync(0, 'utf8');
  process.stdout.write(symbolicate(input, map, lines) + (input.endsWith('\n') ? '' : '\n'));
}
