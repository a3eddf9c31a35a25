import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * The JavaScript a page makes a modern browser load (issue 8's budget "officer pages ≤ 130 KB gzip
 * JS"): every `<script src="/_next/static/…">` of its HTML except `noModule` ones (the polyfills
 * only old browsers fetch), each file read from this build's .next/static and gzipped at zlib's
 * default level. Inline scripts (the RSC payload) are counted in the page's own size instead.
 */
export function pageScripts(html: string, root = process.cwd()): { files: string[]; gzipBytes: number } {
  const files = new Set<string>();
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    if (/\bnoModule\b/i.test(tag)) continue;
    const src = /\bsrc="\/_next\/(static\/[^"?]+\.js)/.exec(tag)?.[1];
    if (src) files.add(src);
  }
  let gzipBytes = 0;
  for (const file of files) gzipBytes += zlib.gzipSync(fs.readFileSync(path.join(root, '.next', file))).length;
  return { files: [...files].sort(), gzipBytes };
}
