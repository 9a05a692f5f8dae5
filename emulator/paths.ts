import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The project root (where package.json is), whether running from source under jest or bundled under build/. */
export function projectRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'appsscript.json'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}
