import { describe, expect, it } from 'vitest';
import { borrowerIdentitySchema, mainlandMobileProblem, maskIdentifier, residentIdProblem } from './borrower-identity';

describe('borrower identifiers', () => {
  it('accepts a resident ID number with a real birth date and the right check digit', () => {
    expect(residentIdProblem('44010419900307451X')).toBeNull();
    expect(residentIdProblem('440106198811213029')).toBeNull();
    expect(residentIdProblem('11010519491231002x')).toBeNull();
  });

  it('refuses one mistyped digit (the check digit catches it) and impossible birth dates', () => {
    expect(residentIdProblem('440104199003074513')).toMatch(/check digit/);
    expect(residentIdProblem('440104199003074512')).toMatch(/check digit/);
    expect(residentIdProblem('440104199002304512')).toMatch(/not a real date/);
    expect(residentIdProblem('440104299003074512')).toMatch(/not a real date/);
    // Other documents are not held to the mainland format.
    expect(residentIdProblem('E12345678')).toBeNull();
  });

  it('names the field when the form gives a wrong one', () => {
    const result = borrowerIdentitySchema.safeParse({ name: '张伟', idNumber: '440104199003074513' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ path: ['idNumber'], message: expect.stringMatching(/check digit/) });
  });

  it('checks mainland mobile numbers and masks identifiers for lists', () => {
    expect(mainlandMobileProblem('13800138000')).toBeNull();
    expect(mainlandMobileProblem('+86 138-0013-8000')).toBeNull();
    expect(mainlandMobileProblem('12800138000')).toMatch(/13 to 19/);
    expect(mainlandMobileProblem('020-12345678')).toBeNull();
    expect(maskIdentifier('44010419900307451X')).toBe('4401**********451X');
  });
});
