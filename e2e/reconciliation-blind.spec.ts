// Blind mode in the lender portal (docs/reconciliation-format.md §14): a blind pair shows its mode;
// each bank uploads the blind side its systems made with the key the two banks agreed (keys and
// commitments only) through the same upload form; a blind side with upper-case hex is refused whole
// with its line; both banks see the same counts, the split-rounding differences as field mismatches;
// the openings a bank's system sends through the API, or its staff paste into the break's form, show
// on the break, with the rule they satisfy.
import { randomBytes, randomUUID } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_ORGANIZATIONS } from '../lib/demo/demo-consortium';
import { blindOpeningsFor, blindSideText, blindStatement } from '../lib/reconciliation/blind-statement';
import { currentBusinessDate } from '../lib/reconciliation/business-day-window';
import { matchKey } from '../lib/reconciliation/commit-row';
import { derivePairKeys } from '../lib/reconciliation/derive-pair-keys';
import { generateStatementRows } from '../lib/reconciliation/generate-statement-rows';
import { injectBreaks, type InjectedClass } from '../lib/reconciliation/inject-breaks';
import type { ReconciliationRow } from '../lib/reconciliation/row-format';
import { toHex } from '../lib/proof/hex';
import { signIn } from './accounts';
import { createOperatorApiKey, createReconciliationPairAsOperator } from './helpers';

test.describe.configure({ mode: 'serial' });

const lenderName = (key: 'lenderA' | 'lenderB') => DEMO_ORGANIZATIONS.find((o) => o.key === key)!.name;
const businessDate = currentBusinessDate(new Date());
const rows = generateStatementRows({ count: 120, seed: 5151, date: businessDate });
const day = injectBreaks({ rows, rate: 0.12, seed: 52 });
const count = (kinds: InjectedClass[]) => day.injected.filter((b) => kinds.includes(b.injected)).length;
/** The banks' own key: one bank made it and gave it to the other; Evident never receives it. */
const keys = derivePairKeys(new Uint8Array(randomBytes(32)));
const readRows = (bankRows: ReconciliationRow[]) => bankRows.map((row, i) => ({ row, line: i + 2 }));
const blindText = (bankRows: ReconciliationRow[]) => {
  const blinded = blindStatement({ keys, rows: readRows(bankRows) });
  if (!blinded.ok) throw new Error('refused');
  return blindSideText(blinded);
};
let pairId: string;
let pairName: string;

test.beforeAll(() => {
  pairName = `E2E 盲对账 ${randomUUID().slice(0, 8)}`;
  pairId = createReconciliationPairAsOperator({ lenderA: lenderName('lenderA'), lenderB: lenderName('lenderB'), name: pairName, mode: 'blind' });
});

async function openPair(browser: Browser, account: 'lenderA' | 'lenderB'): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await signIn(page, account);
  await page.goto(`/lender/reconciliation/${pairId}`);
  await expect(page.getByRole('heading', { level: 1, name: pairName })).toBeVisible();
  return page;
}

async function upload(page: Page, text: string): Promise<void> {
  await page.locator('input[name="businessDate"]').fill(businessDate);
  await page.locator('input[name="file"]').setInputFiles({ name: 'blind.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(text, 'utf8') });
  await page.getByRole('button', { name: /^(Upload|上传)$/ }).click();
}

test('the pair shows blind mode, and a blind side with upper-case hex is refused whole with its line', async ({ browser }) => {
  const page = await openPair(browser, 'lenderA');
  await expect(page.getByTestId('reconciliation-pair-mode')).toHaveAttribute('data-mode', 'blind');
  await expect(page.getByTestId('reconciliation-pair-mode')).toContainText('Evident never holds the pair key');
  const lines = blindText(day.a).split('\n');
  lines[4] = lines[4]!.replace(/"key":"0x([0-9a-f]{64})"/, (_m, hex: string) => `"key":"0x${hex.toUpperCase()}"`);
  await upload(page, lines.join('\n'));
  const status = page.getByTestId('statement-upload-status');
  await expect(status).toContainText('Refused (422)');
  await expect(status).toContainText('#5');
  await page.reload();
  await expect(page.getByTestId('reconciliation-day')).toHaveCount(0);
});

test('both banks upload their blind sides; the day shows the injected classes, split rounding as field mismatches', async ({ browser }) => {
  const a = await openPair(browser, 'lenderA');
  await upload(a, blindText(day.a));
  await expect(a.getByTestId('statement-upload-status')).toContainText(`Committed: ${day.a.length} rows`);
  const b = await openPair(browser, 'lenderB');
  await upload(b, blindText(day.b));
  await expect(b.getByTestId('statement-upload-status')).toContainText('Both sides are in');
  await b.getByRole('link', { name: businessDate }).click();
  await expect(b.getByTestId('count-onlyA')).toContainText(String(count(['only-a'])));
  await expect(b.getByTestId('count-onlyB')).toContainText(String(count(['only-b'])));
  await expect(b.getByTestId('count-fieldMismatch')).toContainText(String(count(['totalFen', 'ratioBp', 'status', 'accountingDate', 'valueDate', 'currency', 'split-rounding'])));
  await expect(b.getByTestId('count-matchedWithinTolerance')).toContainText('0');
});

test('the openings one bank’s system sends and the other’s staff paste show on the break to both banks, with the rule they satisfy', async ({ browser, request }) => {
  const split = day.injected.find((b) => b.injected === 'split-rounding')!;
  const key = matchKey(keys, split.row);
  const breaks = (await (
    await request.get(`/api/v1/reconciliation/pairs/${pairId}/days/${businessDate}/breaks?class=field-mismatch&limit=1000`, { headers: createOperatorApiKey(lenderName('lenderA'), 'lender', 'blind ledger A').headers })
  ).json()) as { items: { ordinal: number; key: string }[] };
  const ordinal = breaks.items.find((item) => item.key === toHex(key))!.ordinal;
  // Bank A's system sends its openings through the API.
  const { headers } = createOperatorApiKey(lenderName('lenderA'), 'lender', 'blind openings lenderA');
  const bodyA = blindOpeningsFor({ keys, rows: readRows(day.a), key, fields: ['shareAFen', 'shareBFen'] });
  const response = await request.post(`/api/v1/reconciliation/pairs/${pairId}/days/${businessDate}/breaks/${ordinal}/openings`, { headers, data: bodyA });
  expect(response.status()).toBe(200);

  // Bank B's staff paste what the blinding command wrote into the break's form: a value changed
  // after the fact is refused and nothing is stored; the command's own output is recorded.
  const bankB = await openPair(browser, 'lenderB');
  await bankB.getByRole('link', { name: businessDate }).click();
  await bankB.getByRole('link', { name: 'field mismatch' }).click();
  const bodyB = blindOpeningsFor({ keys, rows: readRows(day.b), key, fields: ['shareAFen', 'shareBFen'] })!;
  const sendOpenings = async (body: unknown) => {
    const row = bankB.getByTestId('reconciliation-break').filter({ has: bankB.locator(`td[title="${toHex(key)}"]`) });
    await row.getByText('Open fields').click();
    await expect(row.getByTestId('open-fields')).toContainText(`--open ${toHex(key)} --fields shareAFen,shareBFen`);
    await row.getByLabel('Openings (JSON)').fill(JSON.stringify(body, null, 2));
    await row.getByRole('button', { name: 'Send openings' }).click();
  };
  const altered = { ...bodyB, openings: bodyB.openings.map((o) => (o.field === 'shareAFen' ? { ...o, value: String(Number(o.value) + 1) } : o)) };
  await sendOpenings(altered);
  await expect(bankB.getByTestId('openings-refused')).toContainText("is not bank B's commitment");
  await expect(bankB.getByText('Bank B: shareAFen')).toHaveCount(0);
  await sendOpenings(bodyB);
  await expect(bankB.getByTestId('openings-recorded')).toContainText(`break ${ordinal}`);

  const page = await openPair(browser, 'lenderA');
  await page.getByRole('link', { name: businessDate }).click();
  await page.getByRole('link', { name: 'field mismatch' }).click();
  const opened = page.getByTestId('break-openings');
  await expect(opened).toHaveCount(1);
  const rowOf = (bankRows: ReconciliationRow[]) => bankRows.find((row) => toHex(matchKey(keys, row)) === toHex(key))!;
  await expect(opened).toContainText(`Bank A: shareAFen = ${rowOf(day.a).shareAFen}`);
  await expect(opened).toContainText(`Bank B: shareAFen = ${rowOf(day.b).shareAFen}`);
  await expect(opened).toContainText('within split-rounding');
});
