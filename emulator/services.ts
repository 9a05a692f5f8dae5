/**
 * The smaller Apps Script services, one file each (ui, html, properties, lock, session, utilities, script-app); this
 * module re-exports them for older imports. Services are registered in emulator/registry.ts.
 */
export * from './ui';
export * from './html';
export * from './properties';
export * from './lock';
export * from './session';
export * from './utilities';
export * from './script-app';
