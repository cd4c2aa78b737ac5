// The demo consortium's accounts (seeded by the e2e server, SEED_DEMO defaults to true) and a
// sign-in step through the real form.
import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../lib/demo/demo-consortium';
import { E2E_BASE_URL } from '../playwright.config';

export const ACCOUNTS = {
  operator: 'operator@evident.demo',
  lenderA: 'lender-a@evident.demo',
  lenderB: 'lender-b@evident.demo',
  arbitrator: 'arbitrator@evident.demo',
  regulator: 'regulator@evident.demo',
  borrower1: 'borrower-1@evident.demo',
  borrower2: 'borrower-2@evident.demo',
} as const;

export type AccountName = keyof typeof ACCOUNTS;

/** Signs in on /sign-in (optionally with ?next=) and waits to leave the sign-in page. */
export async function signIn(page: Page, account: AccountName, next?: string): Promise<void> {
  await page.goto(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in');
  await page.locator('input[name="email"]').fill(ACCOUNTS[account]);
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/** Signs in through the API (for request-level tests); the returned context carries the session cookie. */
export async function signInRequest(page: Page, account: AccountName): Promise<void> {
  const response = await page.request.post('/api/auth/sign-in/email', {
    data: { email: ACCOUNTS[account], password: DEMO_PASSWORD },
    headers: { origin: E2E_BASE_URL },
  });
  expect(response.status()).toBe(200);
}
