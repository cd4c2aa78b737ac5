// PostgreSQL advisory lock keys, in one place so no two features pick the same number.

/** Held shared by every ingest transaction and exclusively, briefly, by the sealer to find the
 * highest sequence whose transaction has committed (see get-sealable-watermark.ts). */
export const INGEST_LOCK_KEY = 0x45564931; // "EVI1"

/** Only one process seals at a time. */
export const SEAL_LOCK_KEY = 0x45565331; // "EVS1"

/** Only one process sends anchor transactions at a time (it owns the signer's nonce). */
export const ANCHOR_LOCK_KEY = 0x45564131; // "EVA1"

/** Serializes audit log appends, so each entry names the hash of the one before it. */
export const AUDIT_LOCK_KEY = 0x45564c31; // "EVL1"

/** Serializes drawing case numbers, so two cases filed at once never get the same EVC-YYYY-NNNNNN. */
export const CASE_NUMBER_LOCK_KEY = 0x45564331; // "EVC1"

/** Only one process requests RFC 3161 timestamps for batch roots at a time. */
export const TIMESTAMP_LOCK_KEY = 0x45565431; // "EVT1"

/** Serializes concurrent starters applying migrations to one database (apply-migrations.ts). */
export const MIGRATIONS_LOCK_KEY = 0x45564d31; // "EVM1"

/** With the pair's hashtext as second key: serializes committing sides of one co-lending pair, so each
 * bank's receipt chain has one head and exactly one request sees a day's second side arrive. */
export const RECONCILIATION_PAIR_LOCK_KEY = 0x45565231; // "EVR1"

/** With hashtext of "<pair>/<date>" as second key: one process drafts a day's statement at a time. */
export const RECONCILIATION_STATEMENT_LOCK_KEY = 0x45565332; // "EVS2"
