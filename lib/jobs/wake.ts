/**
 * Starts a job's handler when PostgreSQL announces work on a channel (LISTEN/NOTIFY), so queued
 * e-mail goes out at once instead of at the next sweep (decision 019). NOTIFY is delivered at the
 * commit of the transaction that sent it, never for a rolled-back one. A lost connection is
 * reopened after a pause; the job's schedule is the safety net meanwhile. Runs never overlap on one
 * instance: a wake during a run runs the handler once more after it.
 */
import 'server-only';
import pg from 'pg';
import { log } from '../log';

const RECONNECT_MS = 30_000;

export function listenForWake({
  connectionString,
  channel,
  run,
}: {
  connectionString: string;
  channel: string;
  run: () => Promise<unknown>;
}): { stop: () => Promise<void> } {
  let stopped = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let again = false;

  const kick = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await run();
      } while (again && !stopped);
    } catch (error) {
      log().warn({ err: error, channel }, 'woken job failed; the schedule will retry');
    } finally {
      running = false;
    }
  };

  const retryLater = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, RECONNECT_MS);
    timer.unref();
  };

  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString, application_name: 'dondoc-wake' });
    c.on('error', (error) => {
      log().warn({ err: error, channel }, 'wake listener lost its connection');
      if (client === c) client = null;
      c.end().catch(() => {});
      retryLater();
    });
    c.on('notification', (message) => {
      if (message.channel === channel) void kick();
    });
    try {
      await c.connect();
      // The channel is a fixed identifier of lib/jobs/registry.ts, never user input.
      await c.query(`LISTEN ${c.escapeIdentifier(channel)}`);
      if (stopped) {
        await c.end();
        return;
      }
      client = c;
      // Whatever was queued while nobody listened.
      void kick();
    } catch (error) {
      log().warn({ err: error, channel }, 'wake listener could not connect; retrying');
      c.end().catch(() => {});
      retryLater();
    }
  };

  void connect();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => {});
      client = null;
      // Let a run in progress finish (its messages are leased; it would otherwise resume later).
      while (running) await new Promise((resolve) => setTimeout(resolve, 50));
    },
  };
}
