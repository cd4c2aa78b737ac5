// A lender admin manages the organization's API keys on /lender/api-keys: creates one, sees its
// plaintext exactly once, the key works against the API, then revokes it with the button (after a
// confirmation dialog; cancelling it keeps the key) and the key is refused from then on. Both steps
// are audited under the admin's name.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { ACCOUNTS } from './accounts';
import { queryE2eDatabase } from './e2e-database';
import { openSignedIn } from './helpers';

test('a lender admin creates a key, sees it once, uses it, and revokes it', async ({ page, request }) => {
  await openSignedIn(page, 'lenderA', '/lender/api-keys');
  await expect(page).toHaveURL(/\/lender\/api-keys$/);

  const name = `loan system ${randomUUID().slice(0, 8)}`;
  await page.getByTestId('api-key-name').fill(name);
  await page.getByTestId('create-api-key').click();
  await expect(page.getByTestId('new-api-key-notice')).toBeVisible();
  const plaintext = (await page.getByTestId('new-api-key').textContent())!.trim();
  expect(plaintext).toMatch(/^evk_[a-z0-9]{8}_[A-Za-z0-9_-]{20,}$/);
  const prefix = plaintext.split('_')[1];
  const row = page.locator(`[data-testid="api-key-row"][data-prefix="${prefix}"]`);
  await expect(row).toContainText(name);
  await expect(row).not.toContainText(plaintext);

  // Shown once: after a reload the page has only the prefix, nowhere the secret.
  await page.reload();
  await expect(row).toBeVisible();
  await expect(page.getByTestId('new-api-key')).toHaveCount(0);
  expect(await page.content()).not.toContain(plaintext);

  const headers = { authorization: `Bearer ${plaintext}` };
  const listed = await request.get('/api/v1/evidence', { headers });
  expect(listed.status()).toBe(200);
  expect(await listed.json()).toMatchObject({ items: expect.any(Array) });

  // Revoking asks first, in a dialog that names the key; cancelling (Escape) leaves the key working.
  await row.getByTestId('revoke-api-key').click();
  const dialog = page.getByRole('dialog', { name: `Revoke the key “${name}”?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`evk_${prefix}_…`);
  await expect(dialog.getByTestId('confirm-dialog-confirm')).toHaveText('Revoke key');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(row.getByTestId('revoke-api-key')).toBeFocused();
  expect((await request.get('/api/v1/evidence', { headers })).status()).toBe(200);
  await row.getByTestId('revoke-api-key').click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row.getByTestId('api-key-revoked')).toHaveCount(0);

  await row.getByTestId('revoke-api-key').click();
  await dialog.getByTestId('confirm-dialog-confirm').click();
  await expect(row.getByTestId('api-key-revoked')).toBeVisible();
  await expect(row.getByTestId('revoke-api-key')).toHaveCount(0);

  const refused = await request.get('/api/v1/evidence', { headers });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).detail).toContain('revoked');

  const audit = await queryE2eDatabase<{ action: string; actor_label: string }>(
    `SELECT action, actor_label FROM audit_entry
      WHERE target_type = 'api_key' AND target_id = (SELECT id::text FROM api_key WHERE prefix = $1) ORDER BY sequence`,
    [prefix],
  );
  expect(audit).toEqual([
    { action: 'api_key.create', actor_label: ACCOUNTS.lenderA },
    { action: 'api_key.revoke', actor_label: ACCOUNTS.lenderA },
  ]);
});
