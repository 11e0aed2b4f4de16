import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { measureBundle } from './bundle-size.js';
import { measureApisAtScale } from './apis-at-scale.js';

/**
 * `npm run bench`: builds the console, measures what sign-in and the APIs screen cost in bytes, then
 * times sign-in to the full APIs table on the scale profile (1,000 APIs) and counts the AWS requests.
 * Prints the figures and writes them to bench/RESULTS.md.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const BUDGET_KB = 200;

execSync('npx vite build --logLevel warn', { cwd: root, stdio: 'inherit' });
const bundle = measureBundle(`${root}dist`);
const scale = await measureApisAtScale(root);

const kb = (n: number) => (n / 1024).toFixed(1);
const median = [...scale.signInToTableMs].sort((a, b) => a - b)[Math.floor(scale.signInToTableMs.length / 2)]!;
const listRequests = scale.requests.getRestApis + scale.requests.getApis;
const expected = scale.expectedListRequests.getRestApis + scale.expectedListRequests.getApis;
const lines = [
  '# Benchmark results',
  '',
  `Measured ${new Date().toISOString()} on ${process.platform} ${process.arch}, Node ${process.version}, by \`npm run bench\`.`,
  '',
  '## Bundle (gzip, level 9)',
  '',
  '| what | size | budget |',
  '| --- | --- | --- |',
  `| JS for the sign-in screen | ${kb(bundle.signInJsGzip)} KB | |`,
  `| JS for sign-in + the APIs screen | ${kb(bundle.signInAndApisJsGzip)} KB | ${BUDGET_KB} KB ${bundle.signInAndApisJsGzip <= BUDGET_KB * 1024 ? '(within)' : '(OVER)'} |`,
  '',
  'Largest files:',
  '',
  ...bundle.files.slice(0, 8).map((f) => `- ${f.file}: ${kb(f.gzip)} KB`),
  '',
  `## Sign-in to the full APIs table, scale profile (${scale.apis} APIs)`,
  '',
  '| what | figure |',
  '| --- | --- |',
  `| time, click on Sign in to the table rendered (median of ${scale.signInToTableMs.length}) | ${median} ms (runs: ${scale.signInToTableMs.join(', ')} ms) |`,
  `| Cognito requests (InitiateAuth, GetId, GetCredentialsForIdentity) | ${scale.requests.cognito} |`,
  `| GetRestApis requests (page minimum ${scale.expectedListRequests.getRestApis}) | ${scale.requests.getRestApis} |`,
  `| GetApis requests (page minimum ${scale.expectedListRequests.getApis}) | ${scale.requests.getApis} |`,
  `| other AWS requests | ${scale.requests.other} |`,
  `| list requests vs. page minimum ceil(N/500) per list | ${listRequests} vs ${expected} ${listRequests === expected ? '(at the minimum)' : '(ABOVE the minimum)'} |`,
  '',
];
const report = lines.join('\n');
writeFileSync(`${root}bench/RESULTS.md`, report);
console.log(report);
if (bundle.signInAndApisJsGzip > BUDGET_KB * 1024 || listRequests !== expected) process.exitCode = 1;
