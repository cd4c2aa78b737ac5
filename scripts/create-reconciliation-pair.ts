// Operator command: create a co-lending pair for reconciliation (issue #17) between two lenders, and
// print its id and its pair key P once: give P to both banks over a channel you trust (they need it
// to recompute their sides and to disclose rows); Evident keeps it only encrypted under
// RECONCILIATION_KEY_SECRET and never shows it again. With --mode blind (docs/reconciliation-format.md
// §14) no key is made or taken: the two banks agree P between themselves and Evident never sees it.
//   npm run reconciliation:create-pair -- --name "<pair name>" --lender-a "<org id or name>" --lender-b "<org id or name>"
//     [--mode open|blind] [--cut-off 10:00] [--first-date YYYY-MM-DD] [--split-rounding-fen 1] [--pair-key 0x…64 hex]
//     [--column-map-a '<JSON>'] [--column-map-b '<JSON>'] [--json]
// A column map defaults to UTF-8 CSV with the data contract's own column names. A fixed-width map
// gives every field's byte offset and length, e.g. '{"carrier":"fixed-width","encoding":"gbk",
// "headerLine":true,"fields":{"loanNumber":{"offset":0,"length":16},…}}' (docs/reconciliation-format.md
// §2.3); one with a field missing or two fields overlapping is refused, naming the field.
import { parseArgs } from 'node:util';
import { loadConfig } from '../lib/config';
import { FieldErrorsError, InvalidRequestError } from '../lib/errors';
import { fromHex, toHex } from '../lib/proof/hex';
import { createReconciliationPair } from '../lib/reconciliation/create-reconciliation-pair';
import type { PairSettings } from '../lib/reconciliation/reconciliation-schemas';
import { resolveLocalSecrets } from '../lib/startup/resolve-local-secrets';
import { operatorActor, runOperatorCommand, withOperatorDatabase } from './operator-command';

const USAGE =
  'usage: npm run reconciliation:create-pair -- --name "<pair name>" --lender-a "<organization id or name>" --lender-b "<organization id or name>" ' +
  "[--mode open|blind] [--cut-off HH:MM] [--first-date YYYY-MM-DD] [--split-rounding-fen N] [--pair-key 0x<64 hex>] [--column-map-a '<JSON>'] [--column-map-b '<JSON>'] [--json]";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      mode: { type: 'string', default: 'open' },
      'lender-a': { type: 'string' },
      'lender-b': { type: 'string' },
      'cut-off': { type: 'string', default: '10:00' },
      'first-date': { type: 'string' },
      'split-rounding-fen': { type: 'string', default: '1' },
      'pair-key': { type: 'string' },
      'column-map-a': { type: 'string' },
      'column-map-b': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.name || !values['lender-a'] || !values['lender-b']) {
    console.error(USAGE);
    return 2;
  }
  const parseJson = (name: string, text: string | undefined) => {
    if (text === undefined) return { carrier: 'csv', encoding: 'utf-8' };
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new InvalidRequestError(`--${name} is not JSON.`);
    }
  };
  const fen = Number(values['split-rounding-fen']);
  const settings = {
    name: values.name,
    mode: values.mode,
    cutOffTime: values['cut-off'],
    firstBusinessDate: values['first-date'] ?? new Date().toISOString().slice(0, 10),
    toleranceRules: fen > 0 ? [{ name: 'split-rounding', maxFen: fen }] : [],
    columnMapA: parseJson('column-map-a', values['column-map-a']),
    columnMapB: parseJson('column-map-b', values['column-map-b']),
  } as PairSettings;
  const pairKey = values['pair-key'] === undefined ? undefined : fromHex(values['pair-key'], 32);
  const config = loadConfig();
  // With an external database the web server has RECONCILIATION_KEY_SECRET from the environment; a
  // secret generated here would encrypt a key that no server can open.
  if (config.databaseUrl && !config.reconciliationKeySecret) {
    throw new InvalidRequestError('RECONCILIATION_KEY_SECRET: set it as the web server has it (required with DATABASE_URL).');
  }
  const { reconciliationKeySecret } = await resolveLocalSecrets(config);
  return withOperatorDatabase(async (prisma) => {
    const created = await createReconciliationPair({
      prisma,
      settings,
      lenderA: values['lender-a']!,
      lenderB: values['lender-b']!,
      pairKey,
      keySecret: reconciliationKeySecret,
      actor: operatorActor(),
    }).catch((error: unknown) => {
      // Say which setting is wrong and why, not only its name.
      if (!(error instanceof FieldErrorsError)) throw error;
      const problems = Object.entries(error.fieldErrors).map(([field, messages]) => `${field}: ${messages.join('; ')}`);
      throw new InvalidRequestError(`The pair's settings are not valid: ${problems.join(', ')}.`);
    });
    if (values.json) {
      console.log(JSON.stringify({ pairId: created.pairId, mode: values.mode, pairKey: created.generatedKey ? toHex(created.pairKey!) : null }));
    } else {
      console.log(`created co-lending pair ${JSON.stringify(settings.name)} ${created.pairId}`);
      if (created.pairKey === null) {
        console.log('blind mode: Evident holds no pair key. One bank generates it (e.g. `openssl rand -hex 32`) and gives it to the other');
        console.log('over a channel they trust; each commits its statements with `npm run reconciliation:blind`.');
      } else if (created.generatedKey) {
        console.log('its pair key is shown only now; give it to both banks over a channel you trust:');
        console.log(toHex(created.pairKey));
      } else {
        console.log('with the pair key you gave (not shown again).');
      }
    }
    return 0;
  });
}

runOperatorCommand(main);
