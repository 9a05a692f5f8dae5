/** CSV import: choose a file → the server decodes it and shows the rows (writing nothing) → import. */
import type { CsvPreview } from '../../protocol';
import { append, el, nextId } from '../dom';
import { t } from '../i18n';
import { call } from '../rpc';
import { action, button, clearMessages, exclusive, section, setAllowed, showError, showResult } from '../ui';
import { reportLines } from './registry';

/** google.script.run carries strings well; bytes travel as base64 so Shift_JIS survives untouched. */
const MAX_BYTES = 5 * 1024 * 1024;

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

function readFile(file: File): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.addEventListener('load', () => resolve(new Uint8Array(reader.result as ArrayBuffer)));
    reader.addEventListener('error', () => reject(new Error(t('csv.readFailed'))));
    reader.readAsArrayBuffer(file);
  });
}

/** The columns worth showing in a narrow sidebar: the name first, then kind and consent when present. */
function shownColumns(header: readonly string[]): string[] {
  const preferred = ['名称', '種別', '掲載同意'].filter((h) => header.includes(h));
  return preferred.length ? preferred : header.slice(0, 3);
}

function previewTable(preview: CsvPreview): HTMLElement {
  const columns = shownColumns(preview.header);
  const head = el('tr', {}, el('th', { scope: 'col', text: t('csv.line') }), ...columns.map((c) => el('th', { scope: 'col', text: c })), el('th', { scope: 'col', text: t('csv.status') }));
  const body = el('tbody');
  for (const row of preview.rows) {
    append(body, el('tr', { class: row.duplicate ? 'duplicate' : row.similarTo ? 'similar' : undefined },
      el('td', { text: row.line }),
      ...columns.map((c) => el('td', { text: row.cells[c] ?? '' })),
      el('td', { text: row.duplicate ? t('csv.duplicate') : row.similarTo ? t('csv.similar') : t('csv.new') })));
  }
  const captionId = nextId('csv-caption');
  return el('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-labelledby': captionId },
    el('table', { class: 'preview' }, el('caption', { id: captionId, text: t('csv.previewCaption') }), el('thead', {}, head), body));
}

export function csvSection(): HTMLElement {
  const s = section('csv', 'csv.title', 'csv.help');
  const inputId = nextId('csv-file');
  const input = action(el('input', { id: inputId, type: 'file', accept: '.csv,text/csv' }));
  const preview = el('div', { class: 'csv-preview' });
  let pending: string | null = null;
  const importButton = button(t('csv.import'), () => {
    const base64 = pending;
    if (!base64) return;
    void exclusive(s, async () => {
      const result = await call('rpcImportCsv', base64);
      pending = null;
      setAllowed(importButton, false);
      input.value = '';
      preview.replaceChildren();
      // The server's sentences already say what was added and what was skipped as a duplicate, and where.
      const lines = result.messages.length ? result.messages : [t('csv.done', { appended: result.appended })];
      showResult(s, ...lines, ...reportLines(result.registry));
    });
  });
  setAllowed(importButton, false);

  input.addEventListener('change', () => {
    const file = input.files?.[0];
    pending = null;
    setAllowed(importButton, false);
    preview.replaceChildren();
    clearMessages(s);
    if (!file) return;
    if (file.size > MAX_BYTES) {
      showError(s, new Error(t('csv.tooLarge', { size: (file.size / 1024 / 1024).toFixed(1) })));
      return;
    }
    void exclusive(s, async () => {
      showResult(s, t('csv.reading'));
      const base64 = toBase64(await readFile(file));
      const result = await call('rpcPreviewCsv', base64);
      showResult(s, t('csv.preview', { encoding: result.encoding, rows: result.rows.length }), ...result.messages);
      preview.replaceChildren(previewTable(result));
      if (result.blocking) {
        append(preview, el('p', { class: 'warning', text: t('csv.blocked') }));
      } else {
        pending = base64;
      }
    }).then(() => setAllowed(importButton, pending !== null));
  });

  s.body.append(el('label', { for: inputId, text: t('csv.file') }), input, preview, importButton);
  return s.root;
}
