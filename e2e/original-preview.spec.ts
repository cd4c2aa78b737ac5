// The arbitrator reads a PDF or an image original in the case page, a click away, instead of
// downloading it; any other type (here plain text) is only ever a download, whatever the link asks.
import { createHash, randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';
import { signIn } from './accounts';
import { E2E_BASE_URL } from '../playwright.config';
import { fileCaseViaForm, waitAnchoredViaApi } from './helpers';

const BORROWER = { name: '张伟 Zhang Wei', idNumber: '44010419900307451X' };
const COMMISSION = '广州仲裁委员会 (Demo) Guangzhou Arbitration Commission';
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function upload(page: Page, title: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<string> {
  const response = await page.request.post('/api/v1/evidence/files', {
    headers: { origin: E2E_BASE_URL },
    multipart: {
      sha256: '0x' + createHash('sha256').update(file.buffer).digest('hex'),
      title,
      type: 'other',
      borrowerName: BORROWER.name,
      borrowerIdNumber: BORROWER.idNumber,
      file,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

test('PDF and image originals preview inline on the case page; other types only download', async ({ browser }) => {
  test.setTimeout(120_000);
  const run = randomUUID().slice(0, 8);
  const pdf = await PDFDocument.create();
  pdf.addPage([200, 200]).drawText(`notice ${run}`);
  const lender = await browser.newPage();
  await signIn(lender, 'lenderA');
  const pdfId = await upload(lender, `催收通知 ${run}`, { name: `notice-${run}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(await pdf.save()) });
  const pngId = await upload(lender, `转账截图 ${run}`, { name: `transfer-${run}.png`, mimeType: 'image/png', buffer: PNG });
  const textId = await upload(lender, `说明 ${run}`, { name: `note-${run}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`note ${run}`) });
  for (const id of [pdfId, pngId, textId]) await waitAnchoredViaApi(lender, id);
  const caseId = await fileCaseViaForm(lender, { commission: COMMISSION, borrowerName: BORROWER.name, title: `预览 ${run}`, evidenceIds: [pdfId, pngId, textId] });

  const arbitrator = await browser.newPage();
  await signIn(arbitrator, 'arbitrator');
  await arbitrator.goto(`/arbitration/cases/${caseId}`);
  const row = (id: string) => arbitrator.locator(`[data-testid="package-item"][data-evidence-id="${id}"]`);

  // The image: shown once opened, decoded by the browser.
  await row(pngId).getByTestId('original-preview').locator('summary').click();
  const image = row(pngId).getByRole('img');
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);

  // The PDF: fetched inline (not as an attachment) when opened, after its hash re-check.
  const pdfResponse = arbitrator.waitForResponse((response) => response.url().includes(`/api/v1/evidence/${pdfId}/file?disposition=inline`));
  await row(pdfId).getByTestId('original-preview').locator('summary').click();
  const served = await pdfResponse;
  expect(served.status()).toBe(200);
  expect(served.headers()['content-type']).toBe('application/pdf');
  expect(served.headers()['content-disposition']).toMatch(/^inline;/);
  expect(served.headers()['x-content-type-options']).toBe('nosniff');
  await expect(row(pdfId).locator('iframe')).toBeVisible();

  // Plain text has no preview, and asking for one still gets a sandboxed download.
  await expect(row(textId).getByTestId('original-preview')).toHaveCount(0);
  const text = await arbitrator.request.get(`/api/v1/evidence/${textId}/file?disposition=inline`);
  expect(text.status()).toBe(200);
  expect(text.headers()['content-disposition']).toMatch(/^attachment;/);
  expect(text.headers()['content-security-policy']).toContain('sandbox');
});
