// Shared steps of the API specs: organizations and keys are made the way an operator makes them
// (scripts/create-api-key.ts against the e2e platform's database), then used over HTTP.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { expect, type APIRequestContext } from '@playwright/test';
import { E2E_DATA_DIR, E2E_PG_PORT } from '../playwright.config';

export interface ApiKey {
  organizationId: string;
  prefix: string;
  key: string;
  headers: { authorization: string };
}

const scriptEnv = () => ({ ...process.env, DATA_DIR: E2E_DATA_DIR, EMBEDDED_PG_PORT: E2E_PG_PORT });

/** A new organization (unique name) with one API key. */
export function createOrganizationWithKey(label: string): ApiKey {
  return createKeyFor(`${label} ${randomUUID().slice(0, 8)}`, `${label} system`);
}

/** A new API key named `name` for the lender organization of that name (made if it does not exist). */
export function createKeyFor(organization: string, name: string): ApiKey {
  const output = execFileSync('npx', ['tsx', 'scripts/create-api-key.ts', '--organization', organization, '--type', 'lender', '--name', name, '--json'], {
    env: scriptEnv(),
    encoding: 'utf8',
  });
  const created = JSON.parse(output.trim().split('\n').pop()!) as Omit<ApiKey, 'headers'>;
  return { ...created, headers: { authorization: `Bearer ${created.key}` } };
}

export function revokeApiKey(prefix: string): string {
  return execFileSync('npx', ['tsx', 'scripts/revoke-api-key.ts', prefix], { env: scriptEnv(), encoding: 'utf8' });
}

export const record = (i: number, type = 'repayment_record') => ({
  type,
  loanReference: `L-2026-${String(i).padStart(6, '0')}`,
  borrowerReference: `B-${i % 97}`,
  data: { loanId: `L-2026-${String(i).padStart(6, '0')}`, instalment: (i % 36) + 1, amount: '1520.00', currency: 'CNY', paidAt: '2026-03-01T09:30:00+08:00' },
});

/** Polls GET /api/v1/evidence/{id} with the key until the item has the status (BATCH_INTERVAL_MS is 1 s here). */
export async function waitForStatus(request: APIRequestContext, key: ApiKey, id: string, status: 'anchored' | 'anchoring') {
  let view: Record<string, unknown> = {};
  await expect
    .poll(
      async () => {
        const response = await request.get(`/api/v1/evidence/${id}`, { headers: key.headers });
        view = await response.json();
        return view.status;
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toBe(status);
  return view;
}

/** Every item of the key's organization, following nextCursor. */
export async function listAll(request: APIRequestContext, key: ApiKey, query = ''): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let cursor: string | null = null;
  do {
    const params: string = `limit=1000${query ? `&${query}` : ''}${cursor ? `&cursor=${cursor}` : ''}`;
    const response = await request.get(`/api/v1/evidence?${params}`, { headers: key.headers });
    expect(response.status()).toBe(200);
    const page = (await response.json()) as { items: Array<Record<string, unknown>>; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
