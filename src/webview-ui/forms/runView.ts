// The progress of a run: each step with its outcome, what exists now, and the actions that fit.
import * as l10n from '@vscode/l10n';
import type { RunView } from '../../webviews/forms/runProtocol';
import { h } from '../dom';
import { button } from './controls';

const statusText: Record<string, string> = {
  get pending() {
    return l10n.t('Waiting');
  },
  get running() {
    return l10n.t('Running');
  },
  get succeeded() {
    return l10n.t('Done');
  },
  get failed() {
    return l10n.t('Failed');
  },
  get skipped() {
    return l10n.t('Not started');
  },
  get cancelled() {
    return l10n.t('Cancelled');
  },
};

const endpointHeadline: Record<RunView['status'], string> = {
  get running() {
    return l10n.t('Creating…');
  },
  get succeeded() {
    return l10n.t('The private endpoint is ready.');
  },
  get failed() {
    return l10n.t('A step failed; the run stopped there.');
  },
  get cancelled() {
    return l10n.t('The run was cancelled.');
  },
};

/** `headline` says what the run makes (the create-registry form names the registry too); `extra` goes after the steps. */
export function renderRun(
  run: RunView,
  actions: { cancel(): void; cleanUp(): void; again(): void },
  headline: Record<RunView['status'], string> = endpointHeadline,
  extra?: HTMLElement,
): HTMLElement {
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
    ? h('div', {}, h('p', {}, run.status === 'succeeded' ? l10n.t('Created:') : l10n.t('This run created (and it still exists):')), h('ul', { attrs: { id: 'created' } }, ...run.created.map((c) => h('li', {}, c))))
    : run.cleanUp
      ? h('p', { attrs: { id: 'created' } }, l10n.t('Nothing this run created is left.'))
      : run.status === 'failed' || run.status === 'cancelled'
        ? h('p', { attrs: { id: 'created' } }, l10n.t('Nothing was created.'))
        : undefined;
  const cleanUp = run.cleanUp ? h('div', {}, h('p', {}, l10n.t('Clean-up:')), h('ul', { attrs: { id: 'cleanup' } }, ...run.cleanUp.map((c) => h('li', {}, c)))) : undefined;
  const row = h('div', { class: 'row' });
  if (run.status === 'running') row.append(button('cancel', l10n.t('Cancel after this step'), actions.cancel, true));
  if ((run.status === 'failed' || run.status === 'cancelled') && run.created.length > 0) row.append(button('cleanUp', l10n.t('Clean up what this run created'), actions.cleanUp));
  if (run.status !== 'running') row.append(button('again', l10n.t('Start a new form'), actions.again, true));
  return h('div', {}, h('h2', { attrs: { id: 'run-status', 'aria-live': 'polite', tabindex: '-1' } }, headline[run.status]), steps, extra, created, cleanUp, row);
}
