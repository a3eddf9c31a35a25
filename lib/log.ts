/**
 * Structured logs: one JSON object per line on stdout (pino), for the log collector of the host
 * (journald, Docker, a Loki/ELK agent). Every line of a request carries its `reqId` (set by
 * proxy.ts, answered in the X-Request-Id header, so a user's report can be matched to its lines).
 *
 * Never logged: passwords, tokens, cookies, authorization headers, file contents — the redaction
 * below removes those keys wherever they appear; callers log ids and counts, not request bodies.
 */
import pino from 'pino';
import { env } from './env';

export const REDACTED_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'passwordHash',
  'token',
  'secret',
  'authorization',
  'cookie',
  'body',
  'content',
  'bytes',
];

export function createLogger(destination?: pino.DestinationStream): pino.Logger {
  return pino(
    {
      level: env().LOG_LEVEL ?? 'info',
      base: { app: 'dondoc' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          ...REDACTED_KEYS,
          ...REDACTED_KEYS.map((k) => `*.${k}`),
          'req.headers.authorization',
          'req.headers.cookie',
        ],
        censor: '[redacted]',
      },
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
}

const globalLog = globalThis as unknown as { dondocLog?: pino.Logger };

/** The process's logger (one per process, shared by the proxy and the app bundles). */
export function log(): pino.Logger {
  globalLog.dondocLog ??= createLogger();
  return globalLog.dondocLog;
}

/** A well-formed incoming X-Request-Id (from a load balancer) is kept; anything else is replaced. */
export function requestIdFrom(given: string | null): string {
  return given && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : crypto.randomUUID();
}
