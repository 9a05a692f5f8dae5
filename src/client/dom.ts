/**
 * The only way the sidebar builds markup: elements are created one by one and every piece of text goes through
 * textContent, so a value from a sheet or a form (an agency named `<img src=x onerror=…>`) is shown as text.
 * There is no innerHTML anywhere in src/client, and handlers are attached with addEventListener, never inline.
 */
export type Child = Node | string | number | null | undefined | false;

export interface Attrs {
  [name: string]: string | number | boolean | undefined;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (/^on/i.test(name)) throw new Error(`inline handler ${name} refused`);
    if (name === 'text') node.textContent = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

export function replace(node: Node, ...children: Child[]): void {
  clear(node);
  append(node, ...children);
}

let uid = 0;
export function nextId(prefix: string): string {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** A link that opens outside the sidebar, as HtmlService requires; only http(s) URLs are linked. */
export function externalLink(url: string, text: string): HTMLElement {
  if (!/^https?:\/\//i.test(url)) return el('span', { text });
  return el('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text });
}
