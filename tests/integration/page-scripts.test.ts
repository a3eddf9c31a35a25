import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pageScripts } from '../../scripts/lib/page-scripts';

describe('pageScripts', () => {
  it('sums the gzipped module scripts of a page, once each, without the noModule polyfills', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'page-scripts-'));
    const chunks = path.join(root, '.next', 'static', 'chunks');
    fs.mkdirSync(chunks, { recursive: true });
    const body = (n: number) => 'console.log("x");'.repeat(n);
    fs.writeFileSync(path.join(chunks, 'a.js'), body(100));
    fs.writeFileSync(path.join(chunks, 'b.js'), body(300));
    fs.writeFileSync(path.join(chunks, 'polyfills.js'), body(5000));
    const html = [
      '<script src="/_next/static/chunks/a.js" async="" nonce="n">',
      '<script src="/_next/static/chunks/polyfills.js" noModule="" nonce="n">',
      '<script nonce="n">self.__next_f.push([1,"…"])</script>',
      '<script src="/_next/static/chunks/b.js" nonce="n" async="">',
      '<link rel="preload" as="script" href="/_next/static/chunks/a.js"/>',
      '<script src="/_next/static/chunks/a.js" async="">',
    ].join('');
    const gz = (f: string) => zlib.gzipSync(fs.readFileSync(path.join(chunks, f))).length;
    expect(pageScripts(html, root)).toEqual({
      files: ['static/chunks/a.js', 'static/chunks/b.js'],
      gzipBytes: gz('a.js') + gz('b.js'),
    });
  });
});
