import { describe, expect, it } from 'vitest';
import { evidenceSearchSchema, fileFieldsSchema } from './evidence-schemas';

describe('the lender portal search query', () => {
  it('keeps valid filters and trims text', () => {
    expect(
      evidenceSearchSchema.parse({ q: ' 合同 ', status: 'anchored', type: 'notice', borrower: '张伟', from: '2026-01-01', to: '2026-01-31', page: '3' }),
    ).toEqual({ q: '合同', status: 'anchored', type: 'notice', borrower: '张伟', from: '2026-01-01', to: '2026-01-31', page: 3, loanReference: undefined });
  });

  it('drops what does not parse instead of refusing the page, and empty inputs mean no filter', () => {
    expect(evidenceSearchSchema.parse({ q: '', status: 'lost', type: 'contract', from: '01/02/2026', page: '-1', extra: 'x' })).toEqual({
      q: undefined,
      status: undefined,
      type: undefined,
      loanReference: undefined,
      borrower: undefined,
      from: undefined,
      to: undefined,
      page: 1,
    });
    expect(evidenceSearchSchema.parse({}).page).toBe(1);
  });
});

describe('the upload form fields', () => {
  it('describes every field the portal sends, for the OpenAPI document', () => {
    expect(Object.keys(fileFieldsSchema.shape).sort()).toEqual(
      ['borrowerEmail', 'borrowerIdNumber', 'borrowerName', 'borrowerPhone', 'borrowerReference', 'confirmSameNameBorrower', 'loanReference', 'sha256', 'source', 'title', 'type'],
    );
    expect(fileFieldsSchema.safeParse({ title: 'x'.repeat(201) }).success).toBe(false);
    expect(fileFieldsSchema.parse({ title: '  借款合同  ' }).title).toBe('借款合同');
  });
});
