// The API's front door: a missing, unknown or revoked key is a 401 with WWW-Authenticate, a key
// over its rate limit a 429 with Retry-After, and the API describes itself (OpenAPI 3.1, /api-docs).
import { expect, test, type APIResponse } from '@playwright/test';
import { E2E_API_RATE_LIMIT_PER_MINUTE } from '../playwright.config';
import { createOrganizationWithKey, record, revokeApiKey } from './api-helpers';

test('missing, malformed, unknown and revoked keys get 401 with WWW-Authenticate: Bearer', async ({ request }) => {
  const unknown = `evk_abcdefgh_${'A'.repeat(43)}`;
  const attempts: Array<{ headers?: Record<string, string> }> = [
    {},
    { headers: { authorization: 'Basic dXNlcjpwYXNz' } },
    { headers: { authorization: 'Bearer not-a-key' } },
    { headers: { authorization: `Bearer ${unknown}` } },
  ];
  for (const attempt of attempts) {
    for (const call of [
      () => request.get('/api/v1/evidence', attempt),
      () => request.post('/api/v1/evidence/records', { ...attempt, data: [record(1)] }),
      () => request.post('/api/v1/evidence/hashes', { ...attempt, data: [{ sha256: '0x' + '00'.repeat(32) }] }),
      () => request.get('/api/v1/batches/00000000-0000-4000-8000-000000000000', attempt),
    ]) {
      const response = await call();
      expect(response.status()).toBe(401);
      expect(response.headers()['www-authenticate']).toMatch(/^Bearer/);
      expect(response.headers()['content-type']).toContain('application/problem+json');
    }
  }
  // An Authorization header with a bad key is refused even where a key is optional.
  expect((await request.get('/api/v1/evidence/00000000-0000-4000-8000-000000000000', attempts[3])).status()).toBe(401);

  const lender = createOrganizationWithKey('Revoking Bank');
  expect((await request.get('/api/v1/evidence', { headers: lender.headers })).status()).toBe(200);
  expect(revokeApiKey(lender.prefix)).toContain(`revoked API key ${lender.prefix}`);
  const revoked = await request.get('/api/v1/evidence', { headers: lender.headers });
  expect(revoked.status()).toBe(401);
  expect((await revoked.json()).detail).toContain('revoked');
});

test('a key over its rate limit gets 429 with Retry-After; other keys are unaffected', async ({ request }) => {
  const busy = createOrganizationWithKey('Busy Bank');
  const calm = createOrganizationWithKey('Calm Bank');
  // Cheap requests (a malformed id is a 404 without a query) until the bucket is empty.
  let limited: APIResponse | undefined;
  for (let sent = 0; sent < E2E_API_RATE_LIMIT_PER_MINUTE * 2 && !limited; sent += 25) {
    const responses = await Promise.all(Array.from({ length: 25 }, () => request.get('/api/v1/evidence/x', { headers: busy.headers })));
    limited = responses.find((r) => r.status() === 429);
    for (const response of responses) expect([404, 429]).toContain(response.status());
  }
  expect(limited, `no 429 within ${E2E_API_RATE_LIMIT_PER_MINUTE * 2} requests`).toBeDefined();
  expect(Number(limited!.headers()['retry-after'])).toBeGreaterThanOrEqual(1);
  expect((await limited!.json()).code).toBe('rate-limited');
  expect((await request.get('/api/v1/evidence/x', { headers: calm.headers })).status()).toBe(404);
});

test('the API describes itself: OpenAPI 3.1 at /api/v1/openapi.json and a readable /api-docs', async ({ request, page }) => {
  const spec = await (await request.get('/api/v1/openapi.json')).json();
  expect(spec.openapi).toBe('3.1.0');
  expect(spec.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
  for (const path of ['/api/v1/evidence/records', '/api/v1/evidence/hashes', '/api/v1/evidence/files', '/api/v1/evidence', '/api/v1/evidence/{id}', '/api/v1/batches/{id}']) {
    expect(Object.keys(spec.paths)).toContain(path);
  }
  await page.goto('/api-docs');
  await expect(page.getByRole('heading', { name: /^Evident (API|接口)$/ })).toBeVisible();
  await expect(page.getByTestId('api-operation')).toHaveCount(Object.values(spec.paths).flatMap((p) => Object.keys(p as object)).length);
  await expect(page.locator('#post-api-v1-evidence-records')).toContainText('Idempotency-Key');
  await expect(page.locator('#post-api-v1-evidence-records pre').first()).toContainText('repayment_record');
});
