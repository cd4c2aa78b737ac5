// The consortium operator creates a co-lending pair (scripts/create-reconciliation-pair.ts, and the
// demo seed): two lender organizations as banks A and B, the cut-off, the tolerance rules, each
// bank's column map, and the pair key P, given by the banks or generated here. P is stored only
// encrypted (pair-key-encryption.ts); the caller shows it once, to hand to the two banks. A blind pair
// (§14) has no key here: its banks agree P between themselves and Evident never sees it.
import { randomBytes, randomUUID } from 'node:crypto';
import { appendAuditEntry, type AuditActor } from '../audit/append-audit-entry';
import type { PrismaClient } from '../db/client';
import type { Prisma } from '../db/generated/client';
import { FieldErrorsError, InvalidRequestError, OrganizationNotFoundError } from '../errors';
import { isUuid } from '../ids';
import { isCalendarDate } from './validate-row';
import { PAIR_KEY_LENGTH } from './derive-pair-keys';
import { encryptPairKey } from './pair-key-encryption';
import { pairSettingsSchema, type PairSettings } from './reconciliation-schemas';

export async function createReconciliationPair({
  prisma,
  settings: rawSettings,
  lenderA,
  lenderB,
  pairKey,
  keySecret,
  actor,
  db = prisma,
}: {
  prisma: PrismaClient;
  settings: PairSettings;
  /** Each bank's organization id or exact name; both must be lenders. */
  lenderA: string;
  lenderB: string;
  /** 32 bytes the banks agreed on; unset: generated. */
  pairKey?: Uint8Array;
  /** RECONCILIATION_KEY_SECRET. */
  keySecret: string;
  actor: AuditActor;
  /** A transaction to create it in (the demo seed's); default: one of its own. */
  db?: PrismaClient | Prisma.TransactionClient;
}): Promise<{ pairId: string; pairKey: Uint8Array | null; generatedKey: boolean }> {
  const parsed = pairSettingsSchema.safeParse(rawSettings);
  if (!parsed.success) {
    throw new FieldErrorsError(Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.') || 'settings', [issue.message]])));
  }
  const settings = parsed.data;
  if (!isCalendarDate(settings.firstBusinessDate)) throw new FieldErrorsError({ firstBusinessDate: ['must be a calendar date YYYY-MM-DD'] });
  const blind = settings.mode === 'blind';
  if (blind && pairKey !== undefined) {
    throw new InvalidRequestError('A blind pair’s key stays with its two banks: Evident takes none (leave out the pair key).');
  }
  if (pairKey !== undefined && pairKey.length !== PAIR_KEY_LENGTH) {
    throw new InvalidRequestError(`The pair key is ${PAIR_KEY_LENGTH} bytes (64 hex digits), got ${pairKey.length}.`);
  }
  const key = blind ? null : (pairKey ?? new Uint8Array(randomBytes(PAIR_KEY_LENGTH)));
  const pairId = randomUUID();
  const create = async (tx: Prisma.TransactionClient) => {
    const [a, b] = await Promise.all([lenderA, lenderB].map((reference) => findLender(tx, reference)));
    if (a.id === b.id) throw new InvalidRequestError('A co-lending pair is two different lenders.');
    await tx.reconciliationPair.create({
      data: {
        id: pairId,
        name: settings.name,
        lenderAId: a.id,
        lenderBId: b.id,
        cutOffTime: settings.cutOffTime,
        firstBusinessDate: settings.firstBusinessDate,
        toleranceRules: settings.toleranceRules,
        columnMapA: settings.columnMapA,
        columnMapB: settings.columnMapB,
        mode: blind ? 'blind' : 'open',
        encryptedPairKey: key && Buffer.from(encryptPairKey({ pairKey: key, pairId, secret: keySecret })),
      },
    });
    await appendAuditEntry(tx, {
      actor,
      action: 'reconciliation.pair_create',
      targetType: 'reconciliation_pair',
      targetId: pairId,
      details: {
        name: settings.name,
        mode: blind ? 'blind' : 'open',
        lenderA: a.id,
        lenderB: b.id,
        cutOffTime: settings.cutOffTime,
        firstBusinessDate: settings.firstBusinessDate,
        keyGenerated: !blind && pairKey === undefined,
      },
    });
  };
  try {
    if (db === prisma) await prisma.$transaction(create);
    else await create(db as Prisma.TransactionClient);
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') throw new InvalidRequestError(`A co-lending pair named ${JSON.stringify(settings.name)} exists already.`);
    throw error;
  }
  return { pairId, pairKey: key, generatedKey: !blind && pairKey === undefined };
}

async function findLender(tx: Prisma.TransactionClient, reference: string) {
  const found = await tx.organization.findFirst({ where: isUuid(reference) ? { id: reference } : { name: reference } });
  if (!found) throw new OrganizationNotFoundError(reference);
  if (found.type !== 'lender') throw new InvalidRequestError(`${found.name} is not a lender; only lenders form co-lending pairs.`);
  return found;
}
