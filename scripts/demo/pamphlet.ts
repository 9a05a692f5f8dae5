/**
 * Demo step: create the pamphlet template, generate the pamphlet from the demo registry (発行日 = the demo's day),
 * export docs/<document name>.html (the Doc rendered, text HTML-escaped) and the PDF, and summary.json → pamphlet.
 */
import type { PamphletResult, RpcResult } from '../../src/protocol';
import { documentSections } from '../../emulator/drive';
import { renderDocumentHtml } from '../../emulator/render-html';
import { DEMO_NOW, DemoContext } from './context';

function unwrap<T>(r: RpcResult<T>, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${r.error.message}`);
  return r.value;
}

/** yyyy-mm-dd of an instant in Asia/Tokyo. */
function tokyoDate(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** A file name safe on every OS, keeping the Japanese document name readable. */
function fileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
}

export function pamphletStep(ctx: DemoContext): void {
  const { emu } = ctx;
  const template = unwrap(emu.run<RpcResult<{ url: string; message: string }>>('rpcCreatePamphletTemplate'), 'pamphlet template');
  ctx.log(`パンフレットのひな形: ${template.url}`);
  const result = unwrap(emu.run<RpcResult<PamphletResult>>('rpcGeneratePamphlet', [{ issuedOn: tokyoDate(DEMO_NOW) }]), 'pamphlet');
  const sections = documentSections(emu.drive, result.documentId);
  if (!sections) throw new Error(`pamphlet: document ${result.documentId} not found`);
  ctx.files.set(`docs/${fileName(result.name)}.html`, renderDocumentHtml(sections, result.name));
  const pdf = emu.drive.files.get(result.pdfId);
  if (pdf?.bytes) ctx.files.set(`docs/${fileName(result.name)}.pdf`, Buffer.from(pdf.bytes));
  ctx.summary.pamphlet = {
    name: result.name,
    included: result.included,
    excluded: result.excluded.map((x) => ({ name: x.name, reason: x.reason })),
  };
  ctx.log(`パンフレット「${result.name}」: 掲載 ${result.included.length}団体、除外 ${result.excluded.length}団体`);
  for (const x of result.excluded) ctx.log(`  除外: ${x.name}（${x.reason}）`);
}
