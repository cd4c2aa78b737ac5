// Browser-side hashing of a large file with the upload form's own sha256File
// (app/_components/sha256-file.ts), in Debian's Chromium through Playwright: time, MiB/s, and how much
// the tab's memory grows while it hashes (the target: flat, under 64 MiB of growth for 1 GiB).
//
//   npx tsx bench/browser-hashing.ts [MiB=1024] [--runs=3] [--module=app/_components/sha256-file.ts]
//
// --module bundles another module exporting sha256File (an earlier version, to compare).
// The module is bundled with esbuild into a blank page; the file is a real file on disk handed to a
// file input (Playwright gives Chromium its path, so the page reads it from disk as a user's would).
// Memory is sampled every 50 ms while hashing: the JS heap (CDP Performance.getMetrics,
// JSHeapUsedSize) and the resident memory of the tab's renderer process (/proc: VmRSS, and RssAnon,
// the part the page allocated), and the peak growth over the value just before hashing is printed. The digest is checked against node:crypto.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium } from '@playwright/test';

const MiB = 1024 * 1024;
const args = process.argv.slice(2);
const sizeMiB = Number(args.find((a) => /^\d+$/.test(a)) ?? 1024);
const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3);
const root = path.resolve(import.meta.dirname, '..');
const modulePath = path.resolve(root, args.find((a) => a.startsWith('--module='))?.slice(9) ?? 'app/_components/sha256-file.ts');

async function writeTestFile(file: string): Promise<string> {
  const out = createWriteStream(file);
  const hash = createHash('sha256');
  const block = randomBytes(MiB);
  for (let i = 0; i < sizeMiB; i++) {
    block[0] = i & 0xff; // no two MiB alike
    hash.update(block);
    if (!out.write(block)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  // Read it once so every run reads it from the page cache alike.
  for await (const chunk of createReadStream(file, { highWaterMark: 4 * MiB })) void chunk;
  return '0x' + hash.digest('hex');
}

async function bundleSha256File(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import { sha256File } from ${JSON.stringify(modulePath)};
        window.hashPicked = async () => {
          const file = document.getElementById('file').files[0];
          const started = performance.now();
          const hex = await sha256File(file, (hashed) => { window.hashedBytes = hashed; });
          return { hex, ms: performance.now() - started };
        };`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    tsconfig: path.join(root, 'tsconfig.json'),
  });
  return result.outputFiles[0].text;
}

/** The PIDs of every process descended from `pid` (Chromium's zygote and its renderers). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const child of children.get(p) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

/** Resident memory of the browser's renderer processes: all of it, and the anonymous part (what the
 * page allocated; the rest is mapped files and shared memory). */
function rendererMemory(browserPid: number): { rss: number; anon: number } {
  const total = { rss: 0, anon: 0 };
  for (const pid of descendants(browserPid)) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      total.rss += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
      total.anon += Number(/RssAnon:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

async function main(): Promise<void> {
  const file = path.join(tmpdir(), `evident-hash-bench-${randomUUID()}.bin`);
  const marker = `--evident-bench=${randomUUID()}`;
  try {
    console.log(`writing ${sizeMiB} MiB to ${file} ...`);
    const expected = await writeTestFile(file);
    const script = await bundleSha256File();
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', marker],
    });
    const browserPid = Number(execFileSync('pgrep', ['-f', '-o', '--', marker], { encoding: 'utf8' }).trim());
    const version = browser.version();
    const results: Array<{ ms: number; heapGrowth: number; rssGrowth: number; anonGrowth: number }> = [];
    for (let run = 1; run <= runs; run++) {
      const page = await browser.newPage();
      await page.setContent(`<!doctype html><input type="file" id="file"><script>${script}</script>`);
      await page.locator('#file').setInputFiles(file);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      await cdp.send('HeapProfiler.collectGarbage');
      const heapNow = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize')!.value;
      const heapBefore = await heapNow();
      const before = rendererMemory(browserPid);
      let heapPeak = heapBefore;
      const peak = { ...before };
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          heapPeak = Math.max(heapPeak, await heapNow());
          const now = rendererMemory(browserPid);
          peak.rss = Math.max(peak.rss, now.rss);
          peak.anon = Math.max(peak.anon, now.anon);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      const { hex, ms } = await page.evaluate(() => (window as unknown as { hashPicked: () => Promise<{ hex: string; ms: number }> }).hashPicked());
      sampling = false;
      await sampler;
      if (hex !== expected) throw new Error(`run ${run}: the page computed ${hex}, node:crypto ${expected}`);
      results.push({ ms, heapGrowth: heapPeak - heapBefore, rssGrowth: peak.rss - before.rss, anonGrowth: peak.anon - before.anon });
      console.log(
        `run ${run}: ${(ms / 1000).toFixed(2)} s, ${((sizeMiB * 1000) / ms).toFixed(1)} MiB/s; ` +
          `JS heap ${(heapBefore / MiB).toFixed(1)} MiB before, peak growth ${((heapPeak - heapBefore) / MiB).toFixed(1)} MiB; ` +
          `renderer RSS ${(before.rss / MiB).toFixed(1)} MiB before, peak growth ${((peak.rss - before.rss) / MiB).toFixed(1)} MiB ` +
          `(anonymous ${(before.anon / MiB).toFixed(1)} MiB before, peak growth ${((peak.anon - before.anon) / MiB).toFixed(1)} MiB)`,
      );
      await page.close();
    }
    await browser.close();
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const ms = median(results.map((r) => r.ms));
    console.log(
      `\n${path.relative(root, modulePath)} in Chromium ${version}, ${sizeMiB} MiB, ${runs} runs, digest checked. Median: ${(ms / 1000).toFixed(2)} s, ${((sizeMiB * 1000) / ms).toFixed(1)} MiB/s; ` +
        `peak JS heap growth (max of runs) ${(Math.max(...results.map((r) => r.heapGrowth)) / MiB).toFixed(1)} MiB; ` +
        `peak renderer RSS growth (max of runs) ${(Math.max(...results.map((r) => r.rssGrowth)) / MiB).toFixed(1)} MiB, ` +
        `anonymous ${(Math.max(...results.map((r) => r.anonGrowth)) / MiB).toFixed(1)} MiB; ` +
        `load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
    );
  } finally {
    rmSync(file, { force: true });
  }
}

await main();
