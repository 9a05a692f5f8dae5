#!/usr/bin/env node
/**
 * `npm run deploy`: checks that this checkout is configured for an Apps Script project, then builds and runs
 * `clasp push --force` (which uploads dist/: Code.js, Sidebar.html, appsscript.json).
 *
 * Refuses, in Japanese and English, before building anything, when:
 * - .clasp.json is missing, unreadable, or still holds the placeholder script id (REPLACE_WITH_YOUR_SCRIPT_ID);
 * - its rootDir is not dist (clasp would push the sources instead of the bundle);
 * - clasp has no login on this machine (~/.clasprc.json, written by `npx clasp login`).
 * `--check` stops after the checks (what the offline test and a cautious user run).
 *
 * The working directory is the project root (npm runs scripts there).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const PLACEHOLDER = 'REPLACE_WITH_YOUR_SCRIPT_ID';
const root = process.cwd();
const check = process.argv.includes('--check');

/** Why deploying cannot go on, or null. Each reason is [Japanese, English]. */
export function deployProblem(dir, home = homedir()) {
  const file = path.join(dir, '.clasp.json');
  if (!existsSync(file)) {
    return [
      '.clasp.json がありません。Apps Script プロジェクトを作るか（README「使い始める」）、既存のプロジェクトのスクリプト ID を .clasp.json に書いてください。',
      '.clasp.json is missing. Create the Apps Script project (README, "Deploying with clasp") or put an existing project\'s script id in .clasp.json.',
    ];
  }
  let config;
  try {
    config = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return [`.clasp.json を読めません（JSON の誤り: ${e.message}）。`, `.clasp.json cannot be read (invalid JSON: ${e.message}).`];
  }
  const id = typeof config.scriptId === 'string' ? config.scriptId.trim() : '';
  if (!id || id === PLACEHOLDER) {
    return [
      `.clasp.json のスクリプト ID がまだ仮の値（${id || '空'}）です。Apps Script エディタの「プロジェクトの設定 → ID」からスクリプト ID をコピーして "scriptId" に書いてから、もう一度 npm run deploy を実行してください。`,
      `.clasp.json still has the placeholder script id (${id || 'empty'}). Copy the script id from the Apps Script editor (Project Settings → IDs) into "scriptId", then run npm run deploy again.`,
    ];
  }
  if (!/^[A-Za-z0-9_-]{20,}$/.test(id)) {
    return [
      `.clasp.json のスクリプト ID「${id}」はスクリプト ID の形ではありません（英数字・-・_ の長い文字列です）。`,
      `The script id "${id}" in .clasp.json does not look like one (a long string of letters, digits, - and _).`,
    ];
  }
  if (config.rootDir !== 'dist') {
    return [
      `.clasp.json の "rootDir" は "dist" にしてください（いまは ${JSON.stringify(config.rootDir ?? null)}）。dist/ にあるビルド結果だけを送ります。`,
      `Set "rootDir" to "dist" in .clasp.json (it is ${JSON.stringify(config.rootDir ?? null)}): only the built dist/ is pushed.`,
    ];
  }
  if (!existsSync(path.join(home, '.clasprc.json'))) {
    return [
      'clasp にログインしていません。ブラウザのあるパソコンで npx clasp login を一度実行してください。',
      'clasp is not logged in on this machine. Run npx clasp login once, on a machine with a browser.',
    ];
  }
  return null;
}

function run(command, args) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problem = deployProblem(root, process.env.HOME || homedir());
  if (problem) {
    console.error(`npm run deploy: 中止しました / stopped.\n\n${problem[0]}\n\n${problem[1]}`);
    process.exit(1);
  }
  if (check) {
    console.log('npm run deploy --check: .clasp.json と clasp のログインは準備できています / .clasp.json and the clasp login are ready.');
    process.exit(0);
  }
  run(process.execPath, [path.join(root, 'scripts', 'build.mjs')]);
  run(path.join(root, 'node_modules', '.bin', 'clasp'), ['push', '--force']);
}
