/**
 * The screenshots under docs/screenshots/ are rewritten by a test run only when the new picture
 * looks visibly different (tests/support/screenshots.ts, decision 027): a few changed digits (a
 * date, a count: what changes from one day to the next) leave the committed picture alone; a
 * changed block, another size or a missing picture replace it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VISIBLE_CHANGE, keepScreenshot, pictureDifference } from '../support/screenshots';

const W = 400;
const H = 300;

/** A page-like picture: white, grey text lines, with `patches` painted black (x, y, w, h). */
function picture(patches: [number, number, number, number][] = [], size = { width: W, height: H }) {
  const png = new PNG(size);
  for (let y = 0; y < size.height; y++)
    for (let x = 0; x < size.width; x++) {
      const i = (y * size.width + x) * 4;
      const text = y % 20 < 8 && x % 9 < 6 && x > 20 && x < size.width - 40;
      const black = patches.some(([px, py, pw, ph]) => x >= px && x < px + pw && y >= py && y < py + ph);
      const v = black ? 0 : text ? 90 : 255;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = v;
      png.data[i + 3] = 255;
    }
  return png;
}
const asPng = (p: PNG) => PNG.sync.write(p);
const asJpeg = (p: PNG) => jpeg.encode({ data: p.data, width: p.width, height: p.height }, 70).data;

let root: string;
let runDir: string;
let keptDir: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'shots-'));
  runDir = path.join(root, 'run');
  keptDir = path.join(root, 'kept');
  fs.mkdirSync(runDir);
  fs.mkdirSync(keptDir);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function keep(name: string, fresh: Buffer, committed?: Buffer) {
  fs.writeFileSync(path.join(runDir, name), fresh);
  if (committed) fs.writeFileSync(path.join(keptDir, name), committed);
  const before = committed ? fs.readFileSync(path.join(keptDir, name)) : null;
  const result = keepScreenshot(name, { runDir, keptDir });
  const after = fs.readFileSync(path.join(keptDir, name));
  return { ...result, replaced: before === null || !before.equals(after) };
}

describe('keepScreenshot', () => {
  it('leaves the committed picture alone when only a date changed (JPEG and PNG)', () => {
    const date = (x: number) => picture([[x, 40, 60, 12]]); // "01/12/2026" → "02/12/2026"
    for (const [name, encode] of [
      ['a.jpg', asJpeg],
      ['a.png', asPng],
    ] as const) {
      const kept = keep(name, encode(date(50)), encode(date(54)));
      expect(kept.difference).toBeGreaterThan(0);
      expect(kept.difference).toBeLessThanOrEqual(VISIBLE_CHANGE);
      expect(kept.written).toBe(false);
      expect(kept.replaced).toBe(false);
    }
  });

  it('re-encoding the same page is no change at all', () => {
    expect(pictureDifference(asJpeg(picture()), asJpeg(picture()))).toBe(0);
  });

  it('replaces it when a block of the page changed', () => {
    const kept = keep('b.jpg', asJpeg(picture([[100, 100, 120, 40]])), asJpeg(picture()));
    expect(kept.difference).toBeGreaterThan(VISIBLE_CHANGE);
    expect(kept.written).toBe(true);
    expect(kept.replaced).toBe(true);
  });

  it('replaces it when the size changed, and writes a missing one', () => {
    const resized = keep('c.png', asPng(picture([], { width: W, height: H + 20 })), asPng(picture()));
    expect(resized.difference).toBe(1);
    expect(resized.replaced).toBe(true);
    const missing = keep('d.png', asPng(picture()));
    expect(missing.written).toBe(true);
    expect(fs.existsSync(path.join(keptDir, 'd.png'))).toBe(true);
  });
});
