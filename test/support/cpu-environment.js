// Jest's node environment, plus (when JEST_CPU_LOG names a file) one JSON line per test file with the CPU seconds the
// file cost: this worker's own (process.cpuUsage) and its waited-for children's (Chromium and its renderers: utime and
// stime of /proc/self/stat's cutime/cstime, in clock ticks). On a shared machine wall time says little; CPU does.
// Set-up and teardown bracket the file's hooks too (a browser closed in afterAll is counted).
// Usage: JEST_CPU_LOG=/tmp/cpu.jsonl npx jest -w 1 --testEnvironment ./test/support/cpu-environment.js [paths]
const { TestEnvironment } = require('jest-environment-node');
const { appendFileSync, readFileSync } = require('node:fs');

const TICK = 100; // USER_HZ on Linux
function children() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) / TICK; // fields 16 and 17: cutime, cstime
  } catch {
    return 0;
  }
}

class CpuEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
  }
  async setup() {
    this.start = { own: process.cpuUsage(), children: children(), wall: Date.now() };
    await super.setup();
  }
  async teardown() {
    await super.teardown();
    const log = process.env.JEST_CPU_LOG;
    if (!log || !this.start) return;
    const own = process.cpuUsage(this.start.own);
    const line = {
      file: this.testPath,
      cpu: +((own.user + own.system) / 1e6 + children() - this.start.children).toFixed(2),
      children: +(children() - this.start.children).toFixed(2),
      wall: +((Date.now() - this.start.wall) / 1000).toFixed(2),
    };
    appendFileSync(log, JSON.stringify(line) + '\n');
  }
}

module.exports = CpuEnvironment;
