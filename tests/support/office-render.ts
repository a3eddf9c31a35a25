/**
 * Renders an Office file as an office suite prints it: LibreOffice (headless) turns it into a PDF,
 * poppler's tools read that PDF's pages and text and draw a page as an image. Used by the exports'
 * rendered-layout test and by `npm run screenshots:exports`. Needs Debian's libreoffice-writer-nogui,
 * libreoffice-calc-nogui and poppler-utils (`.ci/run` installs them).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const SOFFICE = process.env.SOFFICE_PATH ?? '/usr/bin/soffice';

/** What is missing to render, in words; null when everything is there. */
export function missingRenderTools(): string | null {
  const missing = [SOFFICE, '/usr/bin/pdftoppm', '/usr/bin/pdftotext', '/usr/bin/pdfinfo'].filter(
    (p) => !fs.existsSync(p),
  );
  return missing.length
    ? `${missing.join(', ')} not found: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils`
    : null;
}

export type RenderedPdf = { file: string; pages: number; pageSizes: { width: number; height: number }[] };

/** Writes `bytes` as `name` in a fresh folder and converts it to PDF with its own LibreOffice profile. */
export async function renderToPdf(bytes: Buffer, name: string): Promise<RenderedPdf> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-render-'));
  const input = path.join(dir, name);
  fs.writeFileSync(input, bytes);
  // A profile per call: two LibreOffices sharing one refuse to start together.
  const profile = `file://${path.join(dir, 'profile')}`;
  await run(
    SOFFICE,
    [
      `-env:UserInstallation=${profile}`,
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      input,
    ],
    { timeout: 180_000 },
  );
  const file = path.join(dir, name.replace(/\.[^.]+$/, '.pdf'));
  if (!fs.existsSync(file)) throw new Error(`LibreOffice wrote no PDF for ${name}`);
  const { stdout } = await run('pdfinfo', ['-f', '1', '-l', '9999', file]);
  const pageSizes = [...stdout.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
  }));
  return { file, pages: Number(/^Pages:\s+(\d+)/m.exec(stdout)![1]), pageSizes };
}

/** The text of pages first..last as laid out on the page (one printed line per text line). */
export async function pdfText(pdf: RenderedPdf, first = 1, last = pdf.pages): Promise<string> {
  const { stdout } = await run('pdftotext', ['-layout', '-f', String(first), '-l', String(last), pdf.file, '-'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/** Draws one page as a grey PNG at `dpi` into `out` (the folder is created). */
export async function pageImage(pdf: RenderedPdf, page: number, out: string, dpi = 72): Promise<void> {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const base = out.replace(/\.png$/, '');
  await run('pdftoppm', [
    '-f',
    String(page),
    '-l',
    String(page),
    '-r',
    String(dpi),
    '-gray',
    '-png',
    '-singlefile',
    pdf.file,
    base,
  ]);
}

/** A4 in PostScript points, either way round (LibreOffice rounds to the point). */
export function isA4(size: { width: number; height: number }, orientation: 'portrait' | 'landscape'): boolean {
  const [w, h] = orientation === 'portrait' ? [595, 842] : [842, 595];
  return Math.abs(size.width - w) <= 1.5 && Math.abs(size.height - h) <= 1.5;
}
