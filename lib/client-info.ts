/**
 * Who is on the other end of a request, for login throttling and the audit trail: the first hop
 * of X-Forwarded-For (Next.js sets it to the socket's address when no proxy did; a proxy in front
 * must overwrite the header, not append to a client-supplied one), and the user agent, trimmed.
 */
import { isIP } from 'node:net';

export type ClientInfo = { ip: string | null; userAgent: string | null };

type HeaderBag = Headers | Record<string, string | string[] | undefined> | undefined | null;

function read(headers: HeaderBag, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
}

export function clientInfoFrom(headers: HeaderBag): ClientInfo {
  const first = read(headers, 'x-forwarded-for')?.split(',')[0]?.trim() ?? read(headers, 'x-real-ip')?.trim() ?? '';
  // "::ffff:1.2.3.4" is the IPv4 client of a dual-stack socket.
  const unmapped = first.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  const ip = isIP(unmapped) ? unmapped : null;
  const agent = (read(headers, 'user-agent') ?? '')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 300);
  return { ip, userAgent: agent || null };
}
