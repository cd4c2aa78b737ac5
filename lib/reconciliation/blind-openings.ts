// Openings of a blind day's field-mismatch break (docs/reconciliation-format.md §14.3): a bank of a
// blind pair discloses, for a key whose commitments differ, the canonical value and the salt of a
// field it committed. Evident holds no pair key, so it checks the one thing it can: that
// leafHash(salt ‖ value) is that bank's stored commitment of the field on that key; a wrong opening
// is refused (422) and nothing is stored. Stored openings are audited, shown on the break to both
// banks, and carried by the break's certificate (issue-break-certificate.ts). They never change the
// signed statement: a value-comparing tolerance rule that the opened values satisfy is shown as a
// note on the break (`withinRuleOnOpening`), for the banks to weigh when they sign off.
import canonicalize from 'canonicalize';
import path from 'node:path';
import { z } from 'zod';
import { chainAuditOutboxAfterCommit, enqueueAuditEntries } from '../audit/append-audit-entry';
import { authorize } from '../auth/authorize';
import { auditActorOf, type ApiKeyViewer, type StaffViewer, type Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import type { ReconciliationBreak, ReconciliationOpening, ReconciliationPair } from '../db/generated/client';
import { db, runStatement } from '../db/sql';
import { withPgTransaction } from '../db/with-pg-transaction';
import { BlindOpeningRefusedError, InvalidRequestError, ReconciliationBreakNotFoundError, StatementNotDraftedError } from '../errors';
import { firstIssueMessage } from '../http/parse-query';
import { bytesEqual } from '../proof/bytes-equal';
import { fromHex, toHex } from '../proof/hex';
import { parseBusinessDate } from './business-day-window';
import { commitField } from './commit-row';
import { loadMemberPair } from './load-member-pair';
import { toleranceRulesSchema } from './reconciliation-schemas';
import { COMMITTED_FIELDS, type CommittedField } from './row-format';
import { RECORD_COMMITMENTS } from './side-record';
import { SideTree } from './side-tree';

const HEX32 = z.string().regex(/^0x[0-9a-f]{64}$/, 'must be 32 bytes of lower-case 0x-hex');

export const openingsBodySchema = z.strictObject({
  key: HEX32.describe('The break’s matching key, as the break list gives it (a guard against a wrong ordinal).'),
  openings: z
    .array(
      z.strictObject({
        field: z.enum(COMMITTED_FIELDS).describe('A committed field whose commitments differ on this break.'),
        value: z
          .string()
          .min(1)
          .max(400)
          .describe('The field’s canonical value as your bank committed it: the RFC 8785 JSON text, e.g. `"settled"` (quotes included) or `6011038`.'),
        salt: HEX32.describe('salt[f] of the key (§3.4), derived from the pair key.'),
      }),
    )
    .min(1)
    .max(COMMITTED_FIELDS.length),
});
export type OpeningsBody = z.infer<typeof openingsBodySchema>;

export const openingViewSchema = z.object({
  bank: z.enum(['A', 'B']),
  field: z.enum(COMMITTED_FIELDS),
  value: z.string().describe('The canonical value the bank committed.'),
  salt: HEX32,
  submittedAt: z.string(),
  submittedBy: z.string(),
});
export type OpeningView = z.infer<typeof openingViewSchema>;

export const breakOpeningsSchema = z.object({
  ordinal: z.int(),
  key: HEX32,
  fields: z.array(z.string()).describe('The fields whose commitments differ: the fields that can be opened.'),
  openings: z.array(openingViewSchema).describe('Both banks’ accepted openings, bank A first, in field order.'),
  withinRuleOnOpening: z
    .string()
    .nullable()
    .describe(
      'A tolerance rule of the pair that the opened values satisfy (both banks opened every differing field): a note for the sign-off; the signed statement still lists the break as a field mismatch (§14.3).',
    ),
});
export type BreakOpenings = z.infer<typeof breakOpeningsSchema>;

/** Bytes a body may have: nine openings of at most 400 characters and their salts. */
export const OPENINGS_BODY_MAX_BYTES = 16 * 1024;

export function parseOpeningsBody(bytes: Uint8Array): OpeningsBody {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new InvalidRequestError('The body must be UTF-8 JSON: {"key": "0x…", "openings": [{"field": "…", "value": "…", "salt": "0x…"}]}.');
  }
  const parsed = openingsBodySchema.safeParse(json);
  if (!parsed.success) throw new InvalidRequestError(firstIssueMessage(parsed.error, 'is not a member of an openings body'));
  return parsed.data;
}

export async function submitBlindOpenings({
  prisma,
  viewer,
  pairId,
  businessDate: rawDate,
  ordinal,
  body,
  storageDir,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  pairId: string;
  businessDate: string;
  ordinal: number;
  body: OpeningsBody;
  storageDir: string;
}): Promise<BreakOpenings> {
  authorize(viewer, 'reconciliation.submit');
  const { pair, bank, found } = await loadBreak({ prisma, viewer, pairId, rawDate, ordinal });
  if (pair.mode !== 'blind') {
    throw new InvalidRequestError('Openings are for blind pairs: on an open pair Evident holds the pair key and the certificate opens the field itself.');
  }
  if (found.breakClass !== 'field_mismatch') throw new InvalidRequestError(`Break ${ordinal} is not a field mismatch: only differing fields are opened.`);
  if (body.key !== toHex(found.key)) throw new InvalidRequestError(`key: break ${ordinal} of ${found.businessDate} has key ${toHex(found.key)}, not ${body.key}.`);
  const fields = new Set(body.openings.map((opening) => opening.field));
  if (fields.size !== body.openings.length) throw new InvalidRequestError('openings: each field is opened once.');
  for (const opening of body.openings) {
    if (!found.fields.includes(opening.field)) {
      throw new InvalidRequestError(`openings: ${opening.field} does not differ on break ${ordinal} (differing: ${found.fields.join(', ')}).`);
    }
    const problem = canonicalValueProblem(opening.field, opening.value);
    if (problem) throw new InvalidRequestError(`openings: ${opening.field}: ${problem}`);
  }

  // The bank's own side's commitments of the key: the opening must reproduce each one.
  const side = await prisma.reconciliationSide.findUniqueOrThrow({
    where: { pairId_businessDate_bank: { pairId: pair.id, businessDate: found.businessDate, bank } },
  });
  const tree = await SideTree.open(path.join(storageDir, side.directory));
  let record: Uint8Array;
  try {
    record = tree.record(bank === 'A' ? found.indexA! : found.indexB!).slice();
  } finally {
    tree.close();
  }
  const utf8 = new TextEncoder();
  for (const opening of body.openings) {
    const f = COMMITTED_FIELDS.indexOf(opening.field);
    const stored = record.subarray(RECORD_COMMITMENTS + 32 * f, RECORD_COMMITMENTS + 32 * f + 32);
    if (!bytesEqual(commitField(fromHex(opening.salt, 32), utf8.encode(opening.value)), stored)) {
      throw new BlindOpeningRefusedError(
        `${opening.field}: leafHash(salt ‖ value) is not bank ${bank}'s commitment ${toHex(stored)} of the field on key ${toHex(found.key)}: nothing was stored.`,
      );
    }
  }

  const actor = auditActorOf(viewer as StaffViewer | ApiKeyViewer);
  const inserted = await withPgTransaction(prisma, async (tx) => {
    const count = await runStatement(
      tx,
      db
        .insertInto('reconciliation_opening')
        .values(
          body.openings.map((opening) => ({
            statement_id: found.statementId,
            ordinal,
            bank,
            field: opening.field,
            value: opening.value,
            salt: Buffer.from(fromHex(opening.salt, 32)),
            submitted_by: actor.label,
          })),
        )
        .onConflict((conflict) => conflict.doNothing()),
    );
    if (count > 0) {
      await enqueueAuditEntries(tx, [
        {
          actor,
          action: 'reconciliation.opening_submit',
          targetType: 'reconciliation_break',
          targetId: `${found.statementId}/${ordinal}`,
          // The values themselves stay in the opening row: the audit log names what was disclosed, not what it says.
          details: { pairId: pair.id, businessDate: found.businessDate, ordinal, bank, key: toHex(found.key), fields: body.openings.map((opening) => opening.field) },
        },
      ]);
    }
    return count;
  });
  if (inserted > 0) await chainAuditOutboxAfterCommit(prisma);
  return breakOpeningsOf(pair, found, await openingsOf(prisma, found));
}

export async function listBlindOpenings({
  prisma,
  viewer,
  pairId,
  businessDate: rawDate,
  ordinal,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  pairId: string;
  businessDate: string;
  ordinal: number;
}): Promise<BreakOpenings> {
  authorize(viewer, 'reconciliation.read');
  const { pair, found } = await loadBreak({ prisma, viewer, pairId, rawDate, ordinal });
  return breakOpeningsOf(pair, found, await openingsOf(prisma, found));
}

/** The openings of several breaks of one day at once (the day page's break list): one entry per field-mismatch break among `ordinals`. */
export async function listBlindDayOpenings({
  prisma,
  viewer,
  pairId,
  businessDate: rawDate,
  ordinals,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  pairId: string;
  businessDate: string;
  ordinals: readonly number[];
}): Promise<BreakOpenings[]> {
  authorize(viewer, 'reconciliation.read');
  const { pair } = await loadMemberPair({ prisma, viewer: viewer as StaffViewer | ApiKeyViewer, pairId });
  const businessDate = parseBusinessDate(rawDate);
  const statement = await prisma.reconciliationStatement.findUnique({ where: { pairId_businessDate: { pairId: pair.id, businessDate } }, select: { id: true } });
  if (!statement || ordinals.length === 0) return [];
  const breaks = await prisma.reconciliationBreak.findMany({
    where: { statementId: statement.id, ordinal: { in: [...ordinals] }, breakClass: 'field_mismatch' },
    include: { openings: true },
    orderBy: { ordinal: 'asc' },
  });
  return breaks.map(({ openings, ...found }) => breakOpeningsOf(pair, { ...found, businessDate }, openings));
}

type FoundBreak = ReconciliationBreak & { businessDate: string };

async function loadBreak({ prisma, viewer, pairId, rawDate, ordinal }: { prisma: PrismaClient; viewer: Viewer; pairId: string; rawDate: string; ordinal: number }) {
  const { pair, bank } = await loadMemberPair({ prisma, viewer: viewer as StaffViewer | ApiKeyViewer, pairId });
  const businessDate = parseBusinessDate(rawDate);
  const statement = await prisma.reconciliationStatement.findUnique({ where: { pairId_businessDate: { pairId: pair.id, businessDate } }, select: { id: true } });
  if (!statement) throw new StatementNotDraftedError(businessDate);
  const found =
    Number.isSafeInteger(ordinal) && ordinal >= 0 ? await prisma.reconciliationBreak.findUnique({ where: { statementId_ordinal: { statementId: statement.id, ordinal } } }) : null;
  if (!found) throw new ReconciliationBreakNotFoundError(businessDate, ordinal);
  return { pair, bank, found: { ...found, businessDate } as FoundBreak };
}

async function openingsOf(prisma: PrismaClient, found: FoundBreak): Promise<ReconciliationOpening[]> {
  return prisma.reconciliationOpening.findMany({ where: { statementId: found.statementId, ordinal: found.ordinal } });
}

function breakOpeningsOf(pair: ReconciliationPair, found: FoundBreak, openings: ReconciliationOpening[]): BreakOpenings {
  const fieldOrder = (field: string) => COMMITTED_FIELDS.indexOf(field as CommittedField);
  const sorted = [...openings].sort((x, y) => x.bank.localeCompare(y.bank) || fieldOrder(x.field) - fieldOrder(y.field));
  return {
    ordinal: found.ordinal,
    key: toHex(found.key),
    fields: found.fields,
    openings: sorted.map((opening) => ({
      bank: opening.bank,
      field: opening.field as CommittedField,
      value: opening.value,
      salt: toHex(opening.salt),
      submittedAt: opening.submittedAt.toISOString(),
      submittedBy: opening.submittedBy,
    })),
    withinRuleOnOpening: ruleOnOpenedValues(pair, found.fields, openings),
  };
}

/**
 * The pair's value-comparing rule that the opened values satisfy, when both banks opened every
 * differing field: split-rounding (§5.2) when only the shares differ, each by at most maxFen.
 */
export function ruleOnOpenedValues(pair: Pick<ReconciliationPair, 'toleranceRules'>, fields: readonly string[], openings: readonly Pick<ReconciliationOpening, 'bank' | 'field' | 'value'>[]): string | null {
  const value = (bank: 'A' | 'B', field: string) => openings.find((opening) => opening.bank === bank && opening.field === field)?.value;
  for (const rule of toleranceRulesSchema.parse(pair.toleranceRules)) {
    if (fields.length === 0 || !fields.every((field) => field === 'shareAFen' || field === 'shareBFen')) continue;
    const within = fields.every((field) => {
      const [a, b] = [value('A', field), value('B', field)];
      return a !== undefined && b !== undefined && Math.abs(Number(a) - Number(b)) <= rule.maxFen;
    });
    if (within) return rule.name;
  }
  return null;
}

/** Why `value` is not a canonical value of `field` (§3.3), or null: the form each field is committed in. */
function canonicalValueProblem(field: CommittedField, value: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return 'the value is the field’s canonical JSON text (a string in quotes, a number in plain digits).';
  }
  const numeric = field === 'totalFen' || field === 'shareAFen' || field === 'shareBFen' || field === 'ratioBp';
  const shaped =
    field === 'identity'
      ? Array.isArray(parsed) && parsed.length === 3 && parsed.every((item) => typeof item === 'string')
      : numeric
        ? Number.isSafeInteger(parsed) && (parsed as number) >= 0
        : typeof parsed === 'string';
  if (!shaped) return `the value must be ${field === 'identity' ? 'an array of three strings' : numeric ? 'a non-negative integer' : 'a JSON string'}.`;
  if (canonicalize(parsed) !== value) return `the value is not in its canonical form (RFC 8785): ${canonicalize(parsed)}.`;
  return null;
}
