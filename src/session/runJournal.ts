// Runs of the create forms under way, kept in the extension's global state step by step: a window
// reload (or a crash) stops the extension host in the middle of a run, and the next activation says
// what that run had done, which step it was in and what it created, instead of leaving a half-done
// setup unmentioned. Several windows share the global state: each entry names the extension host that
// ran it, and only a run whose host is gone is reported.
import * as vscode from 'vscode';
import type { RunJournal, RunUnderWay } from '../webviews/forms/formRunController';

const key = 'acrPrivateLink.runsUnderWay';

interface Entry extends RunUnderWay {
  /** The extension host that ran it. */
  pid: number;
}

type Entries = Record<string, Entry>;

let nextRun = 0;

/** A journal for one form: each run under way replaces the last entry of that form. */
export function runJournal(state: vscode.Memento): RunJournal {
  const id = `${process.pid}:${nextRun++}`;
  return {
    async save(run) {
      const entries = { ...state.get<Entries>(key, {}) };
      if (run) entries[id] = { ...structuredClone(run), pid: process.pid };
      else delete entries[id];
      // Settles once the window holds the entry: a reload after that finds it.
      await state.update(key, entries);
    },
  };
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as { code?: string }).code === 'EPERM';
  }
}

const none = (): string => vscode.l10n.t('nothing');

/**
 * One sentence per run a stopped extension host left half done; the entries are then forgotten.
 * `waiting`: runs of another extension host still running (another window, or one still exiting).
 */
export async function takeInterruptedRuns(state: vscode.Memento): Promise<{ reports: string[]; waiting: boolean }> {
  const entries = state.get<Entries>(key, {});
  const stopped = Object.entries(entries).filter(([, e]) => !alive(e.pid));
  const waiting = Object.values(entries).some((e) => e.pid !== process.pid && alive(e.pid));
  if (stopped.length === 0) return { reports: [], waiting };
  const left = { ...entries };
  for (const [id] of stopped) delete left[id];
  await state.update(key, left);
  const reports = stopped.map(([, e]) => {
    const done = e.steps.filter((s) => s.status === 'succeeded').map((s) => s.title);
    const underWay = e.steps.filter((s) => s.status === 'running').map((s) => s.title);
    return vscode.l10n.t(
      '{0} ({1}) stopped before it finished: the window was reloaded or closed. Done: {2}. Under way, perhaps applied by Azure: {3}. Created by the run: {4}. Check the ACR Private Link view before you run the form again, and delete what you do not want.',
      e.title,
      e.subject,
      done.join('; ') || none(),
      underWay.join('; ') || none(),
      e.created.join(', ') || none(),
    );
  });
  return { reports, waiting };
}
