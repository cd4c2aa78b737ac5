// Compiles the contracts (EvidenceAnchor.sol, ReconciliationAnchor.sol) with solc-js (offline,
// deterministic) and, with --write, refreshes the checked-in artifacts that lib/chain deploys and
// binds to. The compile test keeps the artifacts honest: it fails when a source changed and
// `npm run contracts:build` was not run. Each source is compiled on its own, so adding a contract
// never changes another's bytecode (EvidenceAnchor's deployed code is pinned).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { JsonFragment } from 'ethers';
import solc from 'solc';

export interface CompiledContract {
  contractName: string;
  solcVersion: string;
  settings: CompilerSettings;
  abi: JsonFragment[];
  /** Creation bytecode, lowercase 0x-hex. */
  bytecode: string;
  /** Runtime bytecode as it sits on chain after deployment, lowercase 0x-hex. */
  deployedBytecode: string;
}

export interface CompilerSettings {
  evmVersion: string;
  optimizer: { enabled: boolean; runs: number };
}

export const CONTRACT_NAMES = ['EvidenceAnchor', 'ReconciliationAnchor'] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

const CONTRACTS_DIR = path.dirname(fileURLToPath(import.meta.url));

export function artifactPath(contractName: ContractName): string {
  return path.join(CONTRACTS_DIR, 'artifacts', `${contractName}.json`);
}

// 'paris' because solc 0.8.37 defaults to osaka, whose PUSH0 opcode does not deploy on FISCO BCOS
// or Besu at older EVM levels.
const SETTINGS: CompilerSettings = { evmVersion: 'paris', optimizer: { enabled: true, runs: 200 } };

interface SolcMessage {
  severity: 'error' | 'warning' | 'info';
  formattedMessage: string;
}

interface SolcOutput {
  errors?: SolcMessage[];
  contracts?: Record<
    string,
    Record<string, { abi: JsonFragment[]; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>
  >;
}

export function compileContract(contractName: ContractName): CompiledContract {
  const sourceName = `${contractName}.sol`;
  const input = {
    language: 'Solidity',
    sources: { [sourceName]: { content: readFileSync(path.join(CONTRACTS_DIR, sourceName), 'utf8') } },
    settings: {
      ...SETTINGS,
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput;
  const errors = (output.errors ?? []).filter((m) => m.severity === 'error');
  if (errors.length > 0) {
    throw new Error(`${sourceName} does not compile:\n${errors.map((m) => m.formattedMessage).join('\n')}`);
  }
  const contract = output.contracts?.[sourceName]?.[contractName];
  if (!contract) throw new Error(`solc produced no output for ${sourceName}:${contractName}.`);
  return {
    contractName,
    solcVersion: String(solc.version()),
    settings: SETTINGS,
    abi: contract.abi,
    bytecode: `0x${contract.evm.bytecode.object.toLowerCase()}`,
    deployedBytecode: `0x${contract.evm.deployedBytecode.object.toLowerCase()}`,
  };
}

/** The artifact file's exact text: fixed top-level order, nested keys sorted, trailing newline. */
export function formatArtifact(compiled: CompiledContract): string {
  const ordered = {
    contractName: compiled.contractName,
    solcVersion: compiled.solcVersion,
    settings: sortKeys(compiled.settings),
    abi: sortKeys(compiled.abi),
    bytecode: compiled.bytecode,
    deployedBytecode: compiled.deployedBytecode,
  };
  return JSON.stringify(ordered, null, 2) + '\n';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

const runAsScript = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (runAsScript) {
  for (const contractName of CONTRACT_NAMES) {
    const text = formatArtifact(compileContract(contractName));
    if (process.argv.includes('--write')) {
      const file = artifactPath(contractName);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    } else {
      process.stdout.write(text);
    }
  }
}
