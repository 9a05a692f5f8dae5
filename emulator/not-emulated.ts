/**
 * A member Google's Apps Script has but the emulator does not fails loudly, naming it
 * ("Emulator: SpreadsheetApp.Range.mergeAcross is not emulated"), instead of `undefined is not a function`.
 * Google's members are read from @types/google-apps-script (the reference's classes and their methods), once; a
 * name Google does not have stays undefined, so calling it fails as it does on Google ("….x is not a function").
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from './paths';

let members: Map<string, Set<string>> | null = null;

/** interface name → member names, over every Apps Script service's declarations. */
function googleMembers(): Map<string, Set<string>> {
  if (members) return members;
  members = new Map();
  const dir = path.join(projectRoot(), 'node_modules', '@types', 'google-apps-script');
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.startsWith('google-apps-script.') && f.endsWith('.d.ts')).map((f) => path.join(dir, f));
  } catch {
    return members;
  }
  for (const file of files) {
    let current: Set<string> | null = null;
    let indent = '';
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const open = /^(\s*)(?:export )?interface (\w+)\b.*\{\s*$/.exec(line);
      if (open) {
        indent = open[1]!;
        current = members.get(open[2]!) ?? new Set();
        members.set(open[2]!, current);
        continue;
      }
      if (!current) continue;
      if (line.startsWith(`${indent}}`)) { current = null; continue; }
      const member = /^\s+(?:readonly\s+)?(\w+)\??\s*[(:<]/.exec(line);
      if (member) current.add(member[1]!);
    }
  }
  return members;
}

export class NotEmulatedError extends Error {
  constructor(member: string) {
    super(`Emulator: ${member} is not emulated`);
    this.name = 'NotEmulatedError';
  }
}

/**
 * For a string property missing on an emulated object: a function that throws NotEmulatedError when Google's class
 * has that member (an enum-like capitalised member throws at once), or undefined when Google has no such member.
 */
export function notEmulatedMember(service: string, type: string, prop: string): ((...args: unknown[]) => never) | undefined {
  const known = googleMembers().get(type);
  if (!known || !known.has(prop)) return undefined;
  const name = service === type ? `${service}.${prop}` : `${service}.${type}.${prop}`;
  if (/^[A-Z]/.test(prop)) throw new NotEmulatedError(name);
  return () => { throw new NotEmulatedError(name); };
}
