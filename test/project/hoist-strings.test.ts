/**
 * scripts/hoist-strings.mjs writes a repeated string once, and a repeated property name (`o.responseKey`,
 * `{ responseKey: v }`, `{ responseKey } = o`) through a variable holding it (`o[n]`, `{ [n]: v }`): the same property
 * in ECMAScript. Checked here by running a module before and after the rewrite and comparing what it computes, with the
 * cases where a computed key is NOT the same (`__proto__`, a class's `constructor`) and Apps Script's names kept.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vm from 'node:vm';

const script = pathToFileURL(path.join(__dirname, '../../scripts/hoist-strings.mjs')).href;

function rewrite(body: string, keepNames: string[] = []): string {
  const code = `// This entry needs to be wrapped in an IIFE\n(() => {\n"use strict";\n${body}\n})();\n`;
  const driver = `import { hoistStrings } from ${JSON.stringify(script)};
    process.stdout.write(JSON.stringify([${JSON.stringify(code)}, hoistStrings(${JSON.stringify(code)}, { keepNames: new Set(${JSON.stringify(keepNames)}) }).code]));`;
  const [before, after] = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', driver], { encoding: 'utf8' })) as string[];
  expect(after).not.toBe(before);
  return after;
}

function run(code: string): unknown {
  const context = vm.createContext({ out: undefined, sheet: { getRange: (a: number) => a * 2 } });
  vm.runInContext(code, context);
  return context.out;
}

const MODULE = `
  const rows = [{ responseKey: 'a', rowNumber: 2 }, { responseKey: 'b', rowNumber: 3 }];
  const keyed = rows.map((r) => r.responseKey + r?.responseKey + r['responseKey'] + r.rowNumber);
  const { responseKey, rowNumber: n = 0, ...rest } = rows[1];
  const proto = { __proto__: { inherited: 'yes' }, own: 2 };
  const protoAgain = { '__proto__': { inherited: 'again' } };
  const protos = [{ __proto__: proto }, { __proto__: proto }, { __proto__: proto }].map((o) => Object.keys(o).length + o.inherited);
  class Thing { constructor(x) { this.responseKey = x; } get rowNumber() { return 7; } responseKeyOf() { return this.responseKey; } }
  const thing = new Thing('k');
  const obj = { responseKey, rowNumber() { return this.responseKey + this.rowNumber.name; }, get label() { return 'L'; }, 'quoted': 1 };
  let assigned, defaulted;
  ({ responseKey: assigned, missing: defaulted = 'd' } = obj);
  ({ responseKey: obj.rowKey } = rows[0]);
  const named = { responseKey: function () {} }.responseKey.name;
  const counted = { rowNumber: 0 }; counted.rowNumber++; counted.rowNumber += 2; delete obj.quoted;
  out = {
    keyed, responseKey, n, rest, inherited: proto.inherited, protoKeys: Object.keys(proto), again: protoAgain.inherited, protos,
    thing: [thing.responseKey, thing.rowNumber, thing.responseKeyOf(), Object.getOwnPropertyNames(Thing.prototype), typeof Thing],
    obj: [obj.rowNumber(), obj.label, Object.keys(obj), obj.rowKey], assigned, defaulted, named, counted: counted.rowNumber,
    strings: ['rowNumber', 'responseKey', 'responseKey'], range: sheet.getRange(4) + sheet.getRange(5) + sheet.getRange(6),
  };
`;

test('a module computes the same after its repeated strings and property names are written once', () => {
  const after = rewrite(MODULE, ['getRange']);
  expect(after).toMatch(/let \[[^\]]*__str\d+[^\]]*\] = "[^"]*\bresponseKey\b[^"]*"\.split\(" "\);/);
  expect(after).not.toMatch(/\.responseKey\b|\bresponseKey:/);
  expect(after).toMatch(/__proto__: \{/); // an object literal's prototype stays a prototype
  expect(after).toMatch(/'__proto__': \{/);
  expect(after).toMatch(/constructor\(x\)/); // a class's members keep their names
  expect(after).toMatch(/get rowNumber\(\)/);
  expect(after.match(/sheet\.getRange\(/g)).toHaveLength(3); // an Apps Script name stays as Google writes it
  const expected = run(MODULE);
  expect(expected).toMatchObject({ inherited: 'yes', again: 'again', protoKeys: ['own'], named: 'responseKey', counted: 3, protos: ['0yes', '0yes', '0yes'] });
  expect(run(after)).toEqual(expected);
});

test('dist/Code.js writes the Apps Script members it calls as Google names them', () => {
  const code = readFileSync(path.join(__dirname, '../../dist/Code.js'), 'utf8');
  for (const call of ['.getRange(', '.getActiveSpreadsheet(', '.openById(', 'Drive.Files', '.sendEmail(', '.getRemainingDailyQuota(', '.batchUpdate(']) {
    expect(code).toContain(call);
  }
});
