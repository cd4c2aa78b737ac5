// A reconciliation break taken to arbitration (issue #17): lender A downloads a field-mismatch break's
// certificate from the demo pair's day (the public verifier accepts it), adds it to one of its cases
// from the day page, and the arbitrator's "Verify all" checks it with the case's evidence, each side
// it attests against the ReconciliationAnchor on chain; the case's evidence package carries it and the
// offline verify.html checks it (and names it once edited); the case page says so in both languages.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { DEMO_RECONCILIATION_DAYS } from '../lib/demo/demo-consortium';
import { signIn } from './accounts';
import { fileCaseViaForm, uploadEvidenceViaApi, waitAnchoredViaApi } from './helpers';

const BORROWER = { name: '张伟 Zhang Wei', idNumber: '44010419900307451X' };
const COMMISSION = '广州仲裁委员会 (Demo) Guangzhou Arbitration Commission';
const day = DEMO_RECONCILIATION_DAYS[0];
const CHAIN_RPC = `http://127.0.0.1:${process.env.E2E_CHAIN_PORT ?? '8599'}`;

test('a break is added to an arbitration case and verified there against the chain', async ({ browser }) => {
  const run = randomUUID().slice(0, 8);
  const lender = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await signIn(lender, 'lenderA');
  const evidenceId = await uploadEvidenceViaApi(lender, { title: `Co-lending contract ${run}`, content: Buffer.from(`联合贷款合同 ${run}`), borrower: BORROWER });
  await waitAnchoredViaApi(lender, evidenceId);
  const caseId = await fileCaseViaForm(lender, { commission: COMMISSION, borrowerName: BORROWER.name, title: `Split dispute ${run}`, evidenceIds: [evidenceId] });

  // The demo pair's day, its field mismatches: the first one's certificate, as downloaded.
  await lender.getByRole('link', { name: /Reconciliation|机构间对账/ }).first().click();
  await lender.getByRole('link', { name: /co-lending \(Demo\)/ }).click();
  await lender.getByRole('link', { name: day }).click();
  // The demo day was drafted weeks ago and nobody signed it: the batcher escalated it. Its receipts
  // and statement carry the TSA's timestamps.
  await expect(lender.getByTestId('statement-escalated')).toContainText('not signed off by both banks in time');
  await expect(lender.getByTestId('document-timestamp')).toHaveCount(3);
  for (const stamp of await lender.getByTestId('document-timestamp').all()) await expect(stamp).toContainText('TSA serial');
  await lender.getByRole('link', { name: 'field mismatch' }).click();
  await expect(lender).toHaveURL(/class=field-mismatch/);
  const row = lender.locator('[data-testid="reconciliation-break"][data-class="field-mismatch"]').first();
  const [download] = await Promise.all([lender.waitForEvent('download'), row.getByTestId('break-certificate-link').click()]);
  expect(download.suggestedFilename()).toMatch(/^evident-reconciliation-certificate-EVR-[0-9A-Z-]+\.json$/);
  const certificate = JSON.parse(await readFile((await download.path())!, 'utf8')) as { serial: string; class: string };
  expect(certificate.class).toBe('field-mismatch');
  const verified = await lender.request.post('/api/v1/verify', { data: { certificate } });
  expect(verified.status()).toBe(200);
  expect(((await verified.json()) as { valid: boolean }).valid).toBe(true);

  // Added to the case from the same row.
  await row.getByText('Add to an arbitration case').click();
  await row.getByTestId('add-break-to-case').locator('select[name="caseId"]').selectOption(caseId);
  await row.getByRole('button', { name: 'Add' }).click();
  await expect(lender.getByTestId('break-added-to-case')).toContainText(certificate.serial);

  // The arbitrator verifies the case: the certificate's checks and both sides against the chain. The
  // anchoring outbox puts the demo days' sides on chain within a few batcher ticks of start-up.
  const arbitrator = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await signIn(arbitrator, 'arbitrator');
  await arbitrator.goto(`/arbitration/cases/${caseId}`);
  const listed = arbitrator.locator(`[data-testid="case-reconciliation-certificate"][data-serial="${certificate.serial}"]`);
  await expect(listed).toHaveAttribute('data-verified', 'not-yet');
  await expect(async () => {
    await arbitrator.getByRole('button', { name: /Verify all|全部核验/ }).click();
    await expect(listed).toHaveAttribute('data-verified', 'true', { timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  await expect(listed.getByTestId('case-reconciliation-chain')).toHaveCount(2);
  for (const side of await listed.getByTestId('case-reconciliation-chain').all()) await expect(side).toHaveAttribute('data-status', 'pass');
  // Each check by its name, each side in a sentence, as the report words them.
  await expect(listed).toContainText('✓ Reconciliation proof');
  await expect(listed).toContainText('✓ Platform signature');
  await expect(listed).toContainText("Bank A's side matches the chain.");
  await expect(listed).toContainText("Bank B's side matches the chain.");
  await expect(arbitrator.getByTestId('latest-verification')).toHaveAttribute('data-passed', 'true');

  // The case's evidence package carries it; verify.html, opened from disk with only the chain node
  // reachable, checks it with the items, and names the file once it is edited.
  const packageDownload = lender.waitForEvent('download');
  await lender.goto(`/lender/cases/${caseId}`);
  await lender.getByTestId('evidence-package-download').click();
  const zip = await packageDownload;
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'e2e-reconciliation-package-'));
  await zip.saveAs(path.join(scratch, zip.suggestedFilename()));
  execFileSync('unzip', ['-q', path.join(scratch, zip.suggestedFilename()), '-d', scratch]);
  const packageDir = path.join(scratch, zip.suggestedFilename().replace(/\.zip$/, ''));
  const packaged = path.join(packageDir, 'reconciliation', `${certificate.serial}.json`);
  expect(JSON.parse(await readFile(packaged, 'utf8'))).toEqual(certificate);
  const offline = await browser.newContext();
  await offline.route('**/*', (route) => (route.request().url().startsWith('file:') || route.request().url().startsWith(CHAIN_RPC) ? route.continue() : route.abort('blockedbyclient')));
  const verifier = await offline.newPage();
  const runVerifier = async () => {
    await verifier.goto(pathToFileURL(path.join(packageDir, 'verify.html')).href);
    await verifier.locator('#folder').setInputFiles(packageDir);
    await expect(verifier.locator('#status')).toHaveText(/files read; ready to verify/);
    await verifier.locator('#rpc').fill(CHAIN_RPC);
    await verifier.locator('#run').click();
  };
  await runVerifier();
  await expect(verifier.locator('#status')).toHaveText(/All checks pass/);
  await expect(verifier.locator('#package-files-result')).toHaveClass('ok');
  await writeFile(packaged, (await readFile(packaged, 'utf8')).replace(/"rowCount": (\d+)/, (_, n: string) => `"rowCount": ${Number(n) + 1}`));
  await runVerifier();
  await expect(verifier.locator('#package-files-result')).toHaveClass('bad');
  await expect(verifier.locator('#package-files-result')).toContainText(`reconciliation/${certificate.serial}.json`);
  await offline.close();

  // The lender's case page in Chinese shows the same certificate, verified.
  const zh = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signIn(zh, 'lenderA');
  await zh.goto(`/lender/cases/${caseId}`);
  await expect(zh.getByRole('heading', { name: '对账证书' })).toBeVisible();
  const zhListed = zh.locator(`[data-testid="case-reconciliation-certificate"][data-serial="${certificate.serial}"]`);
  await expect(zhListed).toContainText('已核验');
  await expect(zhListed).toContainText('✓ 对账证明');
  await expect(zhListed).toContainText('A 方对账数据与链上记录一致。');
});
