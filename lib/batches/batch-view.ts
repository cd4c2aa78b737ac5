// A batch as the API shows it: its state on the way to the chain, its Merkle root and the sequence
// range it covers, and where it is anchored once final. The zod schema feeds the OpenAPI document.
import { z } from 'zod';

export const BATCH_STATUSES = ['sealed', 'signed', 'broadcast', 'included', 'final'] as const;

const sha256Hex = z.string().regex(/^0x[0-9a-f]{64}$/);

export const batchViewSchema = z.object({
  id: z.uuid(),
  status: z
    .enum(BATCH_STATUSES)
    .describe('sealed → signed → broadcast → included (in a block) → final (deep enough; certificates are issued).'),
  root: sha256Hex.describe('RFC 9162 Merkle root over the batch’s leaves.'),
  leafCount: z.int().min(1),
  firstSequence: z.string().describe('First evidence sequence the batch covers (decimal string).'),
  lastSequence: z.string().describe('Last evidence sequence the batch covers (decimal string).'),
  sealedAt: z.iso.datetime(),
  anchor: z
    .object({
      chainId: z.string(),
      contract: z.string(),
      submitter: z.string(),
      txHash: z.string(),
      blockNumber: z.string(),
      blockHash: z.string().nullable(),
      blockTime: z.string().describe('As the chain reports it: seconds, or milliseconds on FISCO BCOS before 3.12.'),
      anchoredAt: z.iso.datetime(),
    })
    .nullable()
    .describe('Null until the batch is final.'),
});

export type BatchView = z.infer<typeof batchViewSchema>;
