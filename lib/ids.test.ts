import { describe, expect, it } from 'vitest';
import { isUuid } from './ids';

describe('isUuid', () => {
  it('takes a UUID string, in either case', () => {
    expect(isUuid('0b7c5f8e-3f7a-4c1e-9d2b-6a1f0e9c4d21')).toBe(true);
    expect(isUuid('0B7C5F8E-3F7A-4C1E-9D2B-6A1F0E9C4D21')).toBe(true);
  });

  it('refuses anything else a server action’s caller may send, an array of one UUID among them', () => {
    for (const value of ['', 'not-a-uuid', '0b7c5f8e-3f7a-4c1e-9d2b-6a1f0e9c4d21x', ['0b7c5f8e-3f7a-4c1e-9d2b-6a1f0e9c4d21'], { id: 1 }, 42, null, undefined]) {
      expect(isUuid(value), JSON.stringify(value)).toBe(false);
    }
  });
});
