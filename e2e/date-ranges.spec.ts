// A date range that ends before it starts, typed into a filter: the lender's evidence list and the
// regulator's audit log say so in the reader's language, beside the "to" date, instead of showing
// an empty result as if nothing had happened; the audit export refuses it with a 400.
import { expect, test } from '@playwright/test';
import { LOCALE_COOKIE } from '../lib/i18n/locales';
import { E2E_BASE_URL } from '../playwright.config';
import { openSignedIn } from './helpers';

const REVERSED = 'from=2026-11-25&to=2026-11-01';

test('the lender evidence list names a reversed date range in either language and searches nothing', async ({ page }) => {
  await openSignedIn(page, 'lenderA', '/lender');
  await page.locator('input[name="from"]').fill('2026-11-25');
  await page.locator('input[name="to"]').fill('2026-11-01');
  await page.getByRole('search').getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/from=2026-11-25.*to=2026-11-01/);
  const alert = page.getByTestId('reversed-range');
  await expect(alert).toHaveText('“Submitted to” (2026-11-01) is before “Submitted from” (2026-11-25): no evidence can be in that range, so none was searched. Correct or swap the dates.');
  await expect(page.locator('input[name="to"]')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('result-count')).toHaveCount(0);
  await expect(page.getByTestId('evidence-row')).toHaveCount(0);

  await page.context().addCookies([{ name: LOCALE_COOKIE, value: 'zh-CN', url: E2E_BASE_URL }]);
  await page.goto(`/lender?${REVERSED}`);
  await expect(alert).toHaveText('提交日期（止）2026-11-01 早于提交日期（起）2026-11-25，该范围内不可能有证据，因此未查询。请更正或调换日期。');

  // The same days the right way round search as usual.
  await page.goto('/lender?from=2026-11-01&to=2026-11-25');
  await expect(alert).toHaveCount(0);
  await expect(page.getByTestId('result-count')).toBeVisible();
});

test('the audit log names a reversed date range beside "to" and its export refuses it', async ({ page }) => {
  await openSignedIn(page, 'regulator', `/audit?${REVERSED}`);
  await expect(page.locator('[data-field-error="to"]')).toHaveText('“To” (2026-11-01) is before “From” (2026-11-25): no day is in that range. Correct or swap the dates.');
  await expect(page.getByTestId('audit-export')).toHaveCount(0);
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: 'zh-CN', url: E2E_BASE_URL }]);
  await page.reload();
  await expect(page.locator('[data-field-error="to"]')).toHaveText('截止日期（2026-11-01）早于起始日期（2026-11-25），该范围内没有任何日期。请更正或调换日期。');

  const exported = await page.request.get(`/api/v1/audit/export.csv?${REVERSED}`);
  expect(exported.status()).toBe(400);
  expect((await exported.json()).detail).toBe('Audit filter to: is before `from`: the range holds no day');
});
