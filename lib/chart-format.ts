/**
 * Unit and section names on a chart axis: wrapped onto at most two lines at word boundaries, the
 * usual abbreviations ("Phường" → "P.", "Phòng" → "Ph.", "Xã" → "X.") used only when the full
 * name does not fit, and "…" only as a last resort. The full name is always in the tick's title
 * (hover) and in the table under the chart.
 */
const ABBREVIATIONS: [RegExp, string][] = [
  [/^Phường /u, 'P. '],
  [/^Phòng /u, 'Ph. '],
  [/^Xã /u, 'X. '],
];

/** Greedy word wrap into lines of at most `width` characters; a word longer than a line is cut. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/u).filter(Boolean)) {
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line = `${line} ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
}

/** The lines an axis label is drawn in: `maxLines` lines of `width` characters at most. */
export function labelLines(name: string, width: number, maxLines = 2): string[] {
  const full = wrap(name, width);
  if (full.length <= maxLines) return full;
  const short = ABBREVIATIONS.reduce((s, [re, abbr]) => s.replace(re, abbr), name);
  const lines = wrap(short, width);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = last.length >= width ? `${last.slice(0, width - 1)}…` : `${last}…`;
  return kept;
}
