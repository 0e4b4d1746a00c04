// Values that are there now or will be: what the Resource Graph index answers is at hand, what ARM must
// be asked for is a promise. Loading a registry's details combines a dozen such parts; written with
// these, a registry the index answers for whole is assembled without making a promise per part (a tree
// of 500 registries made tens of thousands, and the garbage collector paid for them).

export type Maybe<T> = T | Promise<T>;

export function isPromise<T>(value: Maybe<T>): value is Promise<T> {
  return value instanceof Promise;
}

/** `f` of the value, now if it is there, else when it comes. */
export function then<T, U>(value: Maybe<T>, f: (value: T) => Maybe<U>): Maybe<U> {
  return isPromise(value) ? value.then(f) : f(value);
}

/** Every value, now if all are there, else when the last comes (the first rejection rejects, as `Promise.all`). */
export function all<T>(values: readonly Maybe<T>[]): Maybe<T[]> {
  return values.some(isPromise) ? Promise.all(values) : (values as T[]);
}

/** `all` for a fixed list of parts of different types. */
export function allOf<T extends readonly unknown[]>(values: T): Maybe<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  return values.some((v) => v instanceof Promise) ? Promise.all(values) : (values as unknown as { -readonly [K in keyof T]: Awaited<T[K]> });
}
