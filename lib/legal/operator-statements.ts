// What the platform's operator states about itself for the legal review points (Art. 17(1)-(3) of the
// Online Litigation Rules, Art. 94(1)(2) of the Evidence Provisions, Art. 13 of the Electronic
// Signature Law): facts software cannot check. Configured by the operator in a JSON file
// (OPERATOR_STATEMENTS_FILE), validated at start-up, and always shown as the operator's statements,
// never as checks. Without the file the report says that none are configured.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const bilingual = (max: number) => z.strictObject({ zh: z.string().trim().min(1).max(max), en: z.string().trim().min(1).max(max) });

export const operatorStatementsSchema = z.strictObject({
  /** The operator's name as it signs these statements. */
  operator: bilingual(200),
  /** Filing number under the 《区块链信息服务管理规定》 (Cyberspace Administration, 2019). */
  blockchainServiceFilingNumber: z.string().trim().min(1).max(100).optional(),
  /** The operator's relationship to the parties (Art. 17(2), Art. 94(1)(2)). */
  neutrality: bilingual(2000).optional(),
  /** Standards the system was assessed against, e.g. JR/T 0193-2020 (Art. 17(3)-(4)). */
  standards: z.array(bilingual(300)).max(20).optional(),
  /** That the issuing key is the operator's alone (Electronic Signature Law Art. 13). */
  signingKeyControl: bilingual(2000).optional(),
  /** Qualification statement printed on certificates, receipts and reports. */
  qualification: bilingual(2000).optional(),
});

export type OperatorStatements = z.infer<typeof operatorStatementsSchema>;

export class OperatorStatementsError extends Error {}

/** Reads and validates the file; throws OperatorStatementsError naming the problem. */
export function readOperatorStatements(file: string): OperatorStatements {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new OperatorStatementsError(`OPERATOR_STATEMENTS_FILE: cannot read ${file} (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new OperatorStatementsError(`OPERATOR_STATEMENTS_FILE: ${file} is not JSON (${(error as Error).message})`);
  }
  const result = operatorStatementsSchema.safeParse(parsed);
  if (!result.success) {
    throw new OperatorStatementsError(
      `OPERATOR_STATEMENTS_FILE: ${file}: ${result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}`,
    );
  }
  return result.data;
}
