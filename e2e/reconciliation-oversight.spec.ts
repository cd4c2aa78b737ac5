// The regulator's oversight of a co-lending pair in Chromium (issue #17): the regulator sets the
// pair's floor on bank B's share of each disbursement; the two banks upload a day; the regulator sees
// the day's roots, its rule check with the violating records (by key and leaf, no values) and the
// open breaks by age, and asks bank A to disclose one violating record with a reason. Bank A sees the
// request on its pair page (bank B does not) and discloses it; the regulator then sees the record's
// values, checked against bank A's committed side. Every other role that calls the regulator's or the
// bank's action is refused with the 403 or 404 page and changes nothing.
import { randomUUID } from 'node:crypto';
import { expect, test, type APIResponse, type Browser, type Page } from '@playwright/test';
import { DEMO_ORGANIZATIONS } from '../lib/demo/demo-consortium';
import { currentBusinessDate } from '../lib/reconciliation/business-day-window';
import { generateStatementRows, rowsToCsv } from '../lib/reconciliation/generate-statement-rows';
import { injectBreaks } from '../lib/reconciliation/inject-breaks';
import { signIn, type AccountName } from './accounts';
import { queryE2eDatabase } from './e2e-database';
import { actionForm, createReconciliationPairAsOperator } from './helpers';

test.describe.configure({ mode: 'serial' });

const lenderName = (key: 'lenderA' | 'lenderB') => DEMO_ORGANIZATIONS.find((o) => o.key === key)!.name;
const businessDate = currentBusinessDate(new Date());
const day = injectBreaks({ rows: generateStatementRows({ count: 120, seed: 5151, date: businessDate }), rate: 0.1, seed: 17 });
/** Bank B's share of each disbursement at least 90%: most generated splits give B less. */
const FLOOR_B_BP = 9000;
const violatesFloor = (row: (typeof day.a)[number]) => row.type === 'disbursement' && row.status !== 'failed' && row.shareBFen * 10000 < FLOOR_B_BP * row.totalFen;
const REASON = '放款出资比例低于监管要求，请披露。Partner share below the floor.';
let pairId: string;
let pairName: string;

test.beforeAll(() => {
  pairName = `E2E 监管检查 ${randomUUID().slice(0, 8)}`;
  pairId = createReconciliationPairAsOperator({ lenderA: lenderName('lenderA'), lenderB: lenderName('lenderB'), name: pairName });
});

async function pageAs(browser: Browser, account: AccountName): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await signIn(page, account);
  return page;
}

const pairSection = (page: Page) => page.locator(`[data-testid="oversight-pair"][data-pair-name="${pairName}"]`);

async function uploadDay(browser: Browser, account: 'lenderA' | 'lenderB', csv: string): Promise<void> {
  const page = await pageAs(browser, account);
  await page.goto(`/lender/reconciliation/${pairId}`);
  await page.locator('input[name="businessDate"]').fill(businessDate);
  await page.locator('input[name="file"]').setInputFiles({ name: `${account}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.getByRole('button', { name: /^(Upload|上传)$/ }).click();
  await expect(page.getByTestId('statement-upload-status')).toContainText('Committed');
}

test('the regulator sets a threshold, sees the violations and breaks by age, and asks bank A to disclose a record; bank A discloses it', async ({ browser }) => {
  const regulator = await pageAs(browser, 'regulator');
  await regulator.goto('/audit/reconciliation');
  const section = pairSection(regulator);
  await section.getByText("Set this pair's thresholds").click();
  const form = section.getByTestId('pair-thresholds-form');
  await form.getByLabel("Bank B's share of each disbursement at least (bp)").fill(String(FLOOR_B_BP));
  await form.getByRole('button', { name: 'Save thresholds' }).click();
  await expect(regulator.getByTestId('thresholds-saved')).toContainText(`Pair ${pairName}`);
  await expect(pairSection(regulator).getByTestId('pair-thresholds')).toContainText('B ≥ bp 9,000');

  await uploadDay(browser, 'lenderA', rowsToCsv(day.a));
  await uploadDay(browser, 'lenderB', rowsToCsv(day.b));

  // The batcher checks each side on its next tick.
  const checkA = pairSection(regulator).locator(`[data-testid="rule-check"][data-business-date="${businessDate}"][data-bank="A"]`);
  await expect(async () => {
    await regulator.reload();
    await expect(checkA).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  const expectedViolations = day.a.filter(violatesFloor).length;
  expect(expectedViolations).toBeGreaterThan(0);
  await expect(checkA).toContainText(`${day.a.length} rows`);
  await expect(checkA.locator('[data-testid="rule-violations"][data-rule="min-share-b"]')).toHaveText(`B's share below its floor: ${expectedViolations}`);
  await expect(checkA.getByTestId('rule-violation-record')).toHaveCount(Math.min(expectedViolations, 20));
  await expect(checkA).toContainText('Pair');

  const dayRow = pairSection(regulator).locator(`[data-testid="oversight-day"][data-business-date="${businessDate}"]`);
  await expect(dayRow.getByTestId('oversight-roots')).toContainText(/A 0x[0-9a-f]{8}…/);
  // Yesterday's breaks are at most a day old.
  const onlyA = day.injected.filter((b) => b.injected === 'only-a').length;
  await expect(pairSection(regulator).locator('[data-testid="breaks-by-age-row"][data-class="only_a"] [data-bucket="upTo1"]')).toHaveText(String(onlyA));
  await expect(pairSection(regulator).locator('[data-testid="breaks-by-age-row"][data-class="only_a"] [data-bucket="over30"]')).toHaveText('0');

  // No loan data on the page: no loan number or transaction id of any row.
  const before = (await regulator.locator('main').textContent())!;
  for (const row of day.a.slice(0, 30)) {
    expect(before).not.toContain(row.loanNumber);
    expect(before).not.toContain(row.transactionId);
  }

  const record = checkA.getByTestId('rule-violation-record').first();
  const key = (await record.getAttribute('data-key'))!;
  await record.getByLabel('Reason for the request').fill(REASON);
  await record.getByRole('button', { name: 'Ask bank A to disclose' }).click();
  await expect(regulator.getByTestId('disclosure-requested')).toContainText('bank A');
  const disclosure = pairSection(regulator).locator(`[data-testid="oversight-disclosure"][data-key="${key}"]`);
  await expect(disclosure).toHaveAttribute('data-status', 'requested');
  await expect(disclosure.getByTestId('disclosed-values')).toHaveCount(0);

  // Bank B is not asked and sees nothing of it.
  const bankB = await pageAs(browser, 'lenderB');
  await bankB.goto(`/lender/reconciliation/${pairId}`);
  await expect(bankB.getByTestId('disclosure-requests')).toContainText('No disclosure request.');
  await expect(bankB.getByTestId('disclosure-request')).toHaveCount(0);

  const bankA = await pageAs(browser, 'lenderA');
  await bankA.goto(`/lender/reconciliation/${pairId}`);
  const request = bankA.locator(`[data-testid="disclosure-request"][data-key="${key}"]`);
  await expect(request).toContainText(REASON);
  await expect(request).toContainText('rule:min-share-b');
  await request.getByRole('button', { name: 'Disclose' }).click();
  await expect(bankA.getByTestId('disclosure-answered')).toContainText('disclosed to the regulator');
  await expect(bankA.locator(`[data-testid="disclosure-request"][data-key="${key}"]`)).toHaveAttribute('data-status', 'disclosed');

  await regulator.reload();
  await expect(disclosure).toHaveAttribute('data-status', 'disclosed');
  await expect(disclosure.getByTestId('disclosure-verdict')).toContainText("Every value checks against its commitment, the row's fields root and bank A's committed side root");
  const value = async (field: string) => Number(await disclosure.getByTestId(`disclosed-${field}`).textContent());
  const [totalFen, shareAFen, shareBFen, ratioBp] = [await value('totalFen'), await value('shareAFen'), await value('shareBFen'), await value('ratioBp')];
  // The disclosed values are one of bank A's rows that breaks the floor.
  const row = day.a.find((candidate) => candidate.totalFen === totalFen && candidate.shareAFen === shareAFen && candidate.shareBFen === shareBFen && candidate.ratioBp === ratioBp);
  expect(row).toBeDefined();
  expect(violatesFloor(row!)).toBe(true);
  await expect(disclosure.getByTestId('disclosed-status')).toHaveText(JSON.stringify(row!.status));
});

/** Calls a server action as Next.js's client does (a POST with the Next-Action header and the form),
 * with the session of `page`. */
function callAction(page: Page, path: string, actionId: string, form: Record<string, string>): Promise<APIResponse> {
  const multipart = new FormData();
  for (const [name, value] of Object.entries(form)) multipart.append(`_1_${name}`, value);
  multipart.append('0', JSON.stringify(['$K1']));
  return page.request.post(path, { headers: { 'next-action': actionId, accept: 'text/x-component', origin: new URL(page.url()).origin }, multipart, maxRedirects: 0 });
}

async function expectRefusal(response: APIResponse, status: 403 | 404): Promise<void> {
  const body = await response.text();
  expect(response.status(), body).toBe(status);
  expect(body).toContain(`NEXT_HTTP_ERROR_FALLBACK;${status}`);
}

test("another role calling the regulator's or the bank's action is refused, and nothing changes", async ({ browser }) => {
  const regulator = await pageAs(browser, 'regulator');
  await regulator.goto('/audit/reconciliation');
  const thresholds = await actionForm(regulator, '/audit/reconciliation', 'data-testid="consortium-thresholds-form"');
  const record = pairSection(regulator).locator(`[data-testid="rule-check"][data-business-date="${businessDate}"][data-bank="A"] [data-testid="rule-violation-record"]`).nth(1);
  const key = (await record.getAttribute('data-key'))!;
  const request = await actionForm(regulator, '/audit/reconciliation', `name="key" value="${key}"`);
  const counts = async () =>
    (
      await queryE2eDatabase<{ changes: string; requests: string }>(
        'SELECT (SELECT count(*) FROM reconciliation_rule_threshold_change) AS changes, (SELECT count(*) FROM reconciliation_disclosure_request) AS requests',
      )
    )[0];
  const before = await counts();

  // Lenders and the commission may not set thresholds or ask for a disclosure; the pages say so too.
  for (const account of ['lenderA', 'lenderB', 'arbitrator'] as const) {
    const page = await pageAs(browser, account);
    expect((await page.goto('/audit/reconciliation'))?.status()).toBe(403);
    await expectRefusal(await callAction(page, '/audit/reconciliation', thresholds.actionId, { ...thresholds.fields, minShareABp: '100' }), 403);
    await expectRefusal(await callAction(page, '/audit/reconciliation', request.actionId, { ...request.fields, reason: 'not a regulator' }), 403);
  }
  expect(await counts()).toEqual(before);

  // The regulator asks bank A for a second record; only bank A may answer it.
  await record.getByLabel('Reason for the request').fill(REASON);
  await record.getByRole('button', { name: 'Ask bank A to disclose' }).click();
  await expect(regulator.getByTestId('disclosure-requested')).toBeVisible();
  const bankA = await pageAs(browser, 'lenderA');
  await bankA.goto(`/lender/reconciliation/${pairId}`);
  const answer = await actionForm(bankA, `/lender/reconciliation/${pairId}`, 'name="requestId"');
  const bankB = await pageAs(browser, 'lenderB');
  await bankB.goto(`/lender/reconciliation/${pairId}`);
  await expectRefusal(await callAction(bankB, `/lender/reconciliation/${pairId}`, answer.actionId, { ...answer.fields, decision: 'disclose' }), 404);
  await expectRefusal(await callAction(regulator, `/lender/reconciliation/${pairId}`, answer.actionId, { ...answer.fields, decision: 'disclose' }), 403);
  const [pending] = await queryE2eDatabase<{ status: string }>('SELECT status::text FROM reconciliation_disclosure_request WHERE id = $1', [answer.fields.requestId]);
  expect(pending.status).toBe('requested');

  // Bank A declines it with its reason; the regulator sees the reason and no value.
  const pendingRequest = bankA.locator(`[data-testid="disclosure-request"][data-key="${key}"]`);
  await pendingRequest.getByLabel('Reason to decline').fill('已与合作行核对，无需披露。');
  await pendingRequest.getByRole('button', { name: 'Decline' }).click();
  await expect(bankA.getByTestId('disclosure-answered')).toContainText('declined');
  await regulator.reload();
  const declined = pairSection(regulator).locator(`[data-testid="oversight-disclosure"][data-key="${key}"]`);
  await expect(declined).toHaveAttribute('data-status', 'declined');
  await expect(declined).toContainText('已与合作行核对，无需披露。');
  await expect(declined.getByTestId('disclosed-values')).toHaveCount(0);
});
