// Batch upload (issue 16): lender A picks a folder of 20 files and a spreadsheet that describes each
// one; every file takes its row's title, type, loan reference and borrower (the shared fields fill
// what a row leaves blank), all 20 are uploaded and anchored, and each certificate signs what the row
// said. A spreadsheet with a bad row (a GBK CSV, as Chinese Excel saves it) is refused in the browser
// by row and column before anything is sent, and fits a phone's width. With CAPTURE_SCREENSHOTS=1 it writes the batch upload
// screenshots (desktop and phone) to docs/screenshots/.
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { LOCALE_COOKIE } from '../lib/i18n/locales';
import { encodeGbk } from '../lib/testing/encode-gbk';
import { SPREADSHEET_COLUMNS, SPREADSHEET_FIELDS } from '../lib/upload-spreadsheet/spreadsheet-columns';
import { writeXlsx } from '../lib/upload-spreadsheet/write-xlsx';
import { captureScreenshots } from './capture-screenshots';
import { openUploadForm, uniqueResidentId, ZHANG_WEI } from './helpers';

const ZH_HEADER = SPREADSHEET_FIELDS.map((field) => SPREADSHEET_COLUMNS[field].zh);
type EvidenceType = 'loan_contract' | 'repayment_record' | 'transaction_record' | 'notice' | 'other';
const TYPE_CELLS: Array<[string, EvidenceType]> = [
  ['借款合同', 'loan_contract'],
  ['Repayment record', 'repayment_record'],
  ['transaction_record', 'transaction_record'],
  ['催收/通知函', 'notice'],
];

const capture = captureScreenshots;
/** The demo borrower's name as on record: a borrower found by ID number keeps the recorded name. */
const ZHANG_WEI_ON_RECORD = '张伟 Zhang Wei';

test.use({ locale: 'zh-CN' });

test('a 20-file folder with an XLSX spreadsheet: every file takes its row, all 20 are anchored with what the row said', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const run = randomUUID().slice(0, 8);
  const folder = testInfo.outputPath(`loan-folder-${run}`);
  const newBorrower = { name: `王芳 ${run}`, ...uniqueResidentId() };
  const phoneBorrower = { name: `赵敏 ${run}`, phone: `+86 139 ${run.replace(/\D/g, '7').slice(0, 4)} ${String(Date.now()).slice(-4)}` };
  const expected = new Map<string, { title: string; type: EvidenceType; loanReference: string; borrower: string }>();
  const onRecord = new Map<string, string>();
  const rows: string[][] = [ZH_HEADER];
  for (let i = 1; i <= 20; i++) {
    const sub = i <= 10 ? '合同' : 'repayments';
    const relative = `${sub}/doc-${String(i).padStart(2, '0')}-${run}.txt`;
    await mkdir(path.join(folder, sub), { recursive: true });
    await writeFile(path.join(folder, relative), `batch ${run} document ${i}\n`);
    const [typeCell, type] = TYPE_CELLS[i % TYPE_CELLS.length];
    // Rows 19 and 20 leave the type blank: the shared field's (notice) applies.
    const sharedType = i >= 19;
    const loanReference = `L-${run}-${i <= 10 ? 'A' : 'B'}`;
    const title = `批量 ${i} 号 ${run}`;
    const borrowerCells =
      i % 3 === 0
        ? [newBorrower.name, newBorrower.idNumber, '']
        : i % 3 === 1
          ? [ZHANG_WEI.borrowerName, ZHANG_WEI.borrowerIdNumber, '']
          : [phoneBorrower.name, '', phoneBorrower.phone];
    // Half the rows name the file by its path in the folder, half by its name alone.
    const fileNameCell = i % 2 === 0 ? relative : path.basename(relative);
    rows.push([fileNameCell, title, sharedType ? '' : typeCell, loanReference, ...borrowerCells, '']);
    expected.set(path.basename(relative), { title, type: sharedType ? 'notice' : type, loanReference, borrower: borrowerCells[0] });
    onRecord.set(path.basename(relative), borrowerCells[0] === ZHANG_WEI.borrowerName ? ZHANG_WEI_ON_RECORD : borrowerCells[0]);
  }
  const sheetPath = testInfo.outputPath(`upload-list-${run}.xlsx`);
  await writeFile(sheetPath, writeXlsx(rows));

  await openUploadForm(page);
  await page.locator('#shared-type').selectOption('notice');
  await page.getByTestId('spreadsheet-input').setInputFiles(sheetPath);
  await page.getByTestId('folder-input').setInputFiles(folder);
  await expect(page.getByTestId('upload-item')).toHaveCount(20);
  await expect(page.getByTestId('spreadsheet-summary')).toContainText('20');
  await expect(page.getByTestId('spreadsheet-issues')).toHaveCount(0);
  await expect(page.getByTestId('files-without-row')).toHaveCount(0);
  await expect(page.getByTestId('rows-without-file')).toHaveCount(0);
  for (const [name, want] of expected) {
    const item = page.locator(`[data-testid="upload-item"][data-file-name="${name}"]`);
    await expect(item).toHaveAttribute('data-sheet-row', /^\d+$/);
    await expect(item.locator('input[name="title"]')).toHaveValue(want.title);
    await expect(item.locator('select[name="type"]')).toHaveValue(want.type);
    await expect(item.locator('input[name="loanReference"]')).toHaveValue(want.loanReference);
    await expect(item.locator('input[name="borrowerName"]')).toHaveValue(want.borrower);
  }
  await capture(page, 'lender-batch-upload');

  await page.getByTestId('upload-all').click();
  const items = page.getByTestId('upload-item');
  for (let i = 0; i < 20; i++) await expect(items.nth(i).locator('[data-status="anchored"]')).toBeVisible({ timeout: 120_000 });

  // Each certificate signs the title, type, loan reference and borrower the row gave (a known borrower
  // found by the row's ID number under the name on record).
  for (const [name, want] of expected) {
    const item = page.locator(`[data-testid="upload-item"][data-file-name="${name}"]`);
    const href = (await item.getByTestId('certificate-json-link').getAttribute('href')) as string;
    const certificate = (await (await page.request.get(href)).json()) as {
      subject: { title: string; evidenceType: string; loanReference: string; borrower: { name: string } };
    };
    expect(certificate.subject, name).toMatchObject({
      title: want.title,
      evidenceType: want.type,
      loanReference: want.loanReference,
      borrower: { name: onRecord.get(name) },
    });
  }
});

test('a GBK CSV with bad rows: each problem is shown by row and column, and nothing is sent until it is mended', async ({ page }, testInfo) => {
  const run = randomUUID().slice(0, 8);
  const files = ['a', 'b', 'c'].map((letter) => ({ name: `${letter}-${run}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`${letter} ${run}`) }));
  const csv = [
    ZH_HEADER,
    [files[0].name, '合同 A', '借款合同', 'L-1', ...Object.values(ZHANG_WEI), '', ''],
    // Row 3: the ID number's check digit is wrong; row 4: no such type; row 5: no such file.
    [files[1].name, '合同 B', '借款合同', 'L-1', '张伟', '440104199003074513', '', ''],
    [files[2].name, '合同 C', '借条', 'L-1', ...Object.values(ZHANG_WEI), '', ''],
    [`missing-${run}.txt`, '合同 D', '借款合同', 'L-1', ...Object.values(ZHANG_WEI), '', ''],
  ]
    .map((cells) => cells.join(','))
    .join('\r\n');
  const sheetPath = testInfo.outputPath(`gbk-${run}.csv`);
  await writeFile(sheetPath, encodeGbk(csv));

  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/v1/evidence/files') || request.url().includes('/api/v1/uploads')) sent.push(request.url());
  });
  await openUploadForm(page);
  await page.getByTestId('file-input').setInputFiles(files);
  await page.getByTestId('spreadsheet-input').setInputFiles(sheetPath);

  const issues = page.getByTestId('spreadsheet-issue');
  await expect(issues).toHaveCount(2);
  await expect(issues.nth(0)).toHaveAttribute('data-row', '3');
  await expect(issues.nth(0)).toContainText(/第 3 行，借款人身份证号：|Row 3, 借款人身份证号: /);
  await expect(issues.nth(1)).toHaveAttribute('data-row', '4');
  await expect(issues.nth(1)).toContainText('借条');
  await expect(page.getByTestId('rows-without-file')).toContainText(`missing-${run}.txt`);
  await expect(page.getByTestId('files-without-row')).toContainText(files[1].name);
  // Row 2 was read (GBK decoded) and applied.
  await expect(page.locator(`[data-testid="upload-item"][data-file-name="${files[0].name}"] input[name="title"]`)).toHaveValue('合同 A');

  await page.getByTestId('upload-all').click();
  await expect(page.getByTestId('spreadsheet-panel').getByRole('alert')).toBeVisible();
  await expect(page.locator('[data-testid="upload-item"] [data-status]')).toHaveCount(0);
  expect(sent).toEqual([]);
  await capture(page, 'lender-batch-upload-errors');
  // On a phone the form, the spreadsheet's problems and the files fit the screen: no sideways scrolling.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 800 });

  // The same spreadsheet in English: the problems are listed in English with the same row numbers.
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: 'en', url: new URL(page.url()).origin }]);
  await page.reload();
  await expect(page.getByTestId('upload-form')).toHaveAttribute('data-hydrated', 'true');
  await page.getByTestId('file-input').setInputFiles(files);
  await page.getByTestId('spreadsheet-input').setInputFiles(sheetPath);
  await expect(page.getByTestId('spreadsheet-issue').first()).toContainText('Row 3, 借款人身份证号: ');
});
