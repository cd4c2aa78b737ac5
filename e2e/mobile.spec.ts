// On a 390×844 phone: /verify with a result and the borrower portal fit the screen (no sideways
// scrolling) and every download link is visible.
import { expect, test } from '@playwright/test';
import { signIn } from './accounts';

test.use({ viewport: { width: 390, height: 844 } });

async function scrollWidth(page: import('@playwright/test').Page) {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

test('/verify with a result does not overflow sideways', async ({ page }) => {
  await page.goto('/verify');
  // A certificate whose checks print long hashes in their messages and details.
  await page.locator('input[type="file"]').first().setInputFiles('docs/vectors/fail.inclusion-proof.root-altered.certificate.json');
  await page.getByTestId('verify-button').click();
  await expect(page.getByTestId('verification-report')).toBeVisible({ timeout: 30_000 });
  expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
});

test('the borrower portal fits the phone and shows every download link', async ({ page }) => {
  await signIn(page, 'borrower1');
  await page.goto('/borrower');
  expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
  const links = page.locator('a[href*="/receipt"], a[href*="/certificate"]');
  for (let i = 0; i < (await links.count()); i++) {
    await links.nth(i).scrollIntoViewIfNeeded();
    await expect(links.nth(i)).toBeInViewport();
  }
});
