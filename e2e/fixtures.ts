/**
 * The `test` every spec uses: Playwright's, plus a guard that fails the test when the browser
 * reports a Content-Security-Policy violation (a refused script, style, frame or connection), so
 * every journey proves the app still works under the policy proxy.ts sends.
 */
import { test as base, expect, type Page } from '@playwright/test';

/**
 * Collects the CSP violations a page reports, across navigations: the DOM's
 * `securitypolicyviolation` events (listened to before any page script runs) and, as a second
 * source, the console messages Chromium writes for them.
 */
export async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('__reportCspViolation', (text: string) => violations.push(`${page.url()}: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation?: (text: string) => void }).__reportCspViolation;
      report?.(`${e.effectiveDirective} refused ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Content-Security-Policy/i.test(text)) violations.push(`${page.url()}: ${text}`);
  });
  return violations;
}

export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ page }, use) => {
      const violations = await watchCsp(page);
      await use();
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
