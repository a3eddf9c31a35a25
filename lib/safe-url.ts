/**
 * Where a visitor may be sent after login (or any redirect whose target came from a request).
 * Decided by parsing, not by prefixes: the target is resolved against the app's origin and must
 * stay on it. Browsers drop tabs and newlines from URLs and treat `\` as `/`, so `/\t/evil.example`
 * becomes `//evil.example` in the address bar; any control character or backslash, literal or
 * percent-encoded (once or several times), is refused outright. Pure: no I/O, safe in the proxy.
 */

/** Origin used when the app's own is not known: it only has to be one no attacker can name. */
const FALLBACK_ORIGIN = 'http://app.invalid';

// C0 controls, DEL, C1 controls, and the Unicode line/paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const MAX_LENGTH = 2000;

/** Pages that make no sense as a destination after login. */
const NOT_A_DESTINATION = [/^\/login(?:[/?#]|$)/, /^\/api(?:[/?#]|$)/];

/** Control characters and backslashes are refused in every decoding of the target. */
function hostile(text: string): boolean {
  return CONTROL.test(text) || text.includes('\\');
}

/** Every percent-decoding of the text until it stops changing; null when it never settles. */
function decodings(value: string): string[] | null {
  const seen = [value];
  let current = value;
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null; // malformed escapes: not something the app produces
    }
    if (next === current) return seen;
    seen.push(next);
    current = next;
  }
  return null;
}

/**
 * Where to go after login: a safe same-origin path (see safeRedirectPath) that is not the login
 * page or an API route, or `fallback` ('/').
 */
export function safeCallbackUrl(value: unknown, origin: string = FALLBACK_ORIGIN, fallback = '/'): string {
  const path = safeRedirectPath(value, origin, fallback);
  return NOT_A_DESTINATION.some((re) => re.test(path)) ? fallback : path;
}

/**
 * A same-origin path (`/path?query#hash`) safe to redirect to, or `fallback` ('/').
 * `origin` is the app's public origin (NEXTAUTH_URL); absolute URLs are accepted only on it.
 */
export function safeRedirectPath(value: unknown, origin: string = FALLBACK_ORIGIN, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  const forms = decodings(value);
  // Literal whitespace too: browsers trim it from the ends; `%20` inside a query is fine.
  if (!forms || forms.some(hostile) || /\s/.test(value)) return fallback;
  let base: URL;
  try {
    base = new URL(origin);
  } catch {
    return fallback;
  }
  // A relative target must be a path from the root: `evil.example`, `?x` and `.//x` are refused.
  if (!value.startsWith('/') && !value.toLowerCase().startsWith(`${base.origin.toLowerCase()}/`)) return fallback;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin || url.username || url.password) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can collapse into `//host` (e.g. `/.//evil.example`), and a later hop that
  // decodes the path would turn `/%2F/host` into one: check every decoding of the result.
  const results = decodings(path);
  if (!results || results.some((p) => !p.startsWith('/') || p.startsWith('//') || hostile(p))) return fallback;
  return path;
}

/** The app's public origin, from NEXTAUTH_URL (the fallback when unset or unparsable). */
export function appOrigin(env: Record<string, string | undefined> = process.env): string {
  try {
    return new URL(env.NEXTAUTH_URL ?? '').origin;
  } catch {
    return FALLBACK_ORIGIN;
  }
}
