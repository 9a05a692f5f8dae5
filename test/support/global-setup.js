// Apps Script runs a script in its manifest's time zone (https://developers.google.com/apps-script/manifest), and the
// emulator's vm shares the host's Date: jest's workers inherit this process's TZ (a test's own process.env is a copy,
// so createEmulator cannot set it from inside a test).
const { readFileSync } = require('node:fs');
const path = require('node:path');

module.exports = async () => {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../appsscript.json'), 'utf8'));
  process.env.TZ = manifest.timeZone;
};
