// Removes this jest run's demo exports (test/support/demo.ts, made by global-setup.js).
const { rmSync } = require('node:fs');

module.exports = async () => {
  const dir = process.env.DEMO_EXPORTS;
  if (dir && /jest-demo-exports-/.test(dir)) rmSync(dir, { recursive: true, force: true });
};
