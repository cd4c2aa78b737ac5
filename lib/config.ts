// The one place that reads process.env. Every setting is parsed and validated here, once, and a
// bad value stops start-up with a message naming the variable.
import path from 'node:path';
import { z } from 'zod';
import { OperatorStatementsError, readOperatorStatements, type OperatorStatements } from './legal/operator-statements';
import { OperatorSealImageError, readOperatorSealImage, type SealImage } from './legal/operator-seal-image';

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z
  .object({
    PORT: positiveInt(3000),
    DATA_DIR: z.string().default('.data'),
    STORAGE_DIR: optionalString,
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
        .optional(),
    ),
    EMBEDDED_PG_PORT: positiveInt(54329),
    CHAIN_RPC_URL: optionalString.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
    LOCAL_CHAIN_PORT: positiveInt(8545),
    ANCHOR_PRIVATE_KEY: optionalString.pipe(
      z
        .string()
        .regex(/^0x[0-9a-fA-F]{64}$/, 'must be a 0x-prefixed 32-byte hex private key')
        .optional(),
    ),
    MEMBER_ANCHOR_KEYS: optionalString.pipe(
      z
        .string()
        .transform((value) => value.split(',').map((key) => key.trim()).filter((key) => key !== ''))
        .pipe(z.array(z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be a comma-separated list of 0x-prefixed 32-byte hex private keys')))
        .optional(),
    ),
    ANCHOR_CONTRACT_ADDRESS: optionalString.pipe(
      z
        .string()
        .regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x-prefixed 20-byte address')
        .optional(),
    ),
    RECONCILIATION_ANCHOR_ADDRESS: optionalString.pipe(
      z
        .string()
        .regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x-prefixed 20-byte address')
        .optional(),
    ),
    ISSUER_PRIVATE_KEY: optionalString.pipe(
      z
        .string()
        .regex(/^0x[0-9a-fA-F]{64}$/, 'must be a 0x-prefixed 32-byte hex private key')
        .optional(),
    ),
    ISSUER_NAME: z.string().trim().min(1).max(200).default('Evident'),
    PUBLIC_BASE_URL: optionalString.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
    CHAIN_RECEIPT_TIMEOUT_MS: positiveInt(60_000),
    CHAIN_CONFIRMATIONS: z.coerce.number().int().min(0).max(1000).default(0),
    ANCHOR_STUCK_AFTER_MS: positiveInt(60_000),
    ANCHOR_GAS_LIMIT: positiveInt(300_000),
    ANCHOR_MAX_IN_FLIGHT: positiveInt(16),
    BATCH_INTERVAL_MS: positiveInt(5_000),
    BATCH_MAX_LEAVES: positiveInt(100_000),
    MAX_UPLOAD_BYTES: positiveInt(1024 * 1024 * 1024),
    RESUMABLE_UPLOAD_EXPIRY_MINUTES: positiveInt(24 * 60),
    API_MAX_BODY_BYTES: positiveInt(64 * 1024 * 1024),
    API_RATE_LIMIT_PER_MINUTE: positiveInt(600),
    SESSION_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    BORROWER_ID_SALT: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    RECONCILIATION_KEY_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    RECONCILIATION_MAX_STATEMENT_BYTES: positiveInt(4 * 1024 * 1024 * 1024),
    RECONCILIATION_ESCALATE_AFTER_HOURS: positiveInt(24),
    SEED_DEMO: z
      .enum(['true', 'false', '1', '0', ''], { error: 'must be true or false' })
      .optional()
      .transform((value) => (value === undefined || value === '' ? undefined : value === 'true' || value === '1')),
    SESSION_TTL_HOURS: positiveInt(8),
    SIGN_IN_MAX_FAILURES: positiveInt(5),
    SIGN_IN_ACCOUNT_MAX_FAILURES: positiveInt(50),
    SIGN_IN_RATE_LIMIT_PER_MINUTE: positiveInt(10),
    WEB_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    OPERATOR_STATEMENTS_FILE: optionalString,
    OPERATOR_SEAL_IMAGE_FILE: optionalString,
    CHAIN_RPC_REQUESTS_PER_MINUTE: positiveInt(120),
    API_KEY_FAILURES_PER_MINUTE: positiveInt(30),
    TSA_URL: optionalString.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
    TSA_CA_CERTS: optionalString,
    TSA_POLICY_OID: optionalString.pipe(
      z
        .string()
        .regex(/^[0-2](\.(0|[1-9][0-9]*))+$/, 'must be a dotted object identifier such as 1.2.3.4')
        .optional(),
    ),
    TSA_TIMEOUT_MS: positiveInt(10_000),
    TIMESTAMP_SKEW_WARNING_SECONDS: positiveInt(600),
  });

export interface Config {
  port: number;
  dataDir: string;
  storageDir: string;
  /** Unset means: start the embedded PostgreSQL server under dataDir. */
  databaseUrl?: string;
  embeddedPostgresPort: number;
  /** Unset means: start the embedded local chain (anvil) under dataDir. */
  chainRpcUrl?: string;
  localChainPort: number;
  anchorPrivateKey?: string;
  /** Keys of lenders that anchor with their own consortium member key; which organization uses
   * which address is set per organization (organization.anchor_member_address). */
  memberAnchorKeys: string[];
  anchorContractAddress?: string;
  /** A ReconciliationAnchor bound to the EvidenceAnchor; unset: deployed on first start. */
  reconciliationAnchorAddress?: string;
  /** Signs certificates. Unset on embedded defaults: a key is generated once under dataDir. */
  issuerPrivateKey?: string;
  issuerName: string;
  /** Where users reach this deployment; QR codes on certificates point here. */
  publicBaseUrl: string;
  /** False when publicBaseUrl is the local default (http://localhost:PORT). */
  publicBaseUrlConfigured: boolean;
  chainReceiptTimeoutMs: number;
  /** Blocks on top of the anchor's block before a batch is final (QBFT/PBFT chains: 0). */
  chainConfirmations: number;
  anchorStuckAfterMs: number;
  anchorGasLimit: number;
  anchorMaxInFlight: number;
  batchIntervalMs: number;
  batchMaxLeaves: number;
  maxUploadBytes: number;
  /** How long a resumable upload (POST /api/v1/uploads) may take from its creation; after that its
   * partial file is removed and the upload answers 410 (or 404 once swept). */
  resumableUploadExpiryMs: number;
  /** Largest JSON body of the bulk API (records and hashes as JSON arrays); NDJSON is bounded by lines. */
  apiMaxBodyBytes: number;
  /** Requests per minute per API key (a token bucket: bursts up to this many, refilled evenly). */
  apiRateLimitPerMinute: number;
  /** Signs session cookies. Unset on embedded defaults: generated once under dataDir by `npm start`. */
  sessionSecret?: string;
  /** Keys the HMAC that stores borrowers' ID numbers. Unset on embedded defaults: generated like sessionSecret. */
  borrowerIdSalt?: string;
  /** Encrypts co-lending pairs' keys at rest (lib/reconciliation/pair-key-encryption.ts). Unset on
   * embedded defaults: generated like sessionSecret. Never changed afterwards: stored pair keys would
   * no longer open. */
  reconciliationKeySecret?: string;
  /** Largest statement file a bank may upload for one day (HTTP 413 above it). */
  reconciliationMaxStatementBytes: number;
  /** A statement not signed off by both banks this long after drafting is escalated. */
  reconciliationEscalateAfterMs: number;
  /** Seed the demo consortium (organizations, users, borrowers) into an empty database. Defaults to
   * true on the embedded database and false with DATABASE_URL: demo passwords are public. */
  seedDemo: boolean;
  sessionTtlHours: number;
  /** Failed sign-ins per account within 15 minutes before further attempts are refused. */
  signInMaxFailures: number;
  signInAccountMaxFailures: number;
  /** Sign-in attempts per minute from one client address, whatever the account. */
  signInRateLimitPerMinute: number;
  /** Web server processes sharing the port (node:cluster); the production server only. */
  webWorkers: number;
  /** Reverse proxies in front of the web server that append the client to X-Forwarded-For. 0: the
   * client is the socket's peer, and X-Forwarded-For from the client is ignored. */
  trustedProxyHops: number;
  chainRpcRequestsPerMinute: number;
  apiKeyFailuresPerMinute: number;
  /** The operator's statements for the legal review points (OPERATOR_STATEMENTS_FILE), or null. */
  operatorStatements: OperatorStatements | null;
  /** The operator's electronic seal image (OPERATOR_SEAL_IMAGE_FILE), drawn on documents only when
   * configured; null: no seal is drawn. */
  operatorSealImage: SealImage | null;
  /** The RFC 3161 timestamping authority for batch roots. Unset: an embedded TSA under dataDir,
   * which adds no independent trust (see README). */
  tsaUrl?: string;
  /** The TSA's root certificates to trust: PEM text, or the path of a PEM file. */
  tsaCaCerts?: string;
  /** The TSA policy to ask for, and to require in tokens. */
  tsaPolicyOid?: string;
  tsaTimeoutMs: number;
  /** A token whose time is further than this from the server's clock is logged. */
  timestampSkewWarningSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  let operatorStatements: OperatorStatements | null = null;
  if (e.OPERATOR_STATEMENTS_FILE) {
    try {
      operatorStatements = readOperatorStatements(path.resolve(/*turbopackIgnore: true*/ e.OPERATOR_STATEMENTS_FILE));
    } catch (error) {
      if (error instanceof OperatorStatementsError) throw new ConfigError([error.message]);
      throw error;
    }
  }
  let operatorSealImage: SealImage | null = null;
  if (e.OPERATOR_SEAL_IMAGE_FILE) {
    try {
      operatorSealImage = readOperatorSealImage(path.resolve(/*turbopackIgnore: true*/ e.OPERATOR_SEAL_IMAGE_FILE));
    } catch (error) {
      if (error instanceof OperatorSealImageError) throw new ConfigError([error.message]);
      throw error;
    }
  }
  const dataDir = path.resolve(/*turbopackIgnore: true*/ e.DATA_DIR);
  return {
    port: e.PORT,
    dataDir,
    storageDir: path.resolve(/*turbopackIgnore: true*/ e.STORAGE_DIR ?? path.join(dataDir, 'storage')),
    databaseUrl: e.DATABASE_URL,
    embeddedPostgresPort: e.EMBEDDED_PG_PORT,
    chainRpcUrl: e.CHAIN_RPC_URL,
    localChainPort: e.LOCAL_CHAIN_PORT,
    anchorPrivateKey: e.ANCHOR_PRIVATE_KEY,
    memberAnchorKeys: e.MEMBER_ANCHOR_KEYS ?? [],
    anchorContractAddress: e.ANCHOR_CONTRACT_ADDRESS?.toLowerCase(),
    reconciliationAnchorAddress: e.RECONCILIATION_ANCHOR_ADDRESS?.toLowerCase(),
    issuerPrivateKey: e.ISSUER_PRIVATE_KEY,
    issuerName: e.ISSUER_NAME,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    publicBaseUrlConfigured: e.PUBLIC_BASE_URL !== undefined,
    chainReceiptTimeoutMs: e.CHAIN_RECEIPT_TIMEOUT_MS,
    chainConfirmations: e.CHAIN_CONFIRMATIONS,
    anchorStuckAfterMs: e.ANCHOR_STUCK_AFTER_MS,
    anchorGasLimit: e.ANCHOR_GAS_LIMIT,
    anchorMaxInFlight: e.ANCHOR_MAX_IN_FLIGHT,
    batchIntervalMs: e.BATCH_INTERVAL_MS,
    batchMaxLeaves: e.BATCH_MAX_LEAVES,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    resumableUploadExpiryMs: e.RESUMABLE_UPLOAD_EXPIRY_MINUTES * 60_000,
    apiMaxBodyBytes: e.API_MAX_BODY_BYTES,
    apiRateLimitPerMinute: e.API_RATE_LIMIT_PER_MINUTE,
    sessionSecret: e.SESSION_SECRET,
    borrowerIdSalt: e.BORROWER_ID_SALT,
    reconciliationKeySecret: e.RECONCILIATION_KEY_SECRET,
    reconciliationMaxStatementBytes: e.RECONCILIATION_MAX_STATEMENT_BYTES,
    reconciliationEscalateAfterMs: e.RECONCILIATION_ESCALATE_AFTER_HOURS * 3_600_000,
    seedDemo: e.SEED_DEMO ?? e.DATABASE_URL === undefined,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    signInMaxFailures: e.SIGN_IN_MAX_FAILURES,
    signInAccountMaxFailures: e.SIGN_IN_ACCOUNT_MAX_FAILURES,
    signInRateLimitPerMinute: e.SIGN_IN_RATE_LIMIT_PER_MINUTE,
    webWorkers: e.WEB_WORKERS,
    trustedProxyHops: e.TRUSTED_PROXY_HOPS,
    operatorStatements,
    operatorSealImage,
    chainRpcRequestsPerMinute: e.CHAIN_RPC_REQUESTS_PER_MINUTE,
    apiKeyFailuresPerMinute: e.API_KEY_FAILURES_PER_MINUTE,
    tsaUrl: e.TSA_URL,
    tsaCaCerts: e.TSA_CA_CERTS,
    tsaPolicyOid: e.TSA_POLICY_OID,
    tsaTimeoutMs: e.TSA_TIMEOUT_MS,
    timestampSkewWarningSeconds: e.TIMESTAMP_SKEW_WARNING_SECONDS,
  };
}

/** Settings that only matter together, checked when the platform starts. */
export function assertStartupConfig(config: Config): void {
  const problems: string[] = [];
  // The anchoring worker signs transactions; the web server never holds this key.
  if (config.chainRpcUrl && !config.anchorPrivateKey) {
    problems.push('ANCHOR_PRIVATE_KEY: is required when CHAIN_RPC_URL points at an external chain');
  }
  // A token is worth only the root it chains to; an external TSA comes with the roots to trust.
  if (config.tsaUrl && !config.tsaCaCerts) {
    problems.push('TSA_CA_CERTS: is required when TSA_URL points at an external timestamping authority');
  }
  if (problems.length > 0) throw new ConfigError(problems);
}

/** The web server signs certificates and sessions and keys the borrower-ID hash. A generated secret
 * lives on one machine's disk, so a real deployment (an external database, possibly several servers)
 * names each of them explicitly. */
export function assertSecretsConfig(config: Config): void {
  if (!config.databaseUrl) return;
  const problems: string[] = [];
  const needed = 'is required when DATABASE_URL points at an external database';
  if (!config.issuerPrivateKey) problems.push(`ISSUER_PRIVATE_KEY: ${needed}`);
  if (!config.sessionSecret) problems.push(`SESSION_SECRET: ${needed} (32+ random characters)`);
  if (!config.borrowerIdSalt) problems.push(`BORROWER_ID_SALT: ${needed} (32+ random characters, never changed afterwards)`);
  if (!config.reconciliationKeySecret) {
    problems.push(`RECONCILIATION_KEY_SECRET: ${needed} (32+ random characters, never changed afterwards)`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
}

let cached: Config | undefined;

/** The process-wide configuration, parsed on first use. */
export function getConfig(): Config {
  cached ??= loadConfig();
  return cached;
}
