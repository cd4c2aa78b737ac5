// Certificates an arbitrator can trust: the PDF certificate verifies on its own in /verify, a
// changed byte in the file or in the proof is caught by the right check, and the verify API and
// revocation work against the running platform.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { E2E_DATA_DIR, E2E_PG_PORT } from '../playwright.config';
import { uploadAndWaitAnchored } from './helpers';

const DEMO_LENDER_A_MEMBER = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';
const DEMO_LENDER_A_NAME = '粤信银行 Yuexin Bank (Demo Lender A)';

async function verifyInPage(page: Page, certificatePath: string, filePath?: string) {
  await page.getByLabel(/^(Certificate|证书)/).setInputFiles(certificatePath);
  if (filePath) await page.getByLabel(/^(Original file|原始文件)/).setInputFiles(filePath);
  await page.getByRole('button', { name: /Verify/ }).click();
  return page.getByTestId('verification-report');
}

test('the PDF certificate alone verifies, and tampering is named by the failing check', async ({ page }, testInfo) => {
  const file = { name: `repayment-${Date.now()}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`loan,amount\nL-1,1000.00\n${Date.now()}`) };
  const [item] = await uploadAndWaitAnchored(page, [file]);
  const jsonHref = (await item.getByTestId('certificate-json-link').getAttribute('href')) as string;

  const pdfDownload = page.waitForEvent('download');
  await item.getByTestId('certificate-pdf-link').click();
  const pdfPath = testInfo.outputPath('certificate.pdf');
  await (await pdfDownload).saveAs(pdfPath);
  expect((await readFile(pdfPath)).subarray(0, 5).toString()).toBe('%PDF-');

  const originalPath = testInfo.outputPath(file.name);
  await writeFile(originalPath, file.buffer);
  await page.goto('/verify');
  const report = await verifyInPage(page, pdfPath, originalPath);
  await expect(report).toHaveAttribute('data-valid', 'true');
  for (const check of ['file-hash', 'leaf', 'inclusion-proof', 'chain-anchor', 'signature', 'revocation']) {
    await expect(page.getByTestId(`check-${check}`)).toHaveAttribute('data-status', 'pass');
  }

  const changed = Buffer.from(file.buffer);
  changed[0] ^= 0x01;
  const changedPath = testInfo.outputPath(`changed-${file.name}`);
  await writeFile(changedPath, changed);
  await page.getByLabel(/^(Original file|原始文件)/).setInputFiles(changedPath);
  await page.getByRole('button', { name: /Verify/ }).click();
  await expect(report).toHaveAttribute('data-valid', 'false');
  await expect(page.getByTestId('check-file-hash')).toHaveAttribute('data-status', 'fail');

  const certificate = await (await page.request.get(jsonHref)).json();
  // The demo lender A anchors with its own consortium member key (anvil's second dev account).
  expect(certificate.anchor.submitter).toBe(DEMO_LENDER_A_MEMBER);
  const flipped = structuredClone(certificate);
  flipped.proof.root = flipHexByte(flipped.proof.root);
  const flippedPath = testInfo.outputPath('flipped-proof.json');
  await writeFile(flippedPath, JSON.stringify(flipped));
  await page.reload();
  await verifyInPage(page, flippedPath, originalPath);
  await expect(report).toHaveAttribute('data-valid', 'false');
  await expect(page.getByTestId('check-inclusion-proof')).toHaveAttribute('data-status', 'fail');
  await expect(page.getByTestId('check-file-hash')).toHaveAttribute('data-status', 'pass');
});

test('the verify API returns the itemised report; bad input gets a 4xx', async ({ page, request }) => {
  const file = { name: `notice-${Date.now()}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`还款提醒 ${Date.now()}`) };
  const [item] = await uploadAndWaitAnchored(page, [file]);
  const evidenceHref = (await item.getByTestId('certificate-json-link').getAttribute('href')) as string;
  // Downloads by evidence id need the lender's session (page.request); verifying needs nothing.
  const certificate = await (await page.request.get(evidenceHref)).json();
  const pdf = await (await page.request.get(`${evidenceHref}/pdf`)).body();
  expect((await request.get(evidenceHref)).status()).toBe(401);
  const sha = certificate.evidence.sha256;

  const viaJson = await request.post('/api/v1/verify', { data: { certificate, fileSha256: sha } });
  expect(viaJson.status()).toBe(200);
  const report = await viaJson.json();
  expect(report.valid).toBe(true);
  expect(report.checks.map((c: { id: string; status: string }) => `${c.id}:${c.status}`)).toEqual([
    'certificate-format:pass',
    'file-hash:pass',
    'leaf:pass',
    'inclusion-proof:pass',
    'chain-anchor:pass',
    'signature:pass',
    'revocation:pass',
    // The timestamp once the batch root has its RFC 3161 token (about a second after sealing).
    certificate.timestamp ? 'timestamp:pass' : 'timestamp:skipped',
  ]);
  if (certificate.timestamp) expect(report.checks.at(-1).code).toBe('timestamp.trusted');
  // Format version 3: the report names what the issuer signed about the item.
  expect(certificate.version).toBe(3);
  expect(report.checks.find((c: { id: string }) => c.id === 'signature').details).toMatchObject({
    organizationName: certificate.subject.organization.name,
    channel: 'portal',
  });

  const viaPdf = await request.post('/api/v1/verify', {
    multipart: { certificate: { name: 'c.pdf', mimeType: 'application/pdf', buffer: pdf } },
  });
  expect((await viaPdf.json()).valid).toBe(true);

  const malformed = await request.post('/api/v1/verify', { data: { certificate: { ...certificate, proof: { ...certificate.proof, path: ['0x12'] } } } });
  expect(malformed.status()).toBe(422);
  expect(JSON.stringify(await malformed.json())).toContain('proof.path[0]');

  const truncated = await request.post('/api/v1/verify', {
    multipart: { certificate: { name: 'c.pdf', mimeType: 'application/pdf', buffer: pdf.subarray(0, pdf.length / 2) } },
  });
  expect(truncated.status()).toBe(400);
  const notJson = await request.post('/api/v1/verify', { headers: { 'content-type': 'application/json' }, data: '{not json' });
  expect(notJson.status()).toBe(400);
  const badHash = await request.post('/api/v1/verify', { data: { certificate, fileSha256: 'nothex' } });
  expect(badHash.status()).toBe(400);

  const issuer = await (await request.get('/.well-known/evident-issuer.json')).json();
  expect(issuer.address).toBe(certificate.issuer.address);
});

test('a revoked certificate fails the online revocation check via its QR link', async ({ page, request }) => {
  const file = { name: `error-${Date.now()}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`issued in error ${Date.now()}`) };
  const [item] = await uploadAndWaitAnchored(page, [file]);
  const certificate = await (await page.request.get((await item.getByTestId('certificate-json-link').getAttribute('href')) as string)).json();

  execFileSync('npx', ['tsx', 'scripts/revoke-certificate.ts', certificate.serial, '--reason', 'issued for the wrong borrower'], {
    env: { ...process.env, DATA_DIR: E2E_DATA_DIR, EMBEDDED_PG_PORT: E2E_PG_PORT },
  });
  const status = await (await request.get(`/api/v1/certificates/${certificate.serial}/status`)).json();
  expect(status).toMatchObject({ serial: certificate.serial, revoked: true, reason: 'issued for the wrong borrower' });

  await page.goto(`/verify?cert=${certificate.serial}`);
  await expect(page.getByTestId('linked-certificate')).toHaveText(certificate.serial);
  await page.getByRole('button', { name: /Verify/ }).click();
  await expect(page.getByTestId('verification-report')).toHaveAttribute('data-valid', 'false');
  await expect(page.getByTestId('check-revocation')).toHaveAttribute('data-status', 'fail');
  await expect(page.getByTestId('check-revocation')).toContainText('wrong borrower');
  await expect(page.getByTestId('check-chain-anchor')).toHaveAttribute('data-status', 'pass');
  // The signature still holds, so the page shows what the issuer signed: the submitting organization
  // by name beside the consortium member address that anchored it.
  await expect(page.getByTestId('check-signature')).toHaveAttribute('data-status', 'pass');
  const signed = page.getByTestId('signed-subject');
  await expect(signed).toBeVisible();
  await expect(page.getByTestId('signed-organization-name')).toHaveText(DEMO_LENDER_A_NAME);
  await expect(page.getByTestId('signed-organization-member')).toHaveText(DEMO_LENDER_A_MEMBER);
  await expect(page.getByTestId('signed-channel')).toContainText(/Portal upload|门户上传/);
});

function flipHexByte(hex: string): string {
  const last = parseInt(hex.slice(-2), 16) ^ 0xff;
  return hex.slice(0, -2) + last.toString(16).padStart(2, '0');
}
