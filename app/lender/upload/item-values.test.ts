import { describe, expect, it } from 'vitest';
import { defaultItemValues, EMPTY_SHARED, refreshItemValues } from './item-values';

const SHARED = { ...EMPTY_SHARED, type: 'loan_contract', loanReference: 'L-1', borrowerName: '张伟', borrowerIdNumber: '44010419900307451X' } as const;

describe('an added file’s fields', () => {
  it('come from its row, else the shared fields, else the file name', () => {
    expect(defaultItemValues('合同.pdf', SHARED, undefined)).toEqual({ ...SHARED, title: '合同' });
    expect(defaultItemValues('合同.pdf', SHARED, { title: '借款合同', type: 'notice' })).toEqual({ ...SHARED, title: '借款合同', type: 'notice' });
  });

  it('take the borrower whole from a row that names one: never a row’s name with the shared ID number', () => {
    expect(defaultItemValues('a.pdf', SHARED, { borrowerName: '李娜', borrowerPhone: '+8613800000001' })).toMatchObject({
      borrowerName: '李娜',
      borrowerIdNumber: '',
      borrowerPhone: '+8613800000001',
      borrowerEmail: '',
      loanReference: 'L-1',
    });
  });

  it('follow the row and the shared fields except where the lender typed', () => {
    const current = defaultItemValues('a.pdf', SHARED, undefined);
    const typed = { ...current, title: '我的标题' };
    const next = refreshItemValues(typed, { title: true }, defaultItemValues('a.pdf', { ...SHARED, loanReference: 'L-2' }, { title: '行标题' }));
    expect(next).toMatchObject({ title: '我的标题', loanReference: 'L-2' });
    expect(refreshItemValues(current, {}, current)).toBe(current);
  });
});
