/**
 * The `test` every spec uses: Playwright's, plus a guard that fails the test when the browser
 * reports a Content-Security-Policy violation (a refused script, style, frame or connection), so
 * every journey proves the app still works under the policy proxy.ts sends.
 */
import { test as base, expect, type Page } from '@playwright/test';

/** Collects the CSP violations a page reports on its console, across navigations. */
export function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Content-Security-Policy/i.test(text)) violations.push(`${page.url()}: ${text}`);
  });
  return violations;
}

export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ page }, use) => {
      const violations = watchCsp(page);
      await use();
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
