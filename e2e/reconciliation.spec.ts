// Co-lender reconciliation in the lender portal (issue #17): the two banks of a pair each upload
// their statement for a business date through the page, Evident commits both sides and drafts the
// statement, and both banks see the same counts and the breaks by class, then sign it off with their
// own key files (one disputing); the regulator sees the day and its sign-offs. A file with a bad row
// is refused whole with its line, and a bank outside the pair learns nothing of it.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_ORGANIZATIONS, demoSignOffKeyFile, DEMO_SIGN_OFF_KEY_PASSWORD } from '../lib/demo/demo-consortium';
import { E2E_DATA_DIR } from '../playwright.config';
import { currentBusinessDate } from '../lib/reconciliation/business-day-window';
import { generateStatementRows, rowsToCsv } from '../lib/reconciliation/generate-statement-rows';
import { injectBreaks, type InjectedClass } from '../lib/reconciliation/inject-breaks';
import { verifyStatement } from '../lib/reconciliation/reconciliation-statement';
import { verifySideReceipt } from '../lib/reconciliation/side-receipt';
import { signIn } from './accounts';
import { createOperatorApiKey, createReconciliationPairAsOperator } from './helpers';

test.describe.configure({ mode: 'serial' });

const lenderName = (key: 'lenderA' | 'lenderB') => DEMO_ORGANIZATIONS.find((o) => o.key === key)!.name;
/** The business date a bank sends today (the pair's cut-off is 23:59 the day after). */
const businessDate = currentBusinessDate(new Date());
const rows = generateStatementRows({ count: 180, seed: 4242, date: businessDate });
const day = injectBreaks({ rows, rate: 0.1, seed: 99 });
const expected = (kinds: InjectedClass[]) => day.injected.filter((b) => kinds.includes(b.injected)).length;
const FIELD_KINDS: InjectedClass[] = ['totalFen', 'ratioBp', 'status', 'accountingDate', 'valueDate', 'currency'];
let pairId: string;
let pairName: string;

test.beforeAll(() => {
  // A pair of its own (a day is uploaded once per pair), made as the operator makes pairs.
  pairName = `E2E 联合贷款 ${randomUUID().slice(0, 8)}`;
  pairId = createReconciliationPairAsOperator({ lenderA: lenderName('lenderA'), lenderB: lenderName('lenderB'), name: pairName });
});

async function openPair(browser: Browser, account: 'lenderA' | 'lenderB'): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await signIn(page, account);
  await page.getByRole('link', { name: /Reconciliation|机构间对账/ }).first().click();
  await page.getByRole('link', { name: pairName }).click();
  await expect(page.getByRole('heading', { level: 1, name: pairName })).toBeVisible();
  return page;
}

async function upload(page: Page, name: string, csv: string): Promise<void> {
  await page.locator('input[name="businessDate"]').fill(businessDate);
  await page.locator('input[name="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.getByRole('button', { name: /^(Upload|上传)$/ }).click();
}

test('a file with a bad row is refused whole, with its line and field, and nothing is stored', async ({ browser }) => {
  const page = await openPair(browser, 'lenderA');
  const lines = rowsToCsv(day.a).split('\n');
  // Line 6 of the file: bank A's share no longer adds up with B's to the total.
  lines[5] = lines[5]!.replace(/,(\d+),(\d+),(\d+),/, (_, total: string, a: string, b: string) => `,${total},${Number(a) + 7},${b},`);
  await upload(page, 'bank-a-bad.csv', lines.join('\n'));
  const status = page.getByTestId('statement-upload-status');
  await expect(status).toContainText('Refused (422)');
  await expect(status).toContainText('#6');
  await page.reload();
  await expect(page.getByTestId('reconciliation-day')).toHaveCount(0);
});

test('both banks upload the day; each sees the same signed statement and every break by class', async ({ browser }) => {
  const a = await openPair(browser, 'lenderA');
  await upload(a, 'bank-a.csv', rowsToCsv(day.a));
  await expect(a.getByTestId('statement-upload-status')).toContainText(`Committed: ${day.a.length} rows`);
  await expect(a.getByTestId('reconciliation-day').filter({ hasText: businessDate })).toContainText('waiting for both sides');

  const b = await openPair(browser, 'lenderB');
  await upload(b, 'bank-b.csv', rowsToCsv(day.b));
  await expect(b.getByTestId('statement-upload-status')).toContainText('Both sides are in');

  const statementHashes: string[] = [];
  for (const page of [a, b]) {
    await page.reload();
    await page.getByRole('link', { name: businessDate }).click();
    await expect(page.getByTestId('reconciliation-side-A').getByTestId('side-row-count')).toHaveText(String(day.a.length));
    await expect(page.getByTestId('reconciliation-side-B').getByTestId('side-row-count')).toHaveText(String(day.b.length));
    await expect(page.getByTestId('count-onlyA')).toContainText(String(expected(['only-a'])));
    await expect(page.getByTestId('count-onlyB')).toContainText(String(expected(['only-b'])));
    await expect(page.getByTestId('count-fieldMismatch')).toContainText(String(expected(FIELD_KINDS)));
    await expect(page.getByTestId('count-matchedWithinTolerance')).toContainText(String(expected(['split-rounding'])));
    statementHashes.push((await page.getByTestId('reconciliation-statement').locator('dd').first().textContent())!);

    // The class filter shows that class only, with the fields that differ named.
    await page.getByRole('link', { name: 'field mismatch' }).click();
    const mismatches = page.getByTestId('reconciliation-break');
    await expect(mismatches).toHaveCount(expected(FIELD_KINDS));
    for (const cls of await mismatches.evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.class))) expect(cls).toBe('field-mismatch');
    await expect(mismatches.first()).toContainText(/totalFen|ratioBp|status|accountingDate|valueDate|currency|shareAFen/);
    await page.getByRole('link', { name: 'within tolerance' }).click();
    await expect(page.getByTestId('reconciliation-break').first()).toContainText('split-rounding');
  }
  expect(statementHashes[0]).toMatch(/^0x[0-9a-f]{64}$/);
  expect(statementHashes[1]).toBe(statementHashes[0]);

  // The files a bank keeps: the signed statement, with the break list it names, and a receipt verify
  // on their own, without Evident.
  const keeper = await openDay(browser, 'lenderB');
  const file = async (testId: string) => {
    const [download] = await Promise.all([keeper.waitForEvent('download'), keeper.getByTestId(testId).click()]);
    return readFile(await download.path(), 'utf8');
  };
  const statement = verifyStatement(await file('download-statement'), { breaks: JSON.parse(await file('download-breaks')) });
  expect(statement).toMatchObject({ ok: true, sha256: statementHashes[0] });
  expect(verifySideReceipt(await file('download-receipt-a'))).toMatchObject({ ok: true, receipt: { bank: 'A', side: { rowCount: day.a.length } } });

  // A second file for the same day is refused, never merged.
  const again = await openPair(browser, 'lenderA');
  await upload(again, 'bank-a-again.csv', rowsToCsv(day.a));
  await expect(again.getByTestId('statement-upload-status')).toContainText('Refused (409)');
});

const OBJECTIONS = 'Row 3 is a repayment we booked the next day. 第 3 行为次日入账的还款。';

async function openDay(browser: Browser, account: 'lenderA' | 'lenderB'): Promise<Page> {
  const page = await openPair(browser, account);
  await page.getByRole('link', { name: businessDate }).click();
  await expect(page.getByTestId('statement-status')).toBeVisible();
  return page;
}

test('both banks sign the day off with their own key files; Evident countersigns', async ({ browser }) => {
  const b = await openDay(browser, 'lenderB');
  const form = b.getByTestId('statement-sign-off-form');
  // Bank B picks bank A's key file by mistake: nothing is signed, and the page says whose key it is.
  await form.getByLabel('Dispute').check();
  await form.getByLabel('Objections').fill(OBJECTIONS);
  await form.locator('input[name="keyFile"]').setInputFiles(demoSignOffKeyFile(E2E_DATA_DIR, 'A'));
  await form.getByLabel('Password').fill(DEMO_SIGN_OFF_KEY_PASSWORD);
  await form.getByRole('button', { name: 'Sign: disputed' }).click();
  await expect(b.getByTestId('statement-sign-off-status')).toContainText("not your bank's registered sign-off key");
  // With its own key file it signs: disputed, with its objections.
  await form.locator('input[name="keyFile"]').setInputFiles(demoSignOffKeyFile(E2E_DATA_DIR, 'B'));
  await form.getByRole('button', { name: 'Sign: disputed' }).click();
  await expect(b.locator('[data-testid="statement-sign-off"][data-party="B"]')).toHaveAttribute('data-decision', 'disputed');
  await expect(b.locator('[data-testid="statement-sign-off"][data-party="B"]')).toContainText(OBJECTIONS);
  await expect(b.getByTestId('statement-status')).toHaveAttribute('data-status', 'draft');
  await expect(b.getByTestId('statement-sign-off-form')).toHaveCount(0);

  const a = await openDay(browser, 'lenderA');
  await expect(a.locator('[data-testid="statement-sign-off"][data-party="B"]')).toContainText(OBJECTIONS);
  const formA = a.getByTestId('statement-sign-off-form');
  await formA.locator('input[name="keyFile"]').setInputFiles(demoSignOffKeyFile(E2E_DATA_DIR, 'A'));
  await formA.getByLabel('Password').fill(DEMO_SIGN_OFF_KEY_PASSWORD);
  await formA.getByRole('button', { name: 'Sign: agreed' }).click();
  await expect(a.getByTestId('statement-status')).toHaveAttribute('data-status', 'disputed');
  await expect(a.locator('[data-testid="statement-sign-off"][data-party="A"]')).toHaveAttribute('data-decision', 'agreed');
  await expect(a.locator('[data-testid="statement-sign-off"][data-party="evident"]')).toHaveAttribute('data-decision', 'agreed');
  // The day on chain: both sides, then the statement with both banks' sign-offs, three transactions.
  await expect(async () => {
    await a.reload();
    for (const kind of ['side-a', 'side-b', 'statement']) {
      await expect(a.locator(`[data-testid="reconciliation-anchor-tx"][data-kind="${kind}"]`)).toHaveAttribute('data-status', 'included', { timeout: 1_000 });
    }
  }).toPass({ timeout: 60_000 });
  await expect(a.getByTestId('reconciliation-anchor-tx')).toHaveCount(3);
});

test('the regulator sees the day, its match rate and breaks by class, and no loan data', async ({ browser }) => {
  const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await signIn(page, 'regulator');
  await page.goto('/audit');
  await page.getByTestId('reconciliation-oversight-link').click();
  const dayRow = page.locator(`[data-testid="oversight-pair"][data-pair-name="${pairName}"] [data-testid="oversight-day"][data-business-date="${businessDate}"]`);
  await expect(dayRow).toBeVisible();
  await expect(dayRow.getByTestId('oversight-breaks')).toHaveText(
    `${expected(['only-a'])} / ${expected(['only-b'])} / ${expected(FIELD_KINDS)} / ${expected(['split-rounding'])}`,
  );
  const keys = day.a.length + expected(['only-b']);
  const matched = keys - expected(['only-a', 'only-b', ...FIELD_KINDS]);
  await expect(dayRow.getByTestId('oversight-match-rate')).toHaveText(new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 2 }).format(matched / keys));
  await expect(dayRow.getByTestId('oversight-sign-off')).toContainText('disputed');
  await expect(dayRow.getByTestId('oversight-sign-off')).toContainText(/A: agreed, [\d.]+ h after drafting/);
  const text = await page.locator('main').textContent();
  for (const row of day.a.slice(0, 20)) expect(text).not.toContain(row.loanNumber);
  // The regulator sees decisions and delays, not the banks' objections.
  expect(text).not.toContain(OBJECTIONS);
});

test('a bank outside the pair gets 404 for its days, and the arbitrator has no reconciliation portal', async ({ browser, request }) => {
  const outsider = createOperatorApiKey(`E2E outsider bank ${randomUUID().slice(0, 6)}`, 'lender', 'outsider system');
  for (const path of [`/api/v1/reconciliation/pairs/${pairId}/days`, `/api/v1/reconciliation/pairs/${pairId}/days/${businessDate}`]) {
    expect((await request.get(path, { headers: outsider.headers })).status()).toBe(404);
  }
  const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await signIn(page, 'arbitrator');
  const response = await page.goto(`/lender/reconciliation/${pairId}`);
  expect(response?.status()).toBe(403);
});
