// Shared steps of the browser journeys.
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { DEMO_ORGANIZATIONS } from '../lib/platform/demo-consortium';
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
export const ZHANG_WEI = { borrowerName: '张伟', borrowerIdNumber: '440104199003074512' } as const;

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
  const organization = DEMO_ORGANIZATIONS.find((o) => o.key === account)!.name;
  const output = execFileSync('npx', ['tsx', 'scripts/create-api-key.ts', '--organization', organization, '--name', `${account} matrix system`, '--json'], {
    env: { ...process.env, DATA_DIR: E2E_DATA_DIR, EMBEDDED_PG_PORT: E2E_PG_PORT },
    encoding: 'utf8',
  });
  const { prefix, key } = JSON.parse(output.trim().split('\n').pop()!) as { prefix: string; key: string };
  return { prefix, key, headers: { authorization: `Bearer ${key}` } };
}
