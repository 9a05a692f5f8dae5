// Apps Script runs a script in its manifest's time zone (https://developers.google.com/apps-script/manifest), and the
// emulator's vm shares the host's Date: jest's workers inherit this process's TZ (a test's own process.env is a copy,
// so createEmulator cannot set it from inside a test).
// DEMO_EXPORTS: a folder of this jest run's own where the demo's export is made once and read by every test that
// checks it (test/support/demo.ts); global-teardown.js removes it.
const { mkdtempSync, readFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

module.exports = async () => {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../appsscript.json'), 'utf8'));
  process.env.TZ = manifest.timeZone;
  process.env.DEMO_EXPORTS = mkdtempSync(path.join(tmpdir(), 'jest-demo-exports-'));
};
