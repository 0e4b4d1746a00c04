// A small event emitter shaped like vscode.EventEmitter (an `event` to subscribe to, a disposable per
// listener), without importing `vscode`, so the registry store runs in plain Node tests too.

export interface Disposable {
  dispose(): void;
}

export type Event<T> = (listener: (value: T) => void) => Disposable;

export class Emitter<T> implements Disposable {
  private listeners: ((value: T) => void)[] = [];

  readonly event: Event<T> = (listener) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };

  /** Calls every listener; one that throws does not keep the others from hearing it. */
  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (e) {
        console.error(e);
      }
    }
  }

  dispose(): void {
    this.listeners = [];
  }
}
