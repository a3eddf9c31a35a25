import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflatedSize } from './pdf-limits';

/** A PDF-like file with the given streams (dictionary, data), enough for the byte scan. */
function pdfWith(streams: [string, Buffer][]): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n', 'latin1')];
  streams.forEach(([dictionary, data], i) => {
    parts.push(Buffer.from(`${i + 1} 0 obj\n${dictionary}\nstream\r\n`, 'latin1'), data);
    parts.push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  });
  parts.push(Buffer.from('trailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

const flate = (n: number) => deflateSync(Buffer.alloc(n, 0x20));

describe("inflatedSize (the bound on a PDF's compressed streams)", () => {
  it('adds up what the /FlateDecode streams expand to', () => {
    const file = pdfWith([
      ['<< /Length 99 /Filter /FlateDecode >>', flate(300)],
      ['<< /Filter [/FlateDecode] /Length 5 >>', flate(200)],
    ]);
    expect(inflatedSize(file, 1000)).toBe(500);
  });

  it('refuses a stream that would expand past the limit (a decompression bomb), without expanding it all', () => {
    const bomb = flate(5_000_000);
    expect(bomb.length).toBeLessThan(10_000);
    expect(inflatedSize(pdfWith([['<< /Filter /FlateDecode >>', bomb]]), 1_000_000)).toBe('TOO_LARGE');
  });

  it('refuses streams that pass the limit together', () => {
    const file = pdfWith([
      ['<< /Filter /FlateDecode >>', flate(600)],
      ['<< /Filter /FlateDecode >>', flate(600)],
    ]);
    expect(inflatedSize(file, 1000)).toBe('TOO_LARGE');
  });

  it('finds the filter of a dictionary padded far beyond a kilobyte', () => {
    const padded = `<< /Filter /FlateDecode${' '.repeat(20_000)}>>`;
    expect(inflatedSize(pdfWith([[padded, flate(5_000)]]), 1000)).toBe('TOO_LARGE');
  });

  it('leaves streams without a Flate filter and damaged streams to PDF.js', () => {
    const file = pdfWith([
      ['<< /Length 4 >>', Buffer.from('BT ET')],
      ['<< /Filter /FlateDecode >>', Buffer.from('not zlib data')],
    ]);
    expect(inflatedSize(file, 1000)).toBe(0);
  });
});
