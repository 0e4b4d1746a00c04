// Plain-language forms of the values the panel shows; kept apart from the DOM so they read simply.
import * as l10n from '@vscode/l10n';
import type { AnswerView, LiveAnswerView, Tone } from '../webviews/protocol';

export function answerSummary(answer: AnswerView | undefined): string {
  if (!answer) return l10n.t('not checked');
  if (answer.addresses.length > 0) return answer.addresses.join(', ');
  return answerStatusText(answer.status);
}

/** A DNS answer's status (the engine's word) as the panel says it; DNS's own codes stay as they are. */
function answerStatusText(status: string): string {
  switch (status) {
    case 'public':
      return l10n.t('public');
    case 'private':
      return l10n.t('private');
    case 'unknown':
      return l10n.t('unknown');
    case 'nodata':
      return l10n.t('no address (NODATA)');
    case 'timeout':
      return l10n.t('no answer in time');
    case 'unreachable':
      return l10n.t('server unreachable');
    case 'error':
      return l10n.t('error');
    default:
      return status.toUpperCase();
  }
}

/** `a → b → c`, only when a CNAME was followed; a single name says nothing new. */
export function chainText(answer: AnswerView | undefined): string | undefined {
  return answer && answer.chain.length > 1 ? answer.chain.join(' → ') : undefined;
}

export function timingText(answer: LiveAnswerView | undefined): string | undefined {
  if (!answer) return undefined;
  const server = answer.server === 'system' ? l10n.t("this machine's resolver") : answer.server;
  return l10n.t('{0} ms from {1}', answer.elapsedMs, server);
}

/** Tones are also spelled out, so a verdict never depends on colour alone. */
export const toneLabel: Record<Tone, string> = {
  get ok() {
    return l10n.t('OK');
  },
  get error() {
    return l10n.t('Error');
  },
  get warning() {
    return l10n.t('Warning');
  },
  get info() {
    return l10n.t('Info');
  },
  get unknown() {
    return l10n.t('Unknown');
  },
};


