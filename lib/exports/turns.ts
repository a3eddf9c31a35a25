/**
 * Turns: at most `limit` holders at once; the others wait in arrival order, and nobody is refused.
 * The one home for bounding heavy export work in this process (decision 033): ten national Excel
 * exports at once each hold a page of rows, the zip's buffers and exceljs's sheet state; taking
 * turns keeps their sum to that of `limit` exports, while every request still gets its file.
 *
 * A waiter whose client went away (its AbortSignal fired) leaves the queue and its promise rejects
 * with the signal's reason, so it never takes a turn it cannot use; a holder's `release` is
 * idempotent (call it in `finally`, and again on abort if convenient).
 */
export class Turns {
  #active = 0;
  readonly #queue: { grant: () => void }[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('Turns needs a whole number ≥ 1');
  }

  /** Holders now. */
  get active(): number {
    return this.#active;
  }

  /** Waiters now (not counting holders). */
  get waiting(): number {
    return this.#queue.length;
  }

  /** Resolves with a `release` once a turn is free (at once if one is). */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    if (this.#active < this.limit) {
      this.#active += 1;
      return this.#releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const entry = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const i = this.#queue.indexOf(entry);
        if (i >= 0) this.#queue.splice(i, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(entry);
    });
    // The turn was handed over directly by a release: `#active` already counts it.
    return this.#releaser();
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#queue.shift();
      if (next) next.grant();
      else this.#active -= 1;
    };
  }
}
