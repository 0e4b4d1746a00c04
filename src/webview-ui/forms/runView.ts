// The progress of a run: each step with its outcome, what exists now, and the actions that fit.
import type { RunView } from '../../webviews/forms/createEndpointProtocol';
import { h } from '../dom';
import { button } from './controls';

const statusText: Record<string, string> = {
  pending: 'Waiting',
  running: 'Running',
  succeeded: 'Done',
  failed: 'Failed',
  skipped: 'Not started',
  cancelled: 'Cancelled',
};

const headline: Record<RunView['status'], string> = {
  running: 'Creating…',
  succeeded: 'The private endpoint is ready.',
  failed: 'A step failed; the run stopped there.',
  cancelled: 'The run was cancelled.',
};

export function renderRun(run: RunView, actions: { cancel(): void; cleanUp(): void; again(): void }): HTMLElement {
  const steps = h(
    'ol',
    { class: 'steps', attrs: { id: 'steps' } },
    ...run.steps.map((s, i) =>
      h(
        'li',
        { attrs: { 'data-step': String(i), 'data-status': s.status } },
        h('span', { class: `status status-${s.status}` }, s.status === 'running' ? h('vscode-progress-ring', { attrs: { 'aria-hidden': 'true' } }) : undefined, statusText[s.status] ?? s.status),
        h('span', {}, s.title, s.message ? h('div', { class: 'field-note' }, s.message) : undefined),
      ),
    ),
  );
  const created = run.created.length
    ? h('div', {}, h('p', {}, run.status === 'succeeded' ? 'Created:' : 'This run created (and it still exists):'), h('ul', { attrs: { id: 'created' } }, ...run.created.map((c) => h('li', {}, c))))
    : run.cleanUp
      ? h('p', { attrs: { id: 'created' } }, 'Nothing this run created is left.')
      : run.status === 'failed' || run.status === 'cancelled'
        ? h('p', { attrs: { id: 'created' } }, 'Nothing was created.')
        : undefined;
  const cleanUp = run.cleanUp ? h('div', {}, h('p', {}, 'Clean-up:'), h('ul', { attrs: { id: 'cleanup' } }, ...run.cleanUp.map((c) => h('li', {}, c)))) : undefined;
  const row = h('div', { class: 'row' });
  if (run.status === 'running') row.append(button('cancel', 'Cancel after this step', actions.cancel, true));
  if ((run.status === 'failed' || run.status === 'cancelled') && run.created.length > 0) row.append(button('cleanUp', 'Clean up what this run created', actions.cleanUp));
  if (run.status !== 'running') row.append(button('again', 'Start a new form', actions.again, true));
  return h('div', {}, h('h2', { attrs: { id: 'run-status', 'aria-live': 'polite', tabindex: '-1' } }, headline[run.status]), steps, created, cleanUp, row);
}
