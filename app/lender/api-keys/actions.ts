'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formOf } from '@/app/_components/form-of';
import { orErrorPage } from '@/app/_components/or-error-page';
import { createApiKey } from '@/lib/auth/create-api-key';
import { currentViewer } from '@/lib/auth/current-viewer';
import { revokeApiKey } from '@/lib/auth/revoke-api-key';
import { getPrisma } from '@/lib/db/client';
import { NO_NUL } from '@/lib/evidence/evidence-schemas';
import { DomainError } from '@/lib/errors';

export type CreateKeyState = { plaintext?: string; prefix?: string; fieldErrors?: { name?: string[] }; error?: string };

const nameSchema = z.string().trim().min(1).max(100).refine(...NO_NUL);

export async function createKeyAction(_previous: CreateKeyState, form: FormData): Promise<CreateKeyState> {
  const viewer = await currentViewer();
  const name = nameSchema.safeParse(formOf(form).get('name'));
  if (!name.success) return { fieldErrors: { name: name.error.issues.map((i) => i.message) } };
  try {
    const { apiKey, plaintext } = await createApiKey({ prisma: getPrisma(), viewer, name: name.data });
    revalidatePath('/lender/api-keys');
    return { plaintext, prefix: apiKey.prefix };
  } catch (error) {
    if (error instanceof DomainError) return { error: error.message };
    throw error;
  }
}

/** A plain form action: a refused revoke shows the 403 or 404 page, as the page itself would. */
export async function revokeKeyAction(form: FormData): Promise<void> {
  await orErrorPage(revokeApiKey({ prisma: getPrisma(), viewer: await currentViewer(), prefix: String(formOf(form).get('prefix') ?? '') }));
  revalidatePath('/lender/api-keys');
}
