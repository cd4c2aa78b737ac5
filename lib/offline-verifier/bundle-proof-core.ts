// Bundles the proof core (lib/proof) for a browser with esbuild: one ES module, minified, with no
// Node built-in and no module from outside lib/proof except the packages it is allowed to use.
// The offline verifier page inlines this bundle; the test beside it runs the bundle without Node.
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

/** npm packages the proof core may import (each is browser-safe and pure JavaScript). */
export const PROOF_CORE_PACKAGES = ['ethers', 'zod', '@noble/hashes', 'pdf-lib', 'canonicalize', 'pkijs', 'asn1js'] as const;

/** The sources are bundled where the platform runs: the repository root (npm start and npm test run
 * there; Next.js's server bundle has no source paths of its own). */
const ROOT = path.resolve(process.env.EVIDENT_SOURCE_DIR ?? process.cwd());
const PROOF_DIR = path.join(ROOT, 'lib/proof');
/** The verification half of lib/reconciliation, which verifyCertificate calls for a reconciliation
 * certificate: entered from lib/proof through one module, and held to the same rules as lib/proof. */
const RECONCILIATION_DIR = path.join(ROOT, 'lib/reconciliation');
const RECONCILIATION_ENTRY = path.join(RECONCILIATION_DIR, 'verify-reconciliation-certificate');

/** The offline verifier page's script. */
export const VERIFY_PAGE_ENTRY = path.join(ROOT, 'lib/offline-verifier/verify-page-app.ts');

export class ProofCoreBoundaryError extends Error {}

export interface ProofCoreBundle {
  code: string;
  /** Every source file in the bundle, relative to the repository root. */
  inputs: string[];
}

export async function bundleProofCore({
  entry = path.join(PROOF_DIR, 'index.ts'),
  globalName,
}: { entry?: string; globalName?: string } = {}): Promise<ProofCoreBundle> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'browser',
    format: globalName ? 'iife' : 'esm',
    globalName,
    target: 'es2022',
    minify: true,
    absWorkingDir: ROOT,
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
    plugins: [guardProofCoreImports()],
  });
  return {
    code: result.outputFiles[0]!.text,
    inputs: Object.keys(result.metafile.inputs).map((input) => path.relative(ROOT, path.resolve(input))),
  };
}

function guardProofCoreImports(): Plugin {
  return {
    name: 'proof-core-boundary',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const spec = args.path;
        if (spec.startsWith('node:')) {
          throw new ProofCoreBoundaryError(`${args.importer} imports the Node built-in ${spec}`);
        }
        // The entry (a page's own script) may import anything browser-safe; what lib/proof (and the
        // reconciliation verifier it calls) imports is held.
        const fromProof = args.importer.startsWith(PROOF_DIR + path.sep);
        const fromReconciliation = args.importer.startsWith(RECONCILIATION_DIR + path.sep);
        if (!fromProof && !fromReconciliation) return undefined;
        if (spec.startsWith('.') || path.isAbsolute(spec)) {
          const target = path.resolve(path.dirname(args.importer), spec).replace(/\.ts$/, '');
          const inProof = target.startsWith(PROOF_DIR + path.sep);
          const inReconciliation = target.startsWith(RECONCILIATION_DIR + path.sep);
          if (inProof || (fromReconciliation && inReconciliation) || target === RECONCILIATION_ENTRY) return undefined;
          throw new ProofCoreBoundaryError(`${args.importer} imports ${spec}, outside lib/proof`);
        }
        const allowed = PROOF_CORE_PACKAGES.some((name) => spec === name || spec.startsWith(`${name}/`));
        if (!allowed) throw new ProofCoreBoundaryError(`${args.importer} imports ${spec}, which is not a proof-core package`);
        return undefined;
      });
    },
  };
}
