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
      .optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 -]{6,20}$/, 'a phone number is digits, optionally starting with +')
      .optional(),
    email: z.email().trim().toLowerCase().optional(),
  })
  .refine((b) => b.idNumber || b.phone || b.email, { message: 'name the borrower by ID number, phone or email', path: ['idNumber'] });

export type BorrowerIdentity = z.infer<typeof borrowerIdentitySchema>;

export function normalizePhone(phone: string): string {
  return phone.replace(/[\s-]/g, '');
}
