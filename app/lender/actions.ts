'use server';

import { redirect } from 'next/navigation';
import { formOf } from '@/app/_components/form-of';
import { orErrorPage } from '@/app/_components/or-error-page';
import { currentViewer } from '@/lib/auth/current-viewer';
import { findOrganizationBorrowerByIdNumber } from '@/lib/borrowers/find-organization-borrower-by-id-number';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';

/** Posted, never a GET: the ID number must not land in a URL, a history or a log. The list is then
 * opened filtered by the borrower found (their id), keeping the other filters. */
export async function findBorrowerByIdNumberAction(submitted: FormData): Promise<void> {
  const form = formOf(submitted);
  const idNumber = String(form.get('idNumber') ?? '').replace(/\s+/g, '');
  const params = new URLSearchParams(String(form.get('returnQuery') ?? ''));
  for (const key of ['borrowerId', 'idNumberNotFound', 'idNumberInvalid', 'page']) params.delete(key);
  if (!/^[0-9A-Za-z]{6,30}$/.test(idNumber)) params.set('idNumberInvalid', '1');
  else {
    const { borrowerIdSalt } = getConfig();
    if (!borrowerIdSalt) throw new Error('BORROWER_ID_SALT is not set for the web server.');
    const found = await orErrorPage(findOrganizationBorrowerByIdNumber({ prisma: getPrisma(), viewer: await currentViewer(), idNumber, borrowerIdSalt }));
    if (found) params.set('borrowerId', found.id);
    else params.set('idNumberNotFound', '1');
  }
  redirect(`/lender?${params.toString()}`);
}
