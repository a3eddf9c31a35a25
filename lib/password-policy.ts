/**
 * The password policy (server side, lib/data): at least 12 characters (lib/validation/user.ts) and
 * not common or easily guessed — judged by zxcvbn-ts with its maintained list of common passwords
 * and keyboard patterns, and with the user's own name and username counted as guessable.
 * A password must score at least MIN_SCORE (of 0–4).
 */
import 'server-only';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

const MIN_SCORE = 3;
const APP_WORDS = ['dondoc', 'đôn đốc', 'hatinh', 'hà tĩnh', 'ubnd', 'matkhau', 'mật khẩu'];

let factory: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, useLevenshteinDistance: true });
  return factory;
}

export const WEAK_PASSWORD_MESSAGE = 'Mật khẩu này quá phổ biến hoặc dễ đoán. Hãy dùng một cụm từ dài, khó đoán hơn.';

/** Why this password is refused, in Vietnamese, or null when it is acceptable. */
export function weakPasswordReason(password: string, userInputs: (string | null | undefined)[] = []): string | null {
  const inputs = [
    ...APP_WORDS,
    ...userInputs.filter((x): x is string => !!x).flatMap((x) => [x, ...x.split(/[\s.,_-]+/)]),
  ].filter((x) => x.length >= 3);
  const result = zxcvbn().check(password.slice(0, 100), inputs);
  return result.score < MIN_SCORE ? WEAK_PASSWORD_MESSAGE : null;
}
