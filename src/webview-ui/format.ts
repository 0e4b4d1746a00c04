// Plain-language forms of the values the panel shows; kept apart from the DOM so they read simply.
import type { AnswerView, LiveAnswerView, Tone } from '../webviews/protocol';

export function formatTime(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

export function answerSummary(answer: AnswerView | undefined): string {
  if (!answer) return 'not checked';
  if (answer.addresses.length > 0) return answer.addresses.join(', ');
  return answer.status;
}

/** `a → b → c`, only when a CNAME was followed; a single name says nothing new. */
export function chainText(answer: AnswerView | undefined): string | undefined {
  return answer && answer.chain.length > 1 ? answer.chain.join(' → ') : undefined;
}

export function timingText(answer: LiveAnswerView | undefined): string | undefined {
  if (!answer) return undefined;
  const server = answer.server === 'system' ? "this machine's resolver" : answer.server;
  return `${answer.elapsedMs} ms from ${server}`;
}

/** Tones are also spelled out, so a verdict never depends on colour alone. */
export const toneLabel: Record<Tone, string> = {
  ok: 'OK',
  error: 'Error',
  warning: 'Warning',
  info: 'Info',
  unknown: 'Unknown',
};

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
