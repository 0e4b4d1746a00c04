// Labelled form controls built from @vscode-elements components. Text goes in as text nodes and
// values through properties, so no Azure-supplied string is ever parsed as HTML.
import { h } from '../dom';

export interface Choice {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface Field<E extends HTMLElement> {
  wrapper: HTMLElement;
  control: E;
  setError(text: string | undefined): void;
  setNote(text: string | undefined): void;
}

function field<E extends HTMLElement>(id: string, label: string, control: E): Field<E> {
  control.id = id;
  const error = h('div', { class: 'field-error', attrs: { id: `${id}-error`, 'aria-live': 'polite' } });
  const note = h('div', { class: 'field-note', attrs: { id: `${id}-note` } });
  const wrapper = h('div', { class: 'field' }, h('vscode-label', { attrs: { for: id } }, label), control, error, note);
  return {
    wrapper,
    control,
    setError(text) {
      error.textContent = text ?? '';
      (control as unknown as { invalid?: boolean }).invalid = text !== undefined;
    },
    setNote(text) {
      note.textContent = text ?? '';
    },
  };
}

export type TextControl = HTMLElement & { value: string; disabled: boolean };
export type SelectControl = HTMLElement & { value: string; disabled: boolean };
export type CheckControl = HTMLElement & { checked: boolean; disabled: boolean };

export function textField(id: string, label: string, onInput: (value: string) => void, maxLength?: number): Field<TextControl> {
  const control = h('vscode-textfield', { attrs: maxLength ? { maxlength: String(maxLength + 1) } : {} }) as unknown as TextControl;
  control.addEventListener('input', () => onInput(control.value));
  return field(id, label, control);
}

/**
 * The list of a drop-down opens below it, unless the room below is too small for the list and there
 * is more above: near the bottom edge of the panel it would otherwise be cut off by the frame (under
 * the workbench's status bar). Decided each time it opens, from where the field is then; the
 * observer runs after the component has rendered the open list and before the browser paints it.
 */
function openTowardsRoom(select: HTMLElement & { position: 'above' | 'below' }): void {
  new MutationObserver(() => {
    if (!select.hasAttribute('open')) return;
    const list = select.shadowRoot?.querySelector('.dropdown')?.getBoundingClientRect();
    const field = select.getBoundingClientRect();
    const below = document.documentElement.clientHeight - field.bottom;
    const above = field.top;
    const position = list && list.height > below && above > below ? 'above' : 'below';
    if (select.position !== position) select.position = position;
  }).observe(select, { attributes: true, attributeFilter: ['open'] });
}

export function selectField(id: string, label: string, onChange: (value: string) => void): Field<SelectControl> & { setChoices(choices: Choice[], value: string): void } {
  const control = h('vscode-single-select') as unknown as SelectControl & { position: 'above' | 'below' };
  control.addEventListener('change', () => onChange(control.value));
  openTowardsRoom(control);
  const f = field(id, label, control);
  return {
    ...f,
    setChoices(choices, value) {
      control.replaceChildren(
        ...choices.map((c) => {
          const option = h('vscode-option', { attrs: { value: c.value, disabled: c.disabled } }, c.label);
          if (c.value === value) option.setAttribute('selected', '');
          return option;
        }),
      );
      control.value = value;
    },
  };
}

export function checkbox(id: string, label: string, onChange: (checked: boolean) => void): { wrapper: HTMLElement; control: CheckControl; setError(text: string | undefined): void } {
  const control = h('vscode-checkbox', { attrs: { id, label } }) as unknown as CheckControl;
  control.addEventListener('change', () => onChange(control.checked));
  const error = h('div', { class: 'field-error', attrs: { id: `${id}-error`, 'aria-live': 'polite' } });
  return {
    wrapper: h('div', { class: 'field' }, control, error),
    control,
    setError(text) {
      error.textContent = text ?? '';
    },
  };
}

export function button(id: string, label: string, onClick: () => void, secondary = false): HTMLElement & { disabled: boolean } {
  const b = h('vscode-button', { attrs: { id, secondary } }, label) as HTMLElement & { disabled: boolean };
  b.addEventListener('click', () => {
    if (!b.disabled) onClick();
  });
  return b;
}
