/**
 * `npm run fuzz`: the long fuzzing run (not part of `npm test`). Generates mutated and from-scratch Dockerfiles and
 * Compose files (test/fuzz/harness.ts), analyzes each with every rule on, checks every offered fix's properties, and
 * prints the counts: cases, findings, fixes checked, failures, max / p99 / median analysis time. Inputs under 64 KB
 * whose analysis takes more than 50 ms are reported one by one.
 *
 * Usage: npm run fuzz [-- --runs N] [--seed S] [--out DIR]      (also BULWARK_FUZZ_RUNS, BULWARK_FUZZ_SEED)
 *        npm run fuzz -- --replay FILE...                       (re-check saved inputs; the name says the kind)
 *
 * Failing and slow inputs are saved to DIR (default out/fuzz-failures/) as `Dockerfile.NNNN` / `compose.NNNN.yaml`,
 * with a `.txt` beside each saying what failed and where the input came from. Exit status: 0 when no failure and no
 * slow input, 1 otherwise.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { analyze, detectKind, initializeCore } from '../../server/core/engine';
import { checkInput, corpusSamples, fuzzInputArb, optionsFor, TARGET_MS, TARGET_SIZE } from './harness';
import type { FuzzInput } from './harness';
import { projectRoot } from '../helpers/shared';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<number> {
  await initializeCore();
  const outDir = path.resolve(arg('--out') ?? path.join(projectRoot, 'out', 'fuzz-failures'));
  const replay = process.argv.indexOf('--replay');
  if (replay >= 0) {
    let bad = 0;
    for (const file of process.argv.slice(replay + 1).filter((f) => !f.endsWith('.txt'))) {
      const kind = detectKind(file) ?? 'dockerfile';
      const outcome = checkInput({ kind, origin: file, text: fs.readFileSync(file, 'utf8') });
      console.log(`${file}: ${outcome.ms.toFixed(1)} ms, ${outcome.findings} findings, ${outcome.fixesChecked} fixes checked`);
      for (const f of outcome.failures) console.log(`  ${f}`);
      if (outcome.failures.length) bad++;
    }
    return bad ? 1 : 0;
  }

  const runs = Number(arg('--runs') ?? process.env.BULWARK_FUZZ_RUNS ?? 100_000);
  const seed = Number(arg('--seed') ?? process.env.BULWARK_FUZZ_SEED ?? Date.now() % 2 ** 31);
  console.log(`fuzz: ${runs} cases, seed ${seed} (re-run with --seed ${seed})`);
  // Warm up (JIT) on corpus files first: a cold first analysis is not the input's time.
  const samples = corpusSamples();
  for (const kind of ['dockerfile', 'compose'] as const) for (const s of samples[kind].slice(0, 150)) analyze(s.text, optionsFor(kind));
  const arb = fuzzInputArb();
  const times: number[] = [];
  let cases = 0;
  let findings = 0;
  let fixes = 0;
  let failed = 0;
  let slow = 0;
  let saved = 0;
  let maxMs = 0;
  let maxAt = '';
  const byKind = { dockerfile: 0, compose: 0 };
  const failureKinds = new Map<string, number>();
  const started = Date.now();
  const save = (input: FuzzInput, report: string[]) => {
    fs.mkdirSync(outDir, { recursive: true });
    const n = String(++saved).padStart(4, '0');
    const base = path.join(outDir, input.kind === 'compose' ? `compose.${n}.yaml` : `Dockerfile.${n}`);
    fs.writeFileSync(base, input.text);
    fs.writeFileSync(`${base}.txt`, [`origin: ${input.origin}`, `seed: ${seed}`, ...report, ''].join('\n'));
    return base;
  };
  const batch = 500;
  for (let b = 0; cases < runs; b++) {
    for (const input of fc.sample(arb, { numRuns: Math.min(batch, runs - cases), seed: seed + b })) {
      cases++;
      byKind[input.kind]++;
      const outcome = checkInput(input);
      findings += outcome.findings;
      fixes += outcome.fixesChecked;
      if (input.text.length < TARGET_SIZE) times.push(outcome.ms);
      if (outcome.ms > maxMs && input.text.length < TARGET_SIZE) {
        maxMs = outcome.ms;
        maxAt = input.origin;
      }
      const report: string[] = [];
      if (outcome.failures.length) {
        failed++;
        report.push(...outcome.failures);
        for (const f of outcome.failures) {
          const key = f.replace(/\{.*$/, '').replace(/".*$/, '').slice(0, 80);
          failureKinds.set(key, (failureKinds.get(key) ?? 0) + 1);
        }
      }
      if (outcome.ms > TARGET_MS && input.text.length < TARGET_SIZE) {
        slow++;
        report.push(`slow: ${outcome.ms.toFixed(1)} ms for ${input.text.length} characters (target ${TARGET_MS} ms under ${TARGET_SIZE / 1024} KB)`);
      }
      if (report.length) {
        const file = save(input, report);
        console.log(`${file}: ${report[0]}`);
      }
    }
    if (b % 20 === 19) console.log(`  … ${cases} cases, ${failed} failing, ${slow} slow, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  const sorted = times.sort((a, b) => a - b);
  console.log('');
  console.log(`cases:          ${cases} (${byKind.dockerfile} Dockerfiles, ${byKind.compose} Compose files), seed ${seed}`);
  console.log(`findings:       ${findings}`);
  console.log(`fixes checked:  ${fixes}`);
  console.log(`failures:       ${failed}`);
  for (const [k, n] of [...failureKinds].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${n} × ${k}`);
  console.log(`analysis time:  median ${percentile(sorted, 50).toFixed(2)} ms, p99 ${percentile(sorted, 99).toFixed(2)} ms, max ${maxMs.toFixed(1)} ms (${maxAt})`);
  console.log(`slower than ${TARGET_MS} ms (under ${TARGET_SIZE / 1024} KB): ${slow}`);
  console.log(`wall time:      ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (saved) console.log(`saved ${saved} inputs to ${outDir} (re-check: npm run fuzz -- --replay ${outDir}/*)`);
  return failed || slow ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
