// A large statement over a connection that drops (issue #17: "large files resumable"): lender A
// uploads a 100,000-row statement (about 10.7 MB, two 8 MiB parts) through the pair page; the second
// part's request is cut off once (its connection fails), and the form resumes from the server's
// offset (HEAD, then PATCH from 8 MiB, not from 0). The side is committed once, with the file's
// SHA-256 and every row, and the form says so.
import { createHash, randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { DEMO_ORGANIZATIONS } from '../lib/demo/demo-consortium';
import { currentBusinessDate } from '../lib/reconciliation/business-day-window';
import { generateStatementRows, rowsToCsv } from '../lib/reconciliation/generate-statement-rows';
import { signIn } from './accounts';
import { queryE2eDatabase } from './e2e-database';
import { createReconciliationPairAsOperator } from './helpers';

const lenderName = (key: 'lenderA' | 'lenderB') => DEMO_ORGANIZATIONS.find((o) => o.key === key)!.name;
const businessDate = currentBusinessDate(new Date());
const ROWS = 100_000;
const PART = 8 * 1024 * 1024;

test('a statement whose upload is cut off mid-way resumes from the server’s offset and is committed once', async ({ browser }) => {
  test.setTimeout(300_000);
  const pairName = `E2E 续传对账 ${randomUUID().slice(0, 8)}`;
  const pairId = createReconciliationPairAsOperator({ lenderA: lenderName('lenderA'), lenderB: lenderName('lenderB'), name: pairName });
  const csv = Buffer.from(rowsToCsv(generateStatementRows({ count: ROWS, seed: 5150, date: businessDate })), 'utf8');
  expect(csv.length).toBeGreaterThan(PART);
  const sha256 = '0x' + createHash('sha256').update(csv).digest('hex');

  const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await signIn(page, 'lenderA');
  await page.goto(`/lender/reconciliation/${pairId}`);
  await expect(page.getByRole('heading', { level: 1, name: pairName })).toBeVisible();

  // Every tus request the form makes, in order: method and Upload-Offset.
  const requests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith(`/api/v1/reconciliation/pairs/${pairId}/days/${businessDate}/statement/uploads`)) {
      requests.push(`${request.method()} ${request.headers()['upload-offset'] ?? ''}`.trim());
    }
  });
  // The connection drops once, under the second part.
  let cut = false;
  await page.route(`**/statement/uploads/*`, async (route) => {
    const request = route.request();
    if (!cut && request.method() === 'PATCH' && Number(request.headers()['upload-offset']) > 0) {
      cut = true;
      return route.abort('connectionreset');
    }
    return route.continue();
  });

  await page.locator('input[name="businessDate"]').fill(businessDate);
  await page.locator('input[name="file"]').setInputFiles({ name: 'bank-a-large.csv', mimeType: 'text/csv', buffer: csv });
  await page.getByRole('button', { name: 'Upload' }).click();
  const status = page.getByTestId('statement-upload-status');
  await expect(status).toContainText(`Committed: ${ROWS} rows`, { timeout: 240_000 });
  expect(cut).toBe(true);
  // Created, the first part, the second part cut off, where to go on from, the second part again from 8 MiB.
  expect(requests).toEqual(['POST', 'PATCH 0', `PATCH ${PART}`, 'HEAD', `PATCH ${PART}`, 'GET']);

  // One side, the file's bytes and every row, one commit in the audit log.
  const view = (await (await page.request.get(`/api/v1/reconciliation/pairs/${pairId}/days/${businessDate}`)).json()) as {
    sides: { a: { rowCount: number; file: { sha256: string; size: number } } | null; b: unknown };
  };
  expect(view.sides.a).toMatchObject({ rowCount: ROWS, file: { sha256, size: csv.length } });
  expect(view.sides.b).toBeNull();
  const sides = await queryE2eDatabase<{ n: number }>(`SELECT count(*)::int AS n FROM reconciliation_side WHERE pair_id = $1`, [pairId]);
  expect(sides[0].n).toBe(1);
  const commits = await queryE2eDatabase<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'reconciliation.side_commit' AND details->>'pairId' = $1`,
    [pairId],
  );
  expect(commits[0].n).toBe(1);
});
