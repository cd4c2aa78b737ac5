// The README's screenshots (docs/screenshots/), written by the journeys that reach each page when
// CAPTURE_SCREENSHOTS=1 (e2e/portals-journey.spec.ts, e2e/batch-upload.spec.ts); otherwise nothing.
// Each page is taken at desktop width (name.png, 1280×800) and phone width (name-phone.png, 390×844).
import type { Page } from '@playwright/test';

const VIEWPORTS = [
  ['', { width: 1280, height: 800 }],
  ['-phone', { width: 390, height: 844 }],
] as const;

export async function captureScreenshots(page: Page, name: string): Promise<void> {
  if (!process.env.CAPTURE_SCREENSHOTS) return;
  const before = page.viewportSize();
  for (const [suffix, viewport] of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `docs/screenshots/${name}${suffix}.png`, fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}
