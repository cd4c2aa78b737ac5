// Two journeys on the audit trail's two ends. A borrower signs in and sees the evidence that names
// them (and nothing naming anyone else), then downloads its proof receipt. The regulator signs in,
// filters the audit log, sees the hash chain verified, and exports the log as CSV with those
// sign-ins in it.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { E2E_DATA_DIR, E2E_PG_PORT } from '../playwright.config';
import { ACCOUNTS, signIn } from './accounts';

function seedEvidence(borrower: string, title: string, loan: string): string {
  const output = execFileSync(
    'npx',
    ['tsx', 'e2e/seed-borrower-evidence.ts', '--lender', ACCOUNTS.lenderA, '--borrower', borrower, '--title', title, '--loan', loan],
    { env: { ...process.env, DATA_DIR: E2E_DATA_DIR, EMBEDDED_PG_PORT: E2E_PG_PORT }, encoding: 'utf8' },
  );
  return (JSON.parse(output.trim().split('\n').pop()!) as { id: string }).id;
}

const run = randomUUID().slice(0, 8);
const mine = { title: `借款合同 张伟 ${run}`, loan: `L-ZW-${run}` };
const theirs = { title: `借款合同 李娜 ${run}`, loan: `L-LN-${run}` };
let mineId: string;
let theirsId: string;

test.beforeAll(() => {
  mineId = seedEvidence(ACCOUNTS.borrower1, mine.title, mine.loan);
  theirsId = seedEvidence(ACCOUNTS.borrower2, theirs.title, theirs.loan);
});

test('a borrower sees only the evidence naming them and downloads its receipt', async ({ page }) => {
  await signIn(page, 'borrower1', '/borrower');
  await expect(page).toHaveURL(/\/borrower/);

  const row = page.locator(`[data-evidence-id="${mineId}"]`);
  // The batcher seals every second and anchors on the local chain; the page shows it once final.
  await expect
    .poll(
      async () => {
        await page.reload();
        return row.locator('[data-status]').getAttribute('data-status');
      },
      { timeout: 60_000, intervals: [1000] },
    )
    .toBe('anchored');
  await expect(row).toContainText(mine.title);
  await expect(row).toContainText(mine.loan);
  await expect(page.locator(`[data-evidence-id="${theirsId}"]`)).toHaveCount(0);
  await expect(page.getByText(theirs.title)).toHaveCount(0);

  const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('download-receipt').click()]);
  const pdf = await readFile((await download.path())!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

  // Another borrower's documents are not found for this borrower, whatever the URL.
  const foreign = await page.request.get(`/api/v1/evidence/${theirsId}/receipt`);
  expect(foreign.status()).toBe(404);
});

test('a staff member who is not a borrower gets 403 on the borrower portal', async ({ page }) => {
  await signIn(page, 'lenderA');
  const response = await page.goto('/borrower');
  expect(response?.status()).toBe(403);
});

test('the regulator filters the audit log, sees the chain verified and exports CSV with the sign-ins', async ({ page }) => {
  await signIn(page, 'regulator', '/audit');
  await expect(page).toHaveURL(/\/audit/);
  const chainCheck = page.locator('[data-chain-check="ok"]');
  await expect(chainCheck).toBeVisible();
  // The borrower journey's batches are final by now: their audit heads were read back from the chain.
  expect(Number(await chainCheck.getAttribute('data-chain-proven-through'))).toBeGreaterThan(0);

  await page.locator('select[name="action"]').selectOption('auth.sign_in');
  await page.locator('input[name="actor"]').fill('borrower-1@');
  await page.getByTestId('audit-filter-submit').click();
  await expect(page).toHaveURL(/action=auth.sign_in/);
  const rows = page.locator('[data-testid="audit-table"] tbody tr');
  await expect(rows.first()).toContainText(ACCOUNTS.borrower1);
  for (const action of await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')))) {
    expect(action).toBe('auth.sign_in');
  }

  // The whole log of sign-ins, not only borrower 1's: clear the actor filter.
  await page.goto('/audit?action=auth.sign_in');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^evident-audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    'sequence,occurred_at_utc,occurred_at_asia_shanghai,actor,actor_user_id,organization_id,organization,action,target_type,target_id,ip_address,details,previous_hash,entry_hash',
  );
  const body = lines.slice(1);
  expect(body.length).toBeGreaterThanOrEqual(2);
  expect(body.every((line) => line.split(',')[7] === 'auth.sign_in')).toBe(true);
  expect(body.some((line) => line.includes(ACCOUNTS.borrower1))).toBe(true);
  expect(body.some((line) => line.includes(ACCOUNTS.regulator))).toBe(true);
  expect(body.every((line) => /,0x[0-9a-f]{64},0x[0-9a-f]{64}$/.test(line))).toBe(true);
});

test('a borrower is refused the audit log and its export', async ({ page }) => {
  await signIn(page, 'borrower1');
  expect((await page.goto('/audit'))?.status()).toBe(403);
  expect((await page.request.get('/api/v1/audit/export.csv')).status()).toBe(403);
});
