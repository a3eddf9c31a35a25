/** Small text helpers of the directive parser: sentence and title extraction. */

export const TITLE_MAX = 200;

/** Abbreviations that end with a full stop without ending the sentence ("TP. Hà Tĩnh"). */
const ABBREVIATIONS = new Set([
  'tp',
  'tx',
  'p',
  'q',
  'ths',
  'ts',
  'pgs',
  'gs',
  'ks',
  'bs',
  'v.v',
  'ông',
  'bà',
  'đ/c',
  'nxb',
  'tt',
  'k',
]);

function isUpperStart(ch: string | undefined): boolean {
  if (ch === undefined) return true;
  return /[0-9"“(«]/.test(ch) || (ch !== ch.toLowerCase() && ch === ch.toUpperCase());
}

/**
 * The first sentence: up to the first ".", "!" or "?" that is followed by a capital letter, a digit
 * or the end, and is not an abbreviation. Newlines count as spaces (hard-wrapped paste).
 */
export function firstSentence(text: string): string {
  // A title is at most 200 characters, so a sentence end further than this does not matter; the
  // cap keeps a megabyte-long "task" cheap.
  const s = text.slice(0, 1200).replace(/\s+/g, ' ').trim();
  const re = /[.!?…]+(?=\s|$)/g;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    let next = m.index + m[0].length;
    while (s[next] === ' ') next += 1;
    if (!isUpperStart(s[next])) continue;
    const word = /(\S+)$/.exec(s.slice(Math.max(0, m.index - 12), m.index))?.[1]?.toLowerCase() ?? '';
    if (ABBREVIATIONS.has(word)) continue;
    return s.slice(0, m.index).trim();
  }
  return trimEnd(s, '.!?…;:, ');
}

/**
 * Trims the given characters from the end with a loop: a regex like /[.,]+$/ retries at every
 * position of a long run and turns quadratic on garbage input.
 */
export function trimEnd(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s[end - 1] ?? '')) end -= 1;
  return s.slice(0, end);
}

/** Trims the given characters from both ends (see trimEnd). */
export function trimChars(s: string, chars: string): string {
  let start = 0;
  while (start < s.length && chars.includes(s[start] ?? '')) start += 1;
  return trimEnd(s.slice(start), chars);
}

/** Cuts a title at a word boundary so it fits TITLE_MAX characters (with an ellipsis). */
export function fitTitle(sentence: string): string {
  if (sentence.length <= TITLE_MAX) return sentence;
  const cut = sentence.slice(0, TITLE_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–-]+$/, '')}…`;
}

/** Title of a task: its first sentence, at most TITLE_MAX characters. */
export function taskTitle(text: string): string {
  return fitTitle(firstSentence(text));
}
