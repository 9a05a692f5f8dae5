/** HtmlService: HTML outputs and templates with scriptlets. */
import { readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { GasException, GasObject } from './runtime';
import { runInScriptContext } from './vm';

export class HtmlOutput extends GasObject implements Pick<GoogleAppsScript.HTML.HtmlOutput, 'setTitle' | 'getTitle' | 'getContent' | 'setWidth' | 'setHeight' | 'setXFrameOptionsMode' | 'append'> {
  readonly gasService = 'HtmlService';
  readonly gasType = 'HtmlOutput';
  title = '';
  constructor(public content: string) { super(); }
  setTitle(title: string): GoogleAppsScript.HTML.HtmlOutput { this.title = title; return this as never; }
  getTitle(): string { return this.title; }
  getContent(): string { return this.content; }
  append(addedContent: string): GoogleAppsScript.HTML.HtmlOutput { this.content += addedContent; return this as never; }
  setWidth(_w: number): GoogleAppsScript.HTML.HtmlOutput { return this as never; }
  setHeight(_h: number): GoogleAppsScript.HTML.HtmlOutput { return this as never; }
  setXFrameOptionsMode(_m: GoogleAppsScript.HTML.XFrameOptionsMode): GoogleAppsScript.HTML.HtmlOutput { return this as never; }
}

/**
 * HtmlService templates (https://developers.google.com/apps-script/guides/html/templates): `<? code ?>` runs,
 * `<?= expr ?>` prints with escaping, `<?!= expr ?>` prints as is. Scriptlets run in the script's own global scope
 * (its functions, e.g. an include() helper, are callable), with the template's properties as variables.
 */
export class HtmlTemplate extends GasObject {
  readonly gasService = 'HtmlService';
  readonly gasType = 'HtmlTemplate';
  [variable: string]: unknown;
  constructor(private readonly source: string) { super(); }
  getRawContent(): string { return this.source; }
  getCode(): string { return compileTemplate(this.source); }
  evaluate(): HtmlOutput {
    const vars: Record<string, unknown> = {};
    for (const key of Object.keys(this)) if (key !== 'source' && key !== 'gasService' && key !== 'gasType') vars[key] = this[key];
    const fn = runInScriptContext(`(function (__vars, __esc) { with (__vars) { ${compileTemplate(this.source)} } })`) as (v: object, e: (x: unknown) => string) => string;
    return new HtmlOutput(fn(vars, escapeTemplateOutput));
  }
}

/** `<?= ?>` output: Google escapes it for its context; HTML text and attribute escaping here (see FIDELITY_CHANGES). */
function escapeTemplateOutput(v: unknown): string {
  if (v === undefined || v === null) return '';
  return String(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The template as a function body that returns the HTML. */
function compileTemplate(source: string): string {
  let code = 'var __out = [];\n';
  let at = 0;
  const re = /<\?(!=|=)?([\s\S]*?)\?>/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    if (m.index > at) code += `__out.push(${JSON.stringify(source.slice(at, m.index))});\n`;
    const body = m[2]!;
    if (m[1] === '=') code += `__out.push(__esc(${body.trim().replace(/;$/, '')}));\n`;
    else if (m[1] === '!=') code += `__out.push((function (v) { return v === undefined || v === null ? '' : String(v); })(${body.trim().replace(/;$/, '')}));\n`;
    else code += `${body}\n`;
    at = re.lastIndex;
  }
  if (at < source.length) code += `__out.push(${JSON.stringify(source.slice(at))});\n`;
  return `${code}return __out.join('');`;
}

export function createHtmlService(distDir: string) {
  const fileText = (filename: string): string => {
    const file = path.join(distDir, `${filename.replace(/\.html$/, '')}.html`);
    if (!existsSync(file)) throw new GasException(`No HTML file named ${filename} was found.`);
    return readFileSync(file, 'utf8');
  };
  return {
    createTemplate(html: string): HtmlTemplate { return new HtmlTemplate(String(html)); },
    createTemplateFromFile(filename: string): HtmlTemplate { return new HtmlTemplate(fileText(filename)); },
    gasService: 'HtmlService',
    gasType: 'HtmlService',
    XFrameOptionsMode: { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' },
    SandboxMode: { IFRAME: 'IFRAME', NATIVE: 'NATIVE', EMULATED: 'EMULATED' },
    createHtmlOutput(html?: string): HtmlOutput { return new HtmlOutput(html ?? ''); },
    createHtmlOutputFromFile(filename: string): HtmlOutput {
      const file = path.join(distDir, `${filename.replace(/\.html$/, '')}.html`);
      if (!existsSync(file)) throw new GasException(`No HTML file named ${filename} was found.`);
      return new HtmlOutput(readFileSync(file, 'utf8'));
    },
  };
}
