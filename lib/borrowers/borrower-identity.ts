// How a lender names the borrower an evidence item or case concerns: a name plus at least one of ID
// number, phone or email. Shared by the upload form, the case form and the API.
import { z } from 'zod';

export const borrowerIdentitySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    idNumber: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z]{6,30}$/, 'an ID number is 6 to 30 letters and digits')
      .superRefine((id, context) => {
        const problem = residentIdProblem(id);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 -]{6,20}$/, 'a phone number is digits, optionally starting with +')
      .superRefine((phone, context) => {
        const problem = mainlandMobileProblem(phone);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
    email: z.email().trim().toLowerCase().optional(),
  })
  .refine((b) => b.idNumber || b.phone || b.email, { message: 'name the borrower by ID number, phone or email', path: ['idNumber'] });

export type BorrowerIdentity = z.infer<typeof borrowerIdentitySchema>;

export function normalizePhone(phone: string): string {
  return phone.replace(/[\s-]/g, '');
}

const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_ID_CHECK = '10X98765432';

/**
 * An 18-character mainland resident ID number (GB 11643-1999) must carry a real date of birth and
 * the right check digit: one mistyped digit would otherwise name a second, different borrower. Other
 * identifiers (passports, Hong Kong, Macao or Taiwan documents) are not checked here.
 */
export function residentIdProblem(id: string, today = new Date()): string | null {
  if (!/^[0-9]{17}[0-9Xx]$/.test(id)) return null;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const born = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || born.getUTCMonth() !== month - 1 || born.getUTCDate() !== day || born > today) {
    return `the date of birth in this ID number (${id.slice(6, 14)}) is not a real date`;
  }
  const sum = RESIDENT_ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(id[i]), 0);
  if (RESIDENT_ID_CHECK[sum % 11] !== id[17]!.toUpperCase()) return 'this ID number’s check digit is wrong: please check each digit';
  return null;
}

/** A mainland mobile number (11 digits starting with 1, optionally +86) must start 13 to 19. */
export function mainlandMobileProblem(phone: string): string | null {
  const digits = normalizePhone(phone).replace(/^\+?86(?=1\d{10}$)/, '');
  if (/^1\d{10}$/.test(digits) && !/^1[3-9]\d{9}$/.test(digits)) return 'a mainland mobile number starts with 13 to 19';
  return null;
}

/** An identifier as lists show it, enough to tell two borrowers apart: `4401**********4512`. */
export function maskIdentifier(identifier: string): string {
  if (identifier.length <= 8) return `${identifier.slice(0, 2)}${'*'.repeat(Math.max(0, identifier.length - 2))}`;
  return `${identifier.slice(0, 4)}${'*'.repeat(identifier.length - 8)}${identifier.slice(-4)}`;
}
