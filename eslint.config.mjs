// ESLint with typescript-eslint (syntax only, no type information: fast, and `npm run typecheck` already runs the
// compiler). The rule that matters most: src/server/domain is pure — it imports nothing from workspace/ or the
// emulator and touches no Apps Script global or type (docs/ARCHITECTURE.md, "Layers").
//
// TypeScript 7 ships no classic JS compiler API, which typescript-eslint's parser needs (its peer range is
// typescript >=4.8.4 <6.1.0). Following TypeScript 7's side-by-side guidance, package.json installs TypeScript 7 as
// `@typescript/native` (it provides the `tsc` that `npm run typecheck` runs) and `typescript` as
// `@typescript/typescript6`, the classic API, which only the linter loads.
import tseslint from 'typescript-eslint';

/** Apps Script's services and enums: none may appear in the pure domain layer. */
const APPS_SCRIPT_GLOBALS = [
  'SpreadsheetApp', 'DocumentApp', 'FormApp', 'CalendarApp', 'Calendar', 'Drive', 'DriveApp', 'MailApp', 'GmailApp',
  'ScriptApp', 'PropertiesService', 'LockService', 'CacheService', 'Session', 'HtmlService', 'UrlFetchApp',
  'Utilities', 'Logger', 'Browser', 'Charts', 'ContentService', 'SlidesApp', 'MimeType', 'XmlService',
].map((name) => ({ name, message: 'src/server/domain is pure: pass data in from workspace/ instead.' }));

export default tseslint.config(
  { ignores: ['dist/', 'build/', 'out/', 'node_modules/', 'test-artifacts/', '.preview-state/'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      // Wrappers over Google's loosely typed values and the emulator's proxies need `any` at a few seams.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `cond ? a() : b()` as a statement reads as the if/else it is.
      '@typescript-eslint/no-unused-expressions': ['error', { allowTernary: true }],
    },
  },
  {
    // The emulator builds Google's classes from plain objects: a captured `this` and generic `Function` members are
    // how it mirrors Apps Script's own shapes.
    files: ['emulator/**/*.ts'],
    rules: { '@typescript-eslint/no-this-alias': 'off', '@typescript-eslint/no-unsafe-function-type': 'off' },
  },
  {
    // Tests load some modules lazily (after a global is set up), which needs require().
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/server/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/workspace', '**/workspace/**'], message: 'src/server/domain is pure: it must not import workspace/.' },
          { group: ['**/emulator', '**/emulator/**'], message: 'src/server/domain is pure: it must not import the emulator.' },
          { group: ['**/main', '**/operations', '**/client/**'], message: 'src/server/domain is pure: entry points and the sidebar import it, not the reverse.' },
        ],
      }],
      'no-restricted-globals': ['error', ...APPS_SCRIPT_GLOBALS],
      'no-restricted-syntax': ['error', {
        selector: "TSQualifiedName[left.name='GoogleAppsScript']",
        message: 'src/server/domain is pure: no Apps Script types (use plain data).',
      }],
    },
  },
);
