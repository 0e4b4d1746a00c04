// A small element builder: text always goes in as text nodes and attributes through setAttribute,
// so nothing Azure returns is ever parsed as HTML. Event listeners are attached here, never inline.

export type Child = Node | string | number | undefined | null | false;

/** VS Code's display language (`vscode.env.language`), as the extension wrote it on the page's `<html lang>` (src/webviews/html.ts). */
export function displayLanguage(): string {
  return document.documentElement.lang || 'en';
}

export interface Props {
  class?: string;
  /** Set with setAttribute; `false` or undefined leaves the attribute out. */
  attrs?: Record<string, string | boolean | undefined>;
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, props?: Props, ...children: Child[]): HTMLElement;
export function h(tag: string, props: Props = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  for (const [type, listener] of Object.entries(props.on ?? {})) {
    element.addEventListener(type, listener as EventListener);
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/**
 * A host name (or a chain of them) that may wrap only after a dot: each label stays whole, where
 * `word-break: break-all` would cut `westeurope` in two.
 */
export function breakAfterDots(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  text.split(/(?<=\.)/).forEach((part, i) => {
    if (i > 0) fragment.appendChild(document.createElement('wbr'));
    fragment.appendChild(document.createTextNode(part));
  });
  return fragment;
}

/** A fragment of lines separated by <br>, for cells that list several values. */
export function lines(values: string[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  values.forEach((value, i) => {
    if (i > 0) fragment.appendChild(document.createElement('br'));
    fragment.appendChild(document.createTextNode(value));
  });
  return fragment;
}
