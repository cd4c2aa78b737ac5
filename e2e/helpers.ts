// Shared steps of the browser journeys.
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { DEMO_ORGANIZATIONS } from '../lib/demo/demo-consortium';
import { E2E_BASE_URL, E2E_DATA_DIR, E2E_PG_PORT } from '../playwright.config';
import { signIn, type AccountName } from './accounts';

type Cookies = Awaited<ReturnType<BrowserContext['cookies']>>;
const sessions = new Map<AccountName, Cookies>();

/** Opens `path` signed in as the account. The sign-in endpoint is rate-limited per address (10 a
 * minute), so a session is reused across the tests of this worker; only when it has ended (a test
 * signed out everywhere) does this sign in through the form again. */
export async function openSignedIn(page: Page, account: AccountName, path: string): Promise<void> {
  const cookies = sessions.get(account);
  if (cookies) {
    await page.context().addCookies(cookies);
    await page.goto(path);
    if (!new URL(page.url()).pathname.startsWith('/sign-in')) return;
  }
  await signIn(page, account, path);
  sessions.set(account, await page.context().cookies());
}

export interface TestFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** What the lender fills in for one file on /lender/upload. */
export interface EvidenceDescription {
  title?: string;
  type?: 'loan_contract' | 'repayment_record' | 'transaction_record' | 'notice' | 'other';
  loanReference?: string;
  borrowerName?: string;
  borrowerIdNumber?: string;
  borrowerPhone?: string;
  borrowerEmail?: string;
}

/** The demo borrower 张伟, named by ID number. */
export const ZHANG_WEI = { borrowerName: '张伟', borrowerIdNumber: '44010419900307451X' } as const;

/** Opens /lender/upload signed in and waits until React has hydrated the form, so that files set or
 * dropped next reach its handlers. */
export async function openUploadForm(page: Page, account: AccountName = 'lenderA'): Promise<void> {
  await openSignedIn(page, account, '/lender/upload');
  await expect(page).toHaveURL(/\/lender\/upload$/);
  await expect(page.getByTestId('upload-form')).toHaveAttribute('data-hydrated', 'true');
}

export function uploadItem(page: Page, file: TestFile): Locator {
  return page.locator(`[data-testid="upload-item"][data-file-name="${file.name}"]`);
}

/** Fills one file's fields on /lender/upload; fields left out keep what the form shows. */
export async function describeUpload(item: Locator, description: EvidenceDescription): Promise<void> {
  for (const [field, value] of Object.entries(description)) {
    if (value === undefined) continue;
    if (field === 'type') await item.locator('select[name="type"]').selectOption(value);
    else await item.locator(`input[name="${field}"]`).fill(value);
  }
}

/** Signs in as a lender (lender A unless told), uploads the files on /lender/upload with their
 * descriptions (a loan contract of 张伟 unless told) and waits until each is anchored; returns their
 * items, which then carry the certificate links. */
export async function uploadAndWaitAnchored(
  page: Page,
  files: TestFile[],
  { account = 'lenderA', describe = () => ({ type: 'loan_contract', ...ZHANG_WEI }) }: {
    account?: AccountName;
    describe?: (file: TestFile, index: number) => EvidenceDescription;
  } = {},
): Promise<Locator[]> {
  await openUploadForm(page, account);
  await page.getByTestId('file-input').setInputFiles(files);
  const items = files.map((file) => uploadItem(page, file));
  for (const [index, file] of files.entries()) await describeUpload(items[index], describe(file, index));
  await page.getByTestId('upload-all').click();
  for (const item of items) await expect(item.locator('[data-status="anchored"]')).toBeVisible({ timeout: 60_000 });
  return items;
}

/** Uploads one file as the signed-in lender of `page`, through the same endpoint as the upload form;
 * returns the evidence id. */
export async function uploadEvidenceViaApi(
  page: Page,
  { title, content, borrower, type = 'loan_contract' }: { title: string; content: Buffer; borrower: { name: string; idNumber: string }; type?: string },
): Promise<string> {
  const response = await page.request.post('/api/v1/evidence/files', {
    headers: { origin: E2E_BASE_URL },
    multipart: {
      sha256: '0x' + createHash('sha256').update(content).digest('hex'),
      title,
      type,
      loanReference: `L-2026-${randomUUID().slice(0, 6)}`,
      borrowerName: borrower.name,
      borrowerIdNumber: borrower.idNumber,
      file: { name: `${title}.txt`, mimeType: 'text/plain', buffer: content },
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** Polls GET /api/v1/evidence/{id} with the page's session until the item is anchored. */
export async function waitAnchoredViaApi(page: Page, id: string): Promise<void> {
  await expect
    .poll(async () => ((await (await page.request.get(`/api/v1/evidence/${id}`)).json()) as { status?: string }).status, {
      timeout: 60_000,
      intervals: [500],
    })
    .toBe('anchored');
}

/** A new API key of a demo lender (lender A or B), made as the operator makes keys: with
 * scripts/create-api-key.ts against the e2e platform's database. */
export function createDemoLenderApiKey(account: 'lenderA' | 'lenderB'): { prefix: string; key: string; headers: { authorization: string } } {
  return createOperatorApiKey(DEMO_ORGANIZATIONS.find((o) => o.key === account)!.name, 'lender', `${account} matrix system`);
}

/** A new API key of the named organization, made as the operator makes keys (scripts/create-api-key.ts,
 * which creates the organization, of `type`, the first time its name is used). */
export function createOperatorApiKey(
  organization: string,
  type: 'lender' | 'arbitration_commission',
  name: string,
): { organizationId: string; prefix: string; key: string; headers: { authorization: string } } {
  const output = execFileSync('npx', ['tsx', 'scripts/create-api-key.ts', '--organization', organization, '--type', type, '--name', name, '--json'], {
    env: { ...process.env, DATA_DIR: E2E_DATA_DIR, EMBEDDED_PG_PORT: E2E_PG_PORT },
    encoding: 'utf8',
  });
  const { organizationId, prefix, key } = JSON.parse(output.trim().split('\n').pop()!) as { organizationId: string; prefix: string; key: string };
  return { organizationId, prefix, key, headers: { authorization: `Bearer ${key}` } };
}

/** A co-lending pair made as the operator makes one (scripts/create-reconciliation-pair.ts), open or
 * blind, with a cut-off of 23:59 so that yesterday (Asia/Shanghai) can be uploaded all day; its id. */
export function createReconciliationPairAsOperator({ lenderA, lenderB, name, mode = 'open' }: { lenderA: string; lenderB: string; name?: string; mode?: 'open' | 'blind' }): string {
  const output = execFileSync(
    'npx',
    [
      'tsx', 'scripts/create-reconciliation-pair.ts', '--name', name ?? `E2E pair ${randomUUID().slice(0, 8)}`, '--lender-a', lenderA, '--lender-b', lenderB,
      '--mode', mode, '--cut-off', '23:59', '--first-date', '2026-01-01', '--split-rounding-fen', '1', '--json',
    ],
    { env: { ...process.env, DATA_DIR: E2E_DATA_DIR, EMBEDDED_PG_PORT: E2E_PG_PORT }, encoding: 'utf8' },
  );
  return (JSON.parse(output.trim().split('\n').pop()!) as { pairId: string }).pairId;
}

/** What a lender fills in on /lender/cases/new; the commission and borrower by their names as listed. */
export interface CaseFiling {
  commission: string;
  borrowerName: string;
  title: string;
  evidenceIds: string[];
}

/** Picks the borrower named `name` in the case form; the option also shows the borrower's masked
 * identifier (`张伟 Zhang Wei · 4401**********451X`), which tells two borrowers of one name apart. */
export async function selectBorrower(page: Page, name: string): Promise<void> {
  const select = page.locator('select[name="borrowerId"]');
  const option = select.locator('option').filter({ hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( · .*)?$`) }).first();
  await select.selectOption((await option.getAttribute('value'))!);
}

/** Opens /lender/cases/new on the lender's page and fills the form, without submitting it. */
export async function fillCaseForm(page: Page, { commission, borrowerName, title, evidenceIds }: CaseFiling): Promise<void> {
  await page.goto('/lender/cases/new');
  await page.locator('select[name="commissionOrganizationId"]').selectOption({ label: commission });
  await selectBorrower(page, borrowerName);
  await page.locator('input[name="title"]').fill(title);
  for (const id of evidenceIds) await page.locator(`input[name="evidenceIds"][value="${id}"]`).check();
}

/** Files a case through the form as the lender of `page`; returns the case id. */
export async function fileCaseViaForm(page: Page, filing: CaseFiling): Promise<string> {
  await fillCaseForm(page, filing);
  await page.locator('[data-testid="file-case-form"] button[type="submit"]').click();
  await expect(page).toHaveURL(/\/lender\/cases\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split('/').pop()!;
}

/** A server-action form as its page's HTML carries it for submitting without JavaScript: its hidden
 * fields, by name, and the action id among them. The form is the first on `path` (fetched with the
 * session of `page`) whose HTML contains `marker`. */
export async function actionForm(page: Page, path: string, marker: string): Promise<{ actionId: string; fields: Record<string, string> }> {
  const html = await (await page.request.get(path)).text();
  const form = html.split('<form').find((chunk) => chunk.includes(marker));
  expect(form, `no form with ${marker} on ${path}`).toBeDefined();
  const decode = (value: string) => value.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const fields: Record<string, string> = {};
  for (const input of form!.split('</form>')[0].matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)) {
    fields[decode(input[1])] = decode(input[2] ?? '');
  }
  // A bound action (useActionState's, or .bind()) names its id in $ACTION_<n>:0; a plain one in $ACTION_ID_<id>.
  const bound = Object.entries(fields).find(([name]) => /^\$ACTION_\d+:0$/.test(name));
  const actionId = bound ? (JSON.parse(bound[1]) as { id: string }).id : Object.keys(fields).find((name) => name.startsWith('$ACTION_ID_'))?.slice('$ACTION_ID_'.length);
  expect(actionId, `no action id in the form with ${marker} on ${path}`).toBeDefined();
  return { actionId: actionId!, fields };
}

/** A mainland resident ID number no other test uses (a real date of birth and the right check
 * digit), with its masked form as lists show it. Borrowers are shared across tests and runs, and a
 * fixed ID number would match whichever borrower an earlier test created with it. */
export function uniqueResidentId(): { idNumber: string; hint: string } {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const random = randomUUID().replace(/\D/g, '').padEnd(9, '7');
  const born = `19${random.slice(0, 2).padStart(2, '5')}0${1 + (Number(random[2]) % 9)}1${Number(random[3]) % 10}`;
  const body = `110105${born}${random.slice(4, 7)}`;
  const sum = weights.reduce((total, weight, i) => total + weight * Number(body[i]), 0);
  const idNumber = body + '10X98765432'[sum % 11]!;
  return { idNumber, hint: `${idNumber.slice(0, 4)}${'*'.repeat(10)}${idNumber.slice(-4)}` };
}
