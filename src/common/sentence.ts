// Messages are often built as `<what failed>: <the underlying message>.`, and the underlying message
// (Azure's, Node's) may end with its own period: clause() drops it so the sentence ends with one.

/** The first line of a message, without the period(s) it may end with. */
export function clause(text: string | undefined): string {
  return (text ?? '').split('\n')[0]!.trim().replace(/[.\s]+$/, '');
}
