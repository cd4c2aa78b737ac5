// A large file over an unreliable network: a lender uploads a 200 MB file through the upload form,
// the upload is cut off mid-way (the page reloads, taking its request with it), and when the lender
// adds the file again the upload goes on from the server's offset (tus, /api/v1/uploads), not from 0. The item is anchored, and the SHA-256 the server records and serves is
// the file's. While it runs, the form shows percentage, bytes, speed and time left.
import { createHash, randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { describeUpload, openUploadForm, uploadItem, ZHANG_WEI, type TestFile } from './helpers';

const SIZE = 200 * 1024 * 1024;
/** Slow enough to cut the connection mid-way on any machine (about 25 s for the whole file). */
const THROTTLED_BYTES_PER_SECOND = 8 * 1024 * 1024;

/** Writes `size` random bytes to `path` (in the test's output directory) and returns their SHA-256. */
async function writeRandomFile(path: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  const file = await open(path, 'w');
  try {
    for (let written = 0; written < size; ) {
      const chunk = randomBytes(Math.min(4 * 1024 * 1024, size - written));
      hash.update(chunk);
      await file.write(chunk);
      written += chunk.length;
    }
  } finally {
    await file.close();
  }
  return '0x' + hash.digest('hex');
}

test('a 200 MB upload cut off mid-way resumes from the server’s offset and is anchored with the file’s SHA-256', async ({ page }, testInfo) => {
  test.setTimeout(600_000);
  const path = testInfo.outputPath('bank-statements-2026.bin');
  const sha256 = await writeRandomFile(path, SIZE);
  const file: TestFile = { name: 'bank-statements-2026.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(0) };

  // The upload's address (Location of the creation) and the offset each PATCH starts from.
  let uploadUrl: string | undefined;
  const patchOffsets: number[] = [];
  page.on('response', (response) => {
    if (response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/v1/uploads' && response.status() === 201) {
      uploadUrl = new URL(response.headers()['location']!, response.url()).toString();
    }
  });
  page.on('request', (request) => {
    if (request.method() === 'PATCH' && new URL(request.url()).pathname.startsWith('/api/v1/uploads/')) {
      patchOffsets.push(Number(request.headers()['upload-offset']));
    }
  });
  const network = await page.context().newCDPSession(page);
  await network.send('Network.enable');
  const conditions = (offline: boolean, uploadThroughput: number) =>
    network.send('Network.emulateNetworkConditions', { offline, latency: 0, downloadThroughput: -1, uploadThroughput });

  const item = uploadItem(page, file);
  const startUpload = async () => {
    await openUploadForm(page);
    await page.getByTestId('file-input').setInputFiles(path);
    await describeUpload(item, { type: 'transaction_record', title: '2026 年银行流水', loanReference: 'L-2026-RESUME', ...ZHANG_WEI });
    await page.getByTestId('upload-all').click();
  };
  await conditions(false, THROTTLED_BYTES_PER_SECOND);
  await startUpload();

  // Under way: percentage, bytes of the total, speed and time left.
  const progress = item.getByRole('progressbar');
  await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 120_000 }).toBeGreaterThanOrEqual(5);
  await expect(item.getByTestId('transfer-percent')).toHaveText(/^\d{1,2}%$/);
  await expect(item.getByTestId('transfer-bytes')).toContainText('200.0 MB');
  await expect(item.getByTestId('transfer-speed')).toHaveText(/\d+(\.\d)? (KB|MB)\//);
  await expect(item.getByTestId('transfer-time-left')).toBeVisible();
  if (process.env.CAPTURE_SCREENSHOTS) await item.screenshot({ path: testInfo.outputPath('upload-progress.png') });
  expect(uploadUrl).toBeDefined();

  // Cut off mid-way: the page goes away with its request (a closed laptop, a crashed tab).
  await page.reload();
  const head = () => page.request.fetch(uploadUrl!, { method: 'HEAD', headers: { 'tus-resumable': '1.0.0' } });
  const offsetOnServer = Number((await head()).headers()['upload-offset']);
  expect(offsetOnServer).toBeGreaterThan(0);
  expect(offsetOnServer).toBeLessThan(SIZE);
  expect(patchOffsets).toEqual([0]);

  // The lender adds the same file with the same description again: the upload goes on from the
  // server's offset, not from 0.
  await conditions(false, -1);
  await startUpload();
  await expect(item.locator('[data-status="pending"], [data-status="anchoring"], [data-status="anchored"]')).toBeVisible({ timeout: 300_000 });
  expect(patchOffsets).toEqual([0, offsetOnServer]);

  await expect(item.locator('[data-status="anchored"]')).toBeVisible({ timeout: 120_000 });
  await expect(item.getByTestId('sha256')).toHaveText(sha256);
  const evidenceId = (await item.getByTestId('details-link').getAttribute('href'))!.split('/').pop()!;
  const evidence = (await (await page.request.get(`/api/v1/evidence/${evidenceId}`)).json()) as { sha256: string; size: number; status: string };
  expect(evidence).toMatchObject({ sha256, size: SIZE, status: 'anchored' });
  // The upload itself says which item it became.
  const status = (await (await page.request.get(uploadUrl!)).json()) as { offset: number; evidence: { id: string; sha256: string } };
  expect(status).toMatchObject({ offset: SIZE, evidence: { id: evidenceId, sha256 } });
});
