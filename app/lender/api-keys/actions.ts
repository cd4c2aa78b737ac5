'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorize } from '@/lib/auth/authorize';
import { createApiKey } from '@/lib/auth/create-api-key';
import { currentViewer } from '@/lib/auth/current-viewer';
import { revokeApiKey } from '@/lib/auth/revoke-api-key';
import { auditActorOf } from '@/lib/auth/viewer';
import { getPrisma } from '@/lib/db/client';
import { DomainError } from '@/lib/errors';

export type CreateKeyState = { plaintext?: string; prefix?: string; fieldErrors?: { name?: string[] }; error?: string };

const nameSchema = z.string().trim().min(1).max(100);

export async function createKeyAction(_previous: CreateKeyState, form: FormData): Promise<CreateKeyState> {
  const viewer = await currentViewer();
  const name = nameSchema.safeParse(form.get('name'));
  if (!name.success) return { fieldErrors: { name: name.error.issues.map((i) => i.message) } };
  try {
    authorize(viewer, 'api_key.manage');
    const { apiKey, plaintext } = await createApiKey({ prisma: getPrisma(), organizationId: viewer.organizationId, name: name.data, actor: auditActorOf(viewer) });
    revalidatePath('/lender/api-keys');
    return { plaintext, prefix: apiKey.prefix };
  } catch (error) {
    if (error instanceof DomainError) return { error: error.message };
    throw error;
  }
}

export async function revokeKeyAction(form: FormData): Promise<void> {
  const viewer = await currentViewer();
  authorize(viewer, 'api_key.manage');
  await revokeApiKey({ prisma: getPrisma(), prefix: String(form.get('prefix') ?? ''), organizationId: viewer.organizationId, actor: auditActorOf(viewer) });
  revalidatePath('/lender/api-keys');
}
