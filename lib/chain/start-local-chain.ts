// The embedded development chain: a real anvil node (Foundry) from the @foundry-rs npm packages,
// started as a child process. With a state file it keeps its blocks, logs and receipts across
// restarts, so anchors made in development stay verifiable. Node only.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ChainUnavailableError } from '../proof/chain-errors';
import { requestChainId } from '../proof/request-chain-id';

/**
 * Private key of anvil's first default account (mnemonic "test test ... junk"). It is public,
 * printed by every anvil: use it for the embedded development chain only, never on a real network.
 */
export const LOCAL_CHAIN_DEV_PRIVATE_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

/**
 * anvil's second default account, equally public: on the embedded chain the demo lender A anchors
 * its own batches with it, as a consortium member beside the operator.
 */
export const LOCAL_CHAIN_MEMBER_PRIVATE_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';

export interface LocalChain {
  rpcUrl: string;
  port: number;
  process: ChildProcess;
  /** SIGTERM, so anvil writes its state file, then SIGKILL if it has not exited after 5 s. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 5_000;
const STATE_INTERVAL_SECONDS = 5;

export async function startLocalChain({
  port = 0,
  host = '127.0.0.1',
  stateFile,
  chainId,
  log = () => undefined,
}: {
  /** 0 picks any free port. */
  port?: number;
  host?: string;
  /** Where the chain persists; without it the chain lives in memory only. */
  stateFile?: string;
  chainId?: number;
  /** Receives anvil's output, line by line. */
  log?: (line: string) => void;
} = {}): Promise<LocalChain> {
  const args = ['--host', host, '--port', String(port)];
  // The production chains run pre-Shanghai EVMs; a local chain at the same level rejects what they would.
  args.push('--hardfork', 'paris');
  if (chainId !== undefined) args.push('--chain-id', String(chainId));
  if (stateFile !== undefined) {
    await mkdir(path.dirname(path.resolve(stateFile)), { recursive: true });
    args.push('--state', stateFile, '--state-interval', String(STATE_INTERVAL_SECONDS));
  }

  // Not --silent: with --port 0 the "Listening on" line is the only way to learn the port. The pipes
  // are read for the process's whole life, since a full pipe would block anvil's logging and then anvil.
  const child = spawn(resolveAnvilBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const recentLines: string[] = [];
  let onLine: (line: string) => void = () => undefined;
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        recentLines.push(line);
        if (recentLines.length > 20) recentLines.shift();
        log(line);
        onLine(line);
      }
    });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // anvil outlives its parent unless told otherwise; SIGTERM still lets it write its state.
  const stopOnParentExit = () => child.kill('SIGTERM');
  process.once('exit', stopOnParentExit);

  const stop = async (): Promise<void> => {
    process.removeListener('exit', stopOnParentExit);
    // No pid: the spawn itself failed, and no 'exit' event is guaranteed to follow.
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(killer);
  };

  try {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    const listeningPort = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('it printed no "Listening on" line')), READY_TIMEOUT_MS);
      onLine = (line) => {
        const match = /Listening on .*:(\d+)\s*$/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      };
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`it exited with ${child.exitCode ?? child.signalCode}`));
      });
    });
    onLine = () => undefined;
    const rpcUrl = `http://${host.includes(':') ? `[${host}]` : host}:${listeningPort}`;
    await waitUntilAnswering(rpcUrl, deadline);
    return { rpcUrl, port: listeningPort, process: child, stop };
  } catch (error) {
    await stop();
    const output = recentLines.filter((line) => line.trim() !== '').join('\n');
    throw new Error(
      `The local chain (anvil ${args.join(' ')}) did not start: ${error instanceof Error ? error.message : String(error)}` +
        (output ? `\n${output}` : ''),
      { cause: error },
    );
  }
}

async function waitUntilAnswering(rpcUrl: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      await requestChainId({ rpcUrl, timeoutMs: 1_000 });
      return;
    } catch (error) {
      if (!(error instanceof ChainUnavailableError) || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

const ANVIL_PACKAGES: Record<string, string> = {
  'linux-x64': '@foundry-rs/anvil-linux-amd64',
  'linux-arm64': '@foundry-rs/anvil-linux-arm64',
  'darwin-x64': '@foundry-rs/anvil-darwin-amd64',
  'darwin-arm64': '@foundry-rs/anvil-darwin-arm64',
  'win32-x64': '@foundry-rs/anvil-win32-amd64',
};

function resolveAnvilBinary(): string {
  const platform = `${process.platform}-${process.arch}`;
  const packageName = ANVIL_PACKAGES[platform];
  if (!packageName) throw new Error(`anvil is not published for ${platform}; set CHAIN_RPC_URL to an external chain.`);
  let packageJson: string;
  try {
    packageJson = createRequire(import.meta.url).resolve(`${packageName}/package.json`);
  } catch {
    throw new Error(
      `The anvil binary package ${packageName} is not installed. Run npm install (it is an optional ` +
        'dependency of @foundry-rs/anvil), or set CHAIN_RPC_URL to an external chain.',
    );
  }
  const binary = path.join(path.dirname(packageJson), 'bin', process.platform === 'win32' ? 'anvil.exe' : 'anvil');
  if (!existsSync(binary)) throw new Error(`The anvil binary is missing from ${binary}; reinstall ${packageName}.`);
  return binary;
}
