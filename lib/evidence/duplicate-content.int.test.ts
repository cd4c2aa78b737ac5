// Uploading content the organization already notarized: the upload is stored (a notice, not a
// refusal) and its answer names the earliest item with the same SHA-256, of the same organization
// only. Real PostgreSQL.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { platformTestSetup } from '../testing/platform-test-setup';
import { uploadTestFile } from '../testing/upload-test-file';

const platform = platformTestSetup({ demoLenders: true });

const fields = (title: string) => ({ title, type: 'loan_contract', borrowerName: '张伟', borrowerIdNumber: '44010419900307451X' });

it('names the organization’s earliest item with the same content, and stores the upload all the same', async () => {
  const content = `duplicate ${randomUUID()}`;
  const first = await uploadTestFile(platform.services, platform.lenderA, fields('第一次'), { content });
  expect(first.duplicateOf).toBeNull();
  const second = await uploadTestFile(platform.services, platform.lenderA, fields('第二次'), { content, fileName: 'again.txt' });
  expect(second.id).not.toBe(first.id);
  expect(second.duplicateOf).toEqual({ id: first.id, title: '第一次', fileName: '借款合同扫描件.txt', submittedAt: first.submittedAt });
  const third = await uploadTestFile(platform.services, platform.lenderA, fields('第三次'), { content });
  expect(third.duplicateOf?.id).toBe(first.id);
  // Another organization's copy of the same bytes is none of lender B's business, nor theirs of A's.
  const elsewhere = await uploadTestFile(platform.services, platform.lenderB, fields('B 的'), { content });
  expect(elsewhere.duplicateOf).toBeNull();
  expect(await platform.services.prisma.evidence.count({ where: { id: { in: [first.id, second.id, third.id, elsewhere.id] } } })).toBe(4);
});
