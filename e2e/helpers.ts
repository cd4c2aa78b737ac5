// Shared steps of the browser journeys.
import { expect, type Locator, type Page } from '@playwright/test';

export interface TestFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Uploads files on /upload and waits until each is anchored; returns their list items. */
export async function uploadAndWaitAnchored(page: Page, files: TestFile[]): Promise<Locator[]> {
  await page.goto('/upload');
  await page.getByLabel('选择文件 Choose files').setInputFiles(files);
  const items = files.map((f) => page.locator(`[data-testid="upload-item"][data-file-name="${f.name}"]`));
  for (const item of items) await expect(item.locator('[data-status="anchored"]')).toBeVisible({ timeout: 60_000 });
  return items;
}
