// A lender's system follows its evidence to the chain: lists it page by page, filters by status,
// reads one item until it is anchored and fetches its certificate, and reads the batch it is in.
// Another organization sees none of it.
import { expect, test } from '@playwright/test';
import { createOrganizationWithKey, listAll, record, waitForStatus } from './api-helpers';

test('list, page with the cursor, filter by status, follow one item to its certificate and batch', async ({ request }) => {
  const lender = createOrganizationWithKey('Reading Bank');
  const submitted = await request.post('/api/v1/evidence/records', { headers: lender.headers, data: [1, 2, 3, 4, 5].map((i) => record(i)) });
  expect(submitted.status()).toBe(201);
  const { items } = await submitted.json();
  const ids = items.map((i: { id: string }) => i.id);

  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const response = await request.get(`/api/v1/evidence?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { headers: lender.headers });
    expect(response.status()).toBe(200);
    const page = (await response.json()) as { items: Array<{ id: string }>; nextCursor: string | null };
    pages.push(page.items.map((i) => i.id));
    cursor = page.nextCursor;
  } while (cursor);
  expect(pages).toEqual([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);

  for (const id of ids) await waitForStatus(request, lender, id, 'anchored');
  expect((await listAll(request, lender, 'status=anchored')).map((i) => i.id)).toEqual(ids);
  expect(await listAll(request, lender, 'status=pending')).toEqual([]);
  expect(await listAll(request, lender, 'status=anchoring')).toEqual([]);
  expect(await listAll(request, lender, `since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);
  expect(await listAll(request, lender, `since=${encodeURIComponent(new Date(Date.now() - 600_000).toISOString())}`)).toHaveLength(5);

  const view = await (await request.get(`/api/v1/evidence/${ids[2]}`, { headers: lender.headers })).json();
  expect(view).toMatchObject({ status: 'anchored', certificateUrl: expect.stringMatching(new RegExp(`/api/v1/evidence/${ids[2]}/certificate$`)) });
  const certificate = await (await request.get(new URL(view.certificateUrl).pathname, { headers: lender.headers })).json();
  expect(certificate.evidence).toMatchObject({ id: ids[2], fileName: 'record-2.json', sha256: items[2].sha256 });

  const batchResponse = await request.get(`/api/v1/batches/${view.anchor.batchId}`, { headers: lender.headers });
  expect(batchResponse.status()).toBe(200);
  const batch = await batchResponse.json();
  expect(batch).toMatchObject({ id: view.anchor.batchId, status: 'final', root: view.anchor.root });
  expect(BigInt(batch.firstSequence)).toBeLessThanOrEqual(BigInt(items[2].sequence));
  expect(BigInt(batch.lastSequence)).toBeGreaterThanOrEqual(BigInt(items[2].sequence));
  expect(batch.anchor).toMatchObject({ txHash: view.anchor.txHash, blockNumber: view.anchor.blockNumber, chainId: view.anchor.chainId });

  const bystander = createOrganizationWithKey('Bystander Bank');
  expect((await request.get(`/api/v1/evidence/${ids[2]}`, { headers: bystander.headers })).status()).toBe(404);
  expect((await request.get(`/api/v1/batches/${view.anchor.batchId}`, { headers: bystander.headers })).status()).toBe(404);
  expect(await listAll(request, bystander)).toEqual([]);
});

test('bad list parameters and unknown ids are 4xx problems', async ({ request }) => {
  const lender = createOrganizationWithKey('Sloppy Bank');
  for (const query of ['limit=0', 'limit=1001', 'limit=ten', 'status=done', 'since=yesterday', 'cursor=not-a-cursor', 'colour=blue']) {
    const response = await request.get(`/api/v1/evidence?${query}`, { headers: lender.headers });
    expect(response.status(), query).toBe(400);
    expect(response.headers()['content-type']).toContain('application/problem+json');
    expect((await response.json()).detail).toContain(query.split('=')[0]);
  }
  for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
    expect((await request.get(`/api/v1/evidence/${id}`, { headers: lender.headers })).status()).toBe(404);
    expect((await request.get(`/api/v1/batches/${id}`, { headers: lender.headers })).status()).toBe(404);
  }
});
