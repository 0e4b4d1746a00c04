// When the keyboard comes back to a webview (View: Focus First Editor Group, Ctrl+1, Alt+Tab), VS
// Code focuses the page's frame, not the control that had the focus: the page's body has it, and
// the first keystrokes typed go nowhere. The page keeps the control that last had the focus and
// gives it the focus back as soon as the page gets it with nothing focused. A control replaced by a
// re-render is found again by its `data-focus` key or its id.

let last: HTMLElement | undefined;
let lastKey: { focus?: string; id?: string } = {};

function isUsable(el: HTMLElement): boolean {
  return el.isConnected && el.closest('[inert], [hidden]') === null;
}

function findAgain(): HTMLElement | undefined {
  if (last && isUsable(last)) return last;
  const byKey = lastKey.focus ? document.querySelector<HTMLElement>(`[data-focus="${CSS.escape(lastKey.focus)}"]`) : null;
  const byId = lastKey.id ? document.getElementById(lastKey.id) : null;
  const found = byKey ?? byId ?? undefined;
  return found && isUsable(found) ? found : undefined;
}

export function rememberFocus(): void {
  document.addEventListener('focusin', (event) => {
    // The event is retargeted to a component's host; the control that had the focus is the first
    // element of its path (the input inside a vscode-textfield): that is what gets the focus back.
    const host = event.target;
    const inner = event.composedPath()[0];
    if (!(host instanceof HTMLElement) || host === document.body) return;
    last = inner instanceof HTMLElement ? inner : host;
    lastKey = { ...(host.dataset.focus ? { focus: host.dataset.focus } : {}), ...(host.id ? { id: host.id } : {}) };
  });
  const giveBack = (): void => {
    if (document.activeElement !== null && document.activeElement !== document.body) return;
    findAgain()?.focus();
  };
  window.addEventListener('focus', giveBack);
  // The frame can have the focus back without a focus event reaching the page (VS Code moved it
  // within its own frames): the first key typed then gives the control the focus before the key's
  // own action, so the character lands in it. Tab and Escape keep their meaning on the page.
  document.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Tab' || event.key === 'Escape' || event.key === 'Shift' || event.key === 'Control' || event.key === 'Alt' || event.key === 'Meta') return;
      giveBack();
    },
    true,
  );
}
