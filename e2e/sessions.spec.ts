// Sessions: "sign out everywhere" on one device ends the session on another, and a page opened with
// an ended session goes to sign-in and, after signing in, back to the page that was asked for. The
// client address recorded at sign-in is the connection's, whatever headers the client sends.
import { expect, test } from '@playwright/test';
import { ACCOUNTS, signIn, signInRequest } from './accounts';
import { queryE2eDatabase } from './e2e-database';
import { DEMO_PASSWORD } from '../lib/demo/demo-consortium';

test('sign out everywhere ends other devices’ sessions; sign-in returns to the page asked for', async ({ browser }) => {
  const laptop = await (await browser.newContext()).newPage();
  const phone = await (await browser.newContext()).newPage();
  await signIn(laptop, 'lenderA');
  await signIn(phone, 'lenderA');
  await laptop.goto('/lender/upload');
  await expect(laptop.getByTestId('signed-in-as')).toBeVisible();

  await phone.getByRole('button', { name: /Sign out everywhere|退出所有设备/ }).click();
  await expect(phone).toHaveURL(/\/sign-in/);

  // The laptop still holds its cookie, but the session behind it is gone.
  await laptop.goto('/lender/cases');
  await expect(laptop).toHaveURL(/\/sign-in\?next=%2Flender%2Fcases/);
  await laptop.locator('input[name="email"]').fill(ACCOUNTS.lenderA);
  await laptop.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await laptop.locator('form button[type="submit"]').click();
  await expect(laptop).toHaveURL(/\/lender\/cases$/);
});

test('a wrong password is refused with a message, and the sign-in page is never a way off the site', async ({ page }) => {
  await page.goto('/sign-in?next=https%3A%2F%2Fevil.example%2F');
  await page.locator('input[name="email"]').fill(ACCOUNTS.regulator);
  await page.locator('input[name="password"]').fill('not-the-password');
  await page.locator('form button[type="submit"]').click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await expect(page).toHaveURL(/\/audit$/);
});

test('the audit log records the address the connection came from, not one the client claims', async ({ browser }) => {
  const forged = await browser.newContext({
    extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.99', 'x-evident-client-ip': '198.51.100.7' },
  });
  const page = await forged.newPage();
  const [{ last }] = await queryE2eDatabase<{ last: string }>('SELECT coalesce(max(sequence), 0)::text AS last FROM audit_entry');
  await signInRequest(page, 'borrower2');
  const entries = await queryE2eDatabase<{ ip_address: string | null }>(
    `SELECT ip_address FROM audit_entry WHERE sequence > $1 AND action = 'auth.sign_in' AND actor_label = $2`,
    [last, ACCOUNTS.borrower2],
  );
  expect(entries).toEqual([{ ip_address: '127.0.0.1' }]);
  await forged.close();
});
