/**
 * The preview page (browser side): a spreadsheet-like view of the emulator — the add-on menu, the sheets as a grid
 * that can be edited, and the sidebar pane holding the real built sidebar. Data is inserted as text only.
 */
import { el, replace } from '../../../src/client/dom';
import type { CellView, SheetView } from '../views';
import { previewUrl } from './links';
import { drawChart } from './chart';

interface MenuItemView { caption?: string; functionName?: string; separator?: true }
interface StateView {
  version: number;
  spreadsheetName: string;
  sheets: string[];
  firstSheet: string;
  menu: { title: string; items: MenuItemView[] } | null;
  sidebarOpen: boolean;
  sidebarSerial: number;
  replayFailures: string[];
  notices: string[];
  highlights: { title: string; href: string }[];
  toastCount: number;
  pages: { id: string; title: string; href: string }[];
}
interface Outcome { ok: boolean; error?: string; alerts: { title: string; prompt: string }[] }

async function getJson<T>(url: string): Promise<T> {
  const r = await fetch(url, { cache: 'no-store' });
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return (await r.json()) as T;
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return (await r.json()) as T;
}

function columnLetter(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const SAFE_COLOR = /^#[0-9a-f]{3,8}$|^[a-z]{3,20}$/i;

class Preview {
  private state: StateView | null = null;
  private sheetName = '';
  private selected: { row: number; column: number } | null = null;
  private sidebarSerial = -1;
  private readonly title = el('h1', { class: 'doc-title' });
  private readonly menuList = el('div', { class: 'menu-items', role: 'menu' });
  private readonly menu = el('details', { class: 'menu' }, el('summary', { text: '拡張機能' }), this.menuList);
  private readonly pagesNav = el('nav', { class: 'pages', 'aria-label': 'プレビューのページ' });
  private readonly cellRef = el('span', { class: 'cell-ref', id: 'cell-ref', text: '' });
  private readonly cellInput = el('input', { id: 'cell-input', type: 'text', 'aria-label': 'セルの内容（Enter で確定）', autocomplete: 'off' });
  private readonly grid = el('div', { class: 'grid-scroll', tabindex: 0, role: 'region', 'aria-label': 'シート' });
  private readonly tabs = el('div', { class: 'tabs', role: 'tablist', 'aria-label': 'シート' });
  private readonly notice = el('div', { class: 'notice', role: 'status' });
  private readonly iframe = el('iframe', { title: 'サイドバー', class: 'sidebar-frame' });
  private readonly sidebarTitle = el('span', { text: '就労支援ネットワーク' });
  private readonly sidebar = el('aside', { class: 'sidebar-pane', 'aria-label': 'サイドバー', hidden: true });
  private readonly dialog = el('dialog', { class: 'alert', 'aria-labelledby': 'alert-title' });
  private readonly alertQueue: { title: string; prompt: string }[] = [];
  private readonly toastArea = el('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
  private toastsSeen = -1;
  /** The last selection sent to the server; a menu command waits for it so it acts on the cell just clicked. */
  private selecting: Promise<unknown> = Promise.resolve();

  mount(root: HTMLElement): void {
    const close = el('button', { type: 'button', class: 'close', 'aria-label': 'サイドバーを閉じる', text: '×' });
    close.addEventListener('click', () => void postJson('/api/sidebar/close', {}).then(() => this.refresh()));
    replace(this.sidebar, el('div', { class: 'sidebar-head' }, this.sidebarTitle, close), this.iframe);
    this.cellInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        void this.commit(this.cellInput.value);
      } else if (e.key === 'Escape') {
        this.select(this.selected);
      }
    });
    this.grid.addEventListener('click', (e) => {
      const td = (e.target as HTMLElement).closest('td[data-row]');
      if (!(td instanceof HTMLElement)) return;
      if ((e.target as HTMLElement).tagName === 'INPUT' || (e.target as HTMLElement).tagName === 'SELECT') return;
      this.select({ row: Number(td.dataset.row), column: Number(td.dataset.column) });
    });
    this.grid.addEventListener('dblclick', () => this.cellInput.focus());
    this.grid.addEventListener('change', (e) => {
      const input = e.target as HTMLInputElement | HTMLSelectElement;
      const td = input.closest('td[data-row]');
      if (!(td instanceof HTMLElement)) return;
      this.selected = { row: Number(td.dataset.row), column: Number(td.dataset.column) };
      const text = input instanceof HTMLInputElement && input.type === 'checkbox' ? (input.checked ? 'TRUE' : 'FALSE') : input.value;
      void this.commit(text);
    });
    const okButton = el('button', { type: 'button', class: 'primary', text: 'OK' });
    okButton.addEventListener('click', () => this.dialog.close());
    this.dialog.addEventListener('close', () => this.nextAlert());
    replace(this.dialog, el('h2', { id: 'alert-title' }), el('p', { class: 'alert-body' }), el('div', { class: 'alert-buttons' }, okButton));

    replace(root,
      el('header', { class: 'topbar' },
        el('div', { class: 'title-row' }, this.title, el('span', { class: 'badge', text: 'プレビュー（エミュレーター上で動作）' })),
        el('div', { class: 'menubar' }, this.menu, this.pagesNav)),
      el('div', { class: 'workspace' },
        el('main', { class: 'sheet-area' },
          el('div', { class: 'editbar' }, this.cellRef, this.cellInput),
          this.notice, this.grid, this.tabs),
        this.sidebar),
      this.toastArea,
      this.dialog);
    void this.refresh();
    window.setInterval(() => void this.poll(), 1500);
  }

  private async poll(): Promise<void> {
    try {
      const s = await getJson<StateView>('/api/state');
      if (!this.state || s.version !== this.state.version || s.sidebarOpen !== this.state.sidebarOpen || s.toastCount !== this.state.toastCount) await this.refresh(s);
    } catch {
      replace(this.notice, el('p', { class: 'error', text: 'プレビューのサーバーに接続できません。npm start が動いているか確認してください。' }));
    }
  }

  async refresh(given?: StateView): Promise<void> {
    const s = given ?? (await getJson<StateView>('/api/state'));
    this.state = s;
    void this.showToasts(s.toastCount);
    this.title.textContent = s.spreadsheetName;
    document.title = `${s.spreadsheetName} — プレビュー`;
    this.renderMenu(s);
    this.renderPages(s);
    if (!this.sheetName || !s.sheets.includes(this.sheetName)) this.sheetName = decodeURIComponent(location.hash.replace(/^#sheet=/, '')) || s.firstSheet;
    if (!s.sheets.includes(this.sheetName)) this.sheetName = s.sheets[0] ?? '';
    this.renderTabs(s);
    replace(this.notice, ...s.notices.map((n) => el('p', { class: 'error', text: n })),
      ...s.highlights.map((h) => el('p', { class: 'highlight' }, el('a', { href: h.href, target: '_blank', rel: 'noopener', text: h.title }))));
    await this.renderSheet();
    this.sidebar.hidden = !s.sidebarOpen;
    if (s.sidebarOpen && s.sidebarSerial !== this.sidebarSerial) {
      this.sidebarSerial = s.sidebarSerial;
      this.iframe.src = `/sidebar?open=${s.sidebarSerial}`;
    }
  }

  /** Spreadsheet.toast messages, shown a few seconds at the bottom right as Sheets does (old ones are not replayed). */
  private async showToasts(count: number): Promise<void> {
    if (this.toastsSeen < 0) {
      this.toastsSeen = count;
      return;
    }
    if (count <= this.toastsSeen) return;
    const since = this.toastsSeen;
    this.toastsSeen = count;
    const toasts = await getJson<{ serial: number; title: string; message: string }[]>(`/api/toasts?since=${since}`);
    for (const toast of toasts) {
      const node = el('div', { class: 'toast' }, toast.title ? el('strong', { text: toast.title }) : null, el('p', { text: toast.message }));
      this.toastArea.appendChild(node);
      window.setTimeout(() => node.remove(), 8000);
    }
  }

  private renderMenu(s: StateView): void {
    if (!s.menu) {
      replace(this.menuList, el('p', { text: 'アドオンのメニューはまだありません。' }));
      return;
    }
    const items = s.menu.items.map((item) => {
      if (item.separator || !item.functionName) return el('hr', { role: 'separator' });
      const b = el('button', { type: 'button', role: 'menuitem', text: item.caption ?? '' });
      const fn = item.functionName;
      b.addEventListener('click', () => {
        this.menu.open = false;
        void this.runMenu(fn);
      });
      return b;
    });
    replace(this.menuList, el('p', { class: 'menu-title', text: s.menu.title }), ...items);
  }

  private renderPages(s: StateView): void {
    replace(this.pagesNav, ...s.pages.map((p) => el('a', { href: p.href, target: '_blank', rel: 'noopener', text: p.title })));
  }

  private renderTabs(s: StateView): void {
    replace(this.tabs, ...s.sheets.map((name) => {
      const b = el('button', { type: 'button', role: 'tab', 'aria-selected': String(name === this.sheetName), text: name });
      b.addEventListener('click', () => {
        this.sheetName = name;
        this.selected = null;
        this.sendSelection({ sheet: name, row: 1, column: 1 });
        location.hash = `sheet=${encodeURIComponent(name)}`;
        this.renderTabs(s);
        void this.renderSheet().then(() => this.grid.scrollTo(0, 0));
      });
      return b;
    }));
  }

  private view: SheetView | null = null;

  private async renderSheet(): Promise<void> {
    if (!this.sheetName) return;
    const view = await getJson<SheetView>(`/api/sheet?name=${encodeURIComponent(this.sheetName)}`);
    this.view = view;
    const width = view.rows[0]?.length ?? 0;
    const head = el('tr', {}, el('td', { class: 'corner' }), ...Array.from({ length: width }, (_, c) => el('th', { scope: 'col', text: columnLetter(c + 1) })));
    const body = el('tbody');
    view.rows.forEach((line, r) => {
      const tr = el('tr', { class: r < view.frozenRows ? 'frozen' : undefined }, el('th', { scope: 'row', text: r + 1 }));
      line.forEach((cell, c) => tr.appendChild(this.cell(cell, r + 1, c + 1)));
      body.appendChild(tr);
    });
    const table = el('table', { class: 'grid', 'data-sheet': view.name }, el('thead', {}, head), body);
    replace(this.grid, table);
    // Charts float over the grid at their anchor cell, as in Sheets.
    for (const chart of view.charts) {
      const anchor = table.querySelector(`td[data-row="${chart.anchorRow}"][data-column="${chart.anchorColumn}"]`);
      if (!(anchor instanceof HTMLElement)) continue;
      const box = el('figure', { class: 'embedded-chart', 'aria-label': chart.title || 'グラフ' });
      box.appendChild(drawChart(chart));
      box.style.left = `${anchor.offsetLeft + chart.offsetX}px`;
      box.style.top = `${anchor.offsetTop + chart.offsetY}px`;
      this.grid.appendChild(box);
    }
    this.select(this.selected, false);
  }

  private cell(cell: CellView, row: number, column: number): HTMLElement {
    const ref = `${columnLetter(column)}${row}`;
    const td = el('td', { 'data-row': row, 'data-column': column, 'data-ref': ref, title: cell.note });
    if (cell.note) td.classList.add('has-note');
    if (cell.invalid) {
      // Sheets' invalid-data marker: the typed value as text, a red corner, the reason on hover.
      td.classList.add('invalid');
      td.title = cell.note ? `${cell.invalid}\n\n${cell.note}` : cell.invalid;
      td.dataset.invalid = 'true';
    }
    if (cell.bg && SAFE_COLOR.test(cell.bg)) td.style.background = cell.bg;
    if (cell.check !== undefined) {
      td.appendChild(el('input', { type: 'checkbox', checked: cell.check, 'aria-label': `${ref} チェックボックス` }));
    } else if (cell.list) {
      const select = el('select', { 'aria-label': `${ref} の選択肢` }, el('option', { value: '', text: '' }), ...cell.list.map((v) => el('option', { value: v, text: v, selected: v === cell.d })));
      td.appendChild(select);
    } else {
      // Sheets shows a URL as a link; one to a form, Doc or PDF the add-on made opens the preview's page for it.
      const local = /^https:\/\/\S+$/.test(cell.d) ? previewUrl(cell.d) : null;
      if (local) td.appendChild(el('a', { href: local, target: '_blank', rel: 'noopener', text: cell.d }));
      else td.textContent = cell.d;
    }
    return td;
  }

  /** Selections reach the server in the order they were made: a tab's row-1 selection sent just before a cell click
   *  must not arrive after it (seen under load: the menu then acted on row 1). */
  private sendSelection(at: { sheet: string; row: number; column: number }): void {
    this.selecting = this.selecting.then(() => postJson('/api/select', at)).catch(() => undefined);
  }

  private select(at: { row: number; column: number } | null, focus = true): void {
    this.selected = at;
    for (const old of this.grid.querySelectorAll('td.selected')) old.classList.remove('selected');
    if (!at || !this.view) {
      this.cellRef.textContent = '';
      this.cellInput.value = '';
      return;
    }
    if (focus) this.sendSelection({ sheet: this.sheetName, row: at.row, column: at.column });
    const cell = this.view.rows[at.row - 1]?.[at.column - 1];
    this.grid.querySelector(`td[data-row="${at.row}"][data-column="${at.column}"]`)?.classList.add('selected');
    this.cellRef.textContent = `${columnLetter(at.column)}${at.row}`;
    this.cellInput.value = cell ? (cell.e ?? cell.d) : '';
    if (focus) this.cellInput.focus();
  }

  private async commit(text: string): Promise<void> {
    if (!this.selected) return;
    const outcome = await postJson<Outcome>('/api/cell', { sheet: this.sheetName, row: this.selected.row, column: this.selected.column, text });
    if (!outcome.ok) this.alert({ title: '入力できません', prompt: outcome.error ?? '' });
    else if (this.selected.row < (this.view?.rows.length ?? 0)) this.selected = { row: this.selected.row + 1, column: this.selected.column };
    await this.refresh();
  }

  private async runMenu(functionName: string): Promise<void> {
    document.body.setAttribute('aria-busy', 'true');
    try {
      await this.selecting;
      const outcome = await postJson<Outcome>('/api/menu', { functionName });
      for (const a of outcome.alerts) this.alert(a);
      if (!outcome.ok) this.alert({ title: 'エラー', prompt: outcome.error ?? '' });
    } finally {
      document.body.setAttribute('aria-busy', 'false');
      await this.refresh();
    }
  }

  private alert(a: { title: string; prompt: string }): void {
    this.alertQueue.push(a);
    if (!this.dialog.open) this.nextAlert();
  }

  private nextAlert(): void {
    const a = this.alertQueue.shift();
    if (!a) return;
    const title = this.dialog.querySelector('h2');
    const body = this.dialog.querySelector('.alert-body');
    if (title) title.textContent = a.title || 'アラート';
    if (body) body.textContent = a.prompt;
    this.dialog.showModal();
  }
}

const root = document.getElementById('preview');
if (root) new Preview().mount(root);
