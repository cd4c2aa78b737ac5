import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './portal-home';

describe('safeReturnPath', () => {
  it('keeps paths on this site', () => {
    expect(safeReturnPath('/lender/evidence/1?x=1')).toBe('/lender/evidence/1?x=1');
  });
  it('refuses anything that could leave the site', () => {
    for (const next of ['https://evil.example', '//evil.example', '/\\evil.example', 'lender', '', undefined, null]) {
      expect(safeReturnPath(next)).toBeNull();
    }
  });
});
