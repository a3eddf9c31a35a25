/**
 * Text pasted from a legal-database web page as Markdown: `**bold**` markers (often split across
 * lines: "**1. Sở\nNông nghiệp…**"), hard line wraps inside every paragraph, and tables flattened
 * to one cell per line between lone "|" lines ("|\nSTT\n|\nNội dung\n|\n|\n1\n|\n…": a lone "|"
 * after a cell ends the cell, two in a row end the row).
 *
 * reflowPaste turns such text into one paragraph per line and one table row per line
 * ("1 | Nội dung | Sở X | … "), which the rest of the parser reads like any other paste. It
 * changes nothing unless the text shows these signs (our own fixtures and the seed have none),
 * because joining wrapped lines is wrong for text that has one paragraph per line and no blank
 * lines between them.
 */

/** Lone "|" lines and "**" markers needed before the text is treated as a Markdown paste. */
const MIN_PIPE_LINES = 3;
const MIN_BOLD_MARKS = 4;

export function looksLikeMarkdownPaste(text: string): boolean {
  let pipes = 0;
  let bold = 0;
  for (const line of text.split('\n')) {
    if (/^\s*\|\s*$/.test(line)) pipes += 1;
    if (line.includes('**')) bold += 1;
    if (pipes >= MIN_PIPE_LINES || bold >= MIN_BOLD_MARKS) return true;
  }
  return false;
}

/** Paragraph-internal whitespace collapsed; emphasis markers removed. */
function clean(line: string): string {
  return line.replace(/\*+/g, '').replace(/\s+/g, ' ').trim();
}

/** See the module comment. Linear in the input. */
export function reflowPaste(text: string): string {
  if (!looksLikeMarkdownPaste(text)) return text;
  const out: string[] = [];
  let paragraph: string[] = [];
  let cells: string[] | null = null;
  let cell: string[] = [];
  let lastWasPipe = false;

  const flushParagraph = () => {
    const p = clean(paragraph.join(' '));
    if (p !== '') out.push(p);
    paragraph = [];
  };
  const flushCell = () => {
    if (!cells) return;
    const c = clean(cell.join(' '));
    cells.push(c);
    cell = [];
  };
  const flushRow = () => {
    if (!cells) return;
    const filled = cells.filter((c) => c !== '');
    if (filled.length === 1) out.push(filled[0] ?? '');
    else if (filled.length > 1) out.push(cells.join(' | '));
    cells = [];
  };

  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '|') {
      if (!cells) {
        flushParagraph();
        cells = [];
        cell = [];
      } else if (lastWasPipe && cell.length === 0) {
        flushRow();
      } else {
        flushCell();
      }
      lastWasPipe = true;
      continue;
    }
    lastWasPipe = false;
    if (line === '') {
      if (cells) {
        if (cell.length > 0) flushCell();
        flushRow();
        cells = null;
      } else flushParagraph();
      continue;
    }
    if (cells) cell.push(line);
    else paragraph.push(line);
  }
  if (cells) {
    if (cell.length > 0) flushCell();
    flushRow();
  }
  flushParagraph();
  return out.join('\n');
}
