// A bank's reconciliation certificate dropped on /verify (docs/reconciliation-format.md section 12),
// checked in the browser by the same verifier as evidence certificates: a good one passes in English,
// with the issuer's signed statement shown; one whose proof is about another side than the one it
// attests fails in Chinese, on the reconciliation proof check, saying why. The issuer pinned is the one
// the vectors were signed with, as a tribunal pins the issuer it trusts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { LOCALE_COOKIE, type Locale } from '../lib/i18n/locales';
import { E2E_BASE_URL } from '../playwright.config';

const vectors = path.resolve(import.meta.dirname, '../docs/vectors/reconciliation');
const manifest = JSON.parse(readFileSync(path.join(vectors, 'certificates.json'), 'utf8')) as { trustedIssuers: string[] };

async function verifyOnPage(page: Page, locale: Locale, file: string): Promise<void> {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: locale, url: E2E_BASE_URL }]);
  await page.goto('/verify');
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
  await page.getByLabel(/^(Certificate|证书)/).setInputFiles(path.join(vectors, file));
  // The page fills in this platform's own issuer once loaded; the tribunal pins the one it trusts.
  const issuer = page.getByLabel(/^(Trusted issuer address|受信任签发方地址)/);
  await expect(issuer).not.toHaveValue('');
  await issuer.fill(manifest.trustedIssuers[0]);
  await page.getByTestId('verify-button').click();
}

test('a good reconciliation certificate passes on /verify, in English, with what the issuer signed', async ({ page }) => {
  await verifyOnPage(page, 'en', 'certificate.valid.field-mismatch.json');
  await expect(page.getByTestId('verification-report')).toHaveAttribute('data-valid', 'true');
  await expect(page.getByTestId('check-certificate-format')).toContainText('reconciliation certificate is well-formed');
  await expect(page.getByTestId('check-reconciliation-proof')).toHaveAttribute('data-status', 'pass');
  await expect(page.getByTestId('check-reconciliation-proof')).toContainText('The field mismatch proof for record');
  const signature = page.getByTestId('check-signature');
  await expect(signature).toHaveAttribute('data-status', 'pass');
  await expect(signature).toContainText('Bank A (signed)');
  await expect(signature).toContainText('深圳甲银行');
  await expect(signature).toContainText('field mismatch');
  await expect(page.getByTestId('check-revocation')).toHaveAttribute('data-status', 'skipped');
});

test('a certificate whose proof is not about the attested side fails on /verify, in Chinese', async ({ page }) => {
  await verifyOnPage(page, 'zh-CN', 'certificate.fail.proof-side-not-attested.json');
  await expect(page.getByTestId('verification-report')).toHaveAttribute('data-valid', 'false');
  const proof = page.getByTestId('check-reconciliation-proof');
  await expect(proof).toHaveAttribute('data-status', 'fail');
  await expect(proof).toContainText('对账证明');
  await expect(proof).toContainText('并非证书为银行 A 载明的账方');
  await expect(page.getByTestId('check-signature')).toHaveAttribute('data-status', 'pass');
});
