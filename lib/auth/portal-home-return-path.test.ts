import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './portal-home';

describe('the return path after sign-in, against what browsers do with it', () => {
  it('keeps paths on this site, with their query and fragment', () => {
    expect(safeReturnPath('/lender/upload')).toBe('/lender/upload');
    expect(safeReturnPath('/verify?cert=EVD-0000-0000-0000-0000#result')).toBe('/verify?cert=EVD-0000-0000-0000-0000#result');
  });

  it('refuses every way out of the site', () => {
    for (const next of [
      '//evil.example/', '/\\evil.example', '/\t/evil.example/', '/%09/evil.example/', '/\n/evil.example', '/\r/evil.example',
      'https://evil.example/', 'javascript:alert(1)', ' /lender', '\\\\evil.example', '/\\/evil.example', 'evil.example', '',
    ]) {
      const path = safeReturnPath(next);
      if (path !== null) expect(new URL(path, 'http://evident.invalid').origin, next).toBe('http://evident.invalid');
    }
    expect(safeReturnPath('//evil.example/')).toBeNull();
    expect(safeReturnPath('/\t/evil.example/')).toBeNull();
    expect(safeReturnPath('/\\evil.example')).toBeNull();
    expect(safeReturnPath(null)).toBeNull();
  });
});
