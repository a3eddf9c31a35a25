import path from 'node:path';

/**
 * Where the test run's pictures go: a git-ignored folder by default, so `npm test` leaves the
 * working tree clean; `UPDATE_SCREENSHOTS=1` writes them into docs/screenshots/ (the README's
 * pictures) when a developer means to refresh them (decision 022, amended).
 */
export const SCREENSHOTS_DIR =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? path.join(process.cwd(), 'docs', 'screenshots')
    : path.join(process.cwd(), 'test-results', 'screenshots');
