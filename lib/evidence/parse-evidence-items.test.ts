import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseHashItem, parseRecordItem } from './parse-evidence-items';

const DIGEST = '0x' + 'ab'.repeat(32);

describe('parseRecordItem', () => {
  it('canonicalises and hashes the data, and names the row record-<index>.json', () => {
    const parsed = parseRecordItem({ type: 'repayment_record', loanReference: 'L-1', data: { b: 1, a: '2' } }, 7);
    expect(parsed.errors).toBeUndefined();
    expect(parsed.row).toMatchObject({
      fileName: 'record-7.json',
      mediaType: 'application/json',
      storageKey: null,
      evidenceType: 'repayment_record',
      loanReference: 'L-1',
      borrowerReference: null,
      canonicalRecord: '{"a":"2","b":1}',
      size: 15,
    });
    expect(Buffer.from(parsed.row!.sha256).toString('hex')).toBe(createHash('sha256').update('{"a":"2","b":1}').digest('hex'));
  });

  it.each([
    [{ data: {} }, 'type', 'is missing'],
    [{ type: 'invoice', data: {} }, 'type', 'expected one of loan_contract, repayment_record, transaction_record, notice, other'],
    [{ type: 'notice' }, 'data', 'is missing'],
    [{ type: 'notice', data: [1, 2] }, 'data', 'expected a JSON object'],
    [{ type: 'notice', data: 'text' }, 'data', 'expected a JSON object'],
    [{ type: 'notice', data: {}, loanReference: 42 }, 'loanReference', 'expected a string'],
    [{ type: 'notice', data: {}, loanReference: '' }, 'loanReference', 'expected a non-empty string'],
    [{ type: 'notice', data: {}, borrowerReference: 'x'.repeat(201) }, 'borrowerReference', 'expected at most 200 characters'],
    [{ type: 'notice', data: {}, loan_reference: 'L-1' }, 'loan_reference', 'is not a known field'],
    [{ type: 'notice', data: { s: '\ud800' } }, 'data', 'has no RFC 8785 canonical form: Lone surrogate is not allowed'],
  ])('reports %j as an error of field %s', (value, field, message) => {
    expect(parseRecordItem(value, 3)).toEqual({ errors: [{ index: 3, field, message }] });
  });

  it.each([null, 'record', 12, [{ type: 'notice', data: {} }]])('reports the item %j as a whole when it is not an object', (value) => {
    expect(parseRecordItem(value, 0)).toEqual({ errors: [{ index: 0, field: null, message: 'expected an object' }] });
  });

  it('reports every error of one item', () => {
    const parsed = parseRecordItem({ type: 'x', data: 1, extra: true }, 5);
    expect(parsed.errors?.map((e) => e.field).sort()).toEqual(['data', 'extra', 'type']);
  });
});

describe('parseHashItem', () => {
  it('keeps the digest and applies defaults', () => {
    const parsed = parseHashItem({ sha256: DIGEST.toUpperCase().replace('0X', '0x') }, 2);
    expect(parsed.row).toMatchObject({ fileName: 'hash-2', mediaType: 'application/octet-stream', size: 0, evidenceType: null });
    expect(Buffer.from(parsed.row!.sha256).toString('hex')).toBe('ab'.repeat(32));
  });

  it('takes the optional description', () => {
    const parsed = parseHashItem(
      { sha256: DIGEST, fileName: 'contract.pdf', mediaType: 'application/pdf', size: 1234, type: 'loan_contract', borrowerReference: 'B-9' },
      0,
    );
    expect(parsed.row).toMatchObject({ fileName: 'contract.pdf', mediaType: 'application/pdf', size: 1234, evidenceType: 'loan_contract', borrowerReference: 'B-9' });
  });

  it.each([
    [{}, 'sha256', 'is missing'],
    [{ sha256: 'ab'.repeat(32) }, 'sha256', 'expected a 0x-prefixed 64-digit hex SHA-256'],
    [{ sha256: '0x' + 'zz'.repeat(32) }, 'sha256', 'expected a 0x-prefixed 64-digit hex SHA-256'],
    [{ sha256: '0x' + 'ab'.repeat(31) }, 'sha256', 'expected a 0x-prefixed 64-digit hex SHA-256'],
    [{ sha256: DIGEST, size: -1 }, 'size', 'expected a non-negative integer'],
    [{ sha256: DIGEST, size: 1.5 }, 'size', 'expected a non-negative integer'],
    [{ sha256: DIGEST, mediaType: 'pdf' }, 'mediaType', 'expected a media type like application/pdf'],
    [{ sha256: DIGEST, type: 'contract' }, 'type', 'expected one of loan_contract, repayment_record, transaction_record, notice, other'],
  ])('reports %j as an error of field %s', (value, field, message) => {
    expect(parseHashItem(value, 9)).toEqual({ errors: [{ index: 9, field, message }] });
  });
});
