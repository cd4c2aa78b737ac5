// Sessions: "sign out everywhere" on one device ends the session on another, and a page opened with
// an ended session goes to sign-in and, after signing in, back to the page that was asked for.
import { expect, test } from '@playwright/test';
import { ACCOUNTS, signIn } from './accounts';
import { DEMO_PASSWORD } from '../lib/platform/demo-consortium';

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
