'use server';

import { redirect } from 'next/navigation';
import { formOf } from '@/app/_components/form-of';
import { orErrorPage } from '@/app/_components/or-error-page';
import { requireViewer } from '@/lib/auth/current-viewer';
import { fileCase } from '@/lib/cases/file-case';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { FieldErrorsError } from '@/lib/errors';

// A 'use server' module exports only async functions (and types), so the field list stays private.
const FILE_CASE_FIELDS = ['commissionOrganizationId', 'borrowerId', 'title', 'claimSummary', 'evidenceIds'] as const;
export type FileCaseField = (typeof FILE_CASE_FIELDS)[number];

export interface FileCaseFormState {
  /** Fields with an error; the form shows each field's message from arbitration.lenderCases.new.errors. */
  errors: Array<FileCaseField | 'form'>;
  values: { commissionOrganizationId: string; borrowerId: string; title: string; claimSummary: string; evidenceIds: string[] };
}

export async function fileCaseAction(_previous: FileCaseFormState, submitted: FormData): Promise<FileCaseFormState> {
  const viewer = await requireViewer();
  const form = formOf(submitted);
  const values = {
    commissionOrganizationId: String(form.get('commissionOrganizationId') ?? ''),
    borrowerId: String(form.get('borrowerId') ?? ''),
    title: String(form.get('title') ?? ''),
    claimSummary: String(form.get('claimSummary') ?? ''),
    evidenceIds: form.getAll('evidenceIds').map(String),
  };
  const { borrowerIdSalt } = getConfig();
  if (!borrowerIdSalt) throw new Error('BORROWER_ID_SALT is not set for the web server.');
  let filed: { id: string };
  try {
    // fileCase validates with the shared zod schema; empty selects become "missing", not "invalid".
    // A refusal (a borrower or a commission filing) is the forbidden page, never a 500.
    filed = await orErrorPage(
      fileCase({
        prisma: getPrisma(),
        viewer,
        borrowerIdSalt,
        input: {
          commissionOrganizationId: values.commissionOrganizationId || undefined,
          borrowerId: values.borrowerId || undefined,
          title: values.title,
          claimSummary: values.claimSummary || undefined,
          evidenceIds: values.evidenceIds,
        },
      }),
    );
  } catch (error) {
    if (!(error instanceof FieldErrorsError)) throw error;
    const fields = Object.keys(error.fieldErrors).map((key) => key.split('.')[0]);
    const errors = FILE_CASE_FIELDS.filter((field) => fields.includes(field));
    return { errors: errors.length > 0 ? errors : ['form'], values };
  }
  redirect(`/lender/cases/${filed.id}`);
}
