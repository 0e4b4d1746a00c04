// The @vscode-elements components the pages use, each loaded the first time a part of a page that
// shows it is about to appear. esbuild makes every import() here a chunk of its own (the Lit runtime
// they share is one more chunk), so a page's first paint loads none of them. Chunks are imported by
// the page's nonced module script and inherit its nonce, so the CSP needs no other script source.
const modules = {
  'vscode-badge': () => import('@vscode-elements/elements/dist/vscode-badge/index.js'),
  'vscode-button': () => import('@vscode-elements/elements/dist/vscode-button/index.js'),
  'vscode-checkbox': () => import('@vscode-elements/elements/dist/vscode-checkbox/index.js'),
  'vscode-label': () => import('@vscode-elements/elements/dist/vscode-label/index.js'),
  'vscode-progress-ring': () => import('@vscode-elements/elements/dist/vscode-progress-ring/index.js'),
  'vscode-single-select': () => import('@vscode-elements/elements/dist/vscode-single-select/index.js'),
  'vscode-textfield': () => import('@vscode-elements/elements/dist/vscode-textfield/index.js'),
} satisfies Record<string, () => Promise<unknown>>;

type ComponentTag = keyof typeof modules;

const loads = new Map<ComponentTag, Promise<unknown>>();
const tags = Object.keys(modules) as ComponentTag[];

function load(tag: ComponentTag): Promise<unknown> {
  let loading = loads.get(tag);
  if (!loading) {
    loading = modules[tag]();
    loads.set(tag, loading);
  }
  return loading;
}

/**
 * Defines every component used in `root` (itself included) that is not defined yet. Await it before
 * setting the components' properties, so each is set on the upgraded element.
 */
export async function defineComponentsIn(root: Element): Promise<void> {
  const used = new Set<ComponentTag>();
  for (const el of [root, ...root.querySelectorAll(tags.join(','))]) {
    const tag = el.localName as ComponentTag;
    if (tags.includes(tag) && !customElements.get(tag)) used.add(tag);
  }
  // A label names its field (the field's accessible name) when it is defined, and only a field that
  // is defined already takes the name: labels come last.
  const labels = used.delete('vscode-label');
  await Promise.all([...used].map(load));
  if (labels) await load('vscode-label');
}
