import fs from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

/**
 * The pictures of issue 12 (each role's home, the dashboard, an assignment page, both exports
 * printed): every test run takes them into the git-ignored test-results/screenshots/, and keeps
 * them under docs/screenshots/ (the README's pictures) only where the page now looks visibly
 * different from the committed picture (decision 027, amending 022): a run on an unchanged app
 * leaves the working tree clean; a run after a change to what officials see refreshes exactly the
 * pictures it changed, to be committed with that change. `UPDATE_SCREENSHOTS=1` rewrites them all.
 */
export const SCREENSHOTS_DIR = path.join(process.cwd(), 'docs', 'screenshots');
export const RUN_SCREENSHOTS_DIR = path.join(process.cwd(), 'test-results', 'screenshots');

/**
 * Share of pixels that may differ before a picture counts as changed. What changes from one day to
 * the next on an unchanged app is a few dates and counts (the demo city is seeded relative to the
 * day): measured at under 0.5% of the pixels (decision 027); a moved block, a new section, other
 * colours or another font change several percent.
 */
export const VISIBLE_CHANGE = 0.01;
/** pixelmatch's per-pixel colour distance (0–1): above JPEG's noise, below anti-aliased text. */
const PIXEL_THRESHOLD = 0.1;

type Image = { width: number; height: number; data: Uint8Array };

function decode(bytes: Buffer): Image {
  if (bytes.subarray(1, 4).toString() === 'PNG') return PNG.sync.read(bytes);
  return jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
}

export type Kept = {
  /** The picture of this run, in test-results/screenshots/. */
  file: string;
  /** Share of pixels that differ from the committed picture; 1 when there is none or its size differs. */
  difference: number;
  /** Whether docs/screenshots/ was written. */
  written: boolean;
};

/** Compares two pictures (PNG or JPEG): the share of pixels pixelmatch finds different. */
export function pictureDifference(a: Buffer, b: Buffer): number {
  const left = decode(a);
  const right = decode(b);
  if (left.width !== right.width || left.height !== right.height) return 1;
  const differing = pixelmatch(left.data, right.data, undefined, left.width, left.height, {
    threshold: PIXEL_THRESHOLD,
  });
  return differing / (left.width * left.height);
}

/**
 * Keeps the run's picture `name` (already written to test-results/screenshots/): copies it into
 * docs/screenshots/ when there is no committed picture, its size differs, more than
 * VISIBLE_CHANGE of its pixels differ, or UPDATE_SCREENSHOTS=1.
 */
export function keepScreenshot(
  name: string,
  { runDir = RUN_SCREENSHOTS_DIR, keptDir = SCREENSHOTS_DIR }: { runDir?: string; keptDir?: string } = {},
): Kept {
  const file = path.join(runDir, name);
  const kept = path.join(keptDir, name);
  const fresh = fs.readFileSync(file);
  const difference = fs.existsSync(kept) ? pictureDifference(fresh, fs.readFileSync(kept)) : 1;
  const written = process.env.UPDATE_SCREENSHOTS === '1' || difference > VISIBLE_CHANGE;
  if (written) {
    fs.mkdirSync(keptDir, { recursive: true });
    fs.copyFileSync(file, kept);
  }
  return { file, difference, written };
}
