import { describe, expect, it } from 'vitest';
import { Turns } from './turns';

/** Lets every settled promise run its callbacks (no timers: nothing here depends on speed). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('Turns', () => {
  it('grants up to its limit at once; the next waits, and gets the turn when one is released', async () => {
    const turns = new Turns(2);
    const a = await turns.acquire();
    await turns.acquire();
    let third = false;
    const c = turns.acquire().then((release) => {
      third = true;
      return release;
    });
    await settle();
    expect(third).toBe(false);
    expect(turns.waiting).toBe(1);
    expect(turns.active).toBe(2);
    a();
    await c;
    expect(third).toBe(true);
    expect(turns.waiting).toBe(0);
    expect(turns.active).toBe(2);
  });

  it('never refuses: many waiters all get their turn, in arrival order', async () => {
    const turns = new Turns(1);
    const order: number[] = [];
    const jobs = Array.from({ length: 20 }, async (_, i) => {
      const release = await turns.acquire();
      order.push(i);
      await settle();
      release();
    });
    await Promise.all(jobs);
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(turns.active).toBe(0);
  });

  it('releasing twice frees one turn, not two', async () => {
    const turns = new Turns(1);
    const a = await turns.acquire();
    const b = turns.acquire();
    const c = turns.acquire();
    let cGot = false;
    void c.then(() => (cGot = true));
    a();
    a();
    await b;
    await settle();
    expect(cGot).toBe(false);
    expect(turns.active).toBe(1);
    expect(turns.waiting).toBe(1);
  });

  it('a waiter whose client went away leaves the queue and never takes a turn', async () => {
    const turns = new Turns(1);
    const first = await turns.acquire();
    const gone = new AbortController();
    const abandoned = turns.acquire(gone.signal);
    const next = turns.acquire();
    expect(turns.waiting).toBe(2);
    gone.abort(new Error('client went away'));
    await expect(abandoned).rejects.toThrow('client went away');
    expect(turns.waiting).toBe(1);
    first();
    const release = await next;
    expect(turns.active).toBe(1);
    release();
    expect(turns.active).toBe(0);
  });

  it('an already aborted request does not queue', async () => {
    const turns = new Turns(1);
    await expect(turns.acquire(AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    expect(turns.active).toBe(0);
    expect(turns.waiting).toBe(0);
  });
});
