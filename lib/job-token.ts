import crypto from 'node:crypto';
import { env } from './env';

/** The bearer token of the internal job endpoints, derived from AUTH_SECRET (no extra secret to manage). */
export function jobToken(secret = env().AUTH_SECRET ?? ''): string {
  if (!secret) throw new Error('AUTH_SECRET is not set');
  return crypto.createHmac('sha256', secret).update('dondoc-jobs').digest('base64url');
}
