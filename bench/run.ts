import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { measureBundle } from './bundle-size.js';
import { measureApisAtScale } from './apis-at-scale.js';
import { measureKeysAtScale } from './keys-at-scale.js';
import { measureFleetAtScale } from './dashboards-at-scale.js';

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
const keys = await measureKeysAtScale(root);
const fleet = await measureFleetAtScale(root);

const kb = (n: number) => (n / 1024).toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const listRequests = scale.requests.getRestApis + scale.requests.getApis;
const expected = scale.expectedListRequests.getRestApis + scale.expectedListRequests.getApis;
const fleetBudget = Math.ceil(fleet.queries / 500);
const fleetOver = fleet.calls.some((c) => c > fleetBudget);
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
  `| … CloudWatch clients and recharts in it | ${bundle.dashboardCodeOutsideApis ? 'none' : 'SOME (they should load only with the health screens)'} | none |`,
  `| dashboard chunk: what a health screen adds (route, CloudWatch and Logs clients) | ${kb(bundle.dashboard.routeJsGzip)} KB | |`,
  `| … and its charts (recharts), loaded when the first chart draws | ${kb(bundle.dashboard.chartJsGzip)} KB | |`,
  `| … together | ${kb(bundle.dashboard.totalJsGzip)} KB | |`,
  '',
  'Largest files:',
  '',
  ...bundle.files.slice(0, 8).map((f) => `- ${f.file}: ${kb(f.gzip)} KB`),
  '',
  `## Sign-in to the full APIs table, scale profile (${scale.apis} APIs)`,
  '',
  '| what | figure |',
  '| --- | --- |',
  `| time, click on Sign in to the table rendered (median of ${scale.signInToTableMs.length}) | ${median(scale.signInToTableMs)} ms (runs: ${scale.signInToTableMs.join(', ')} ms) |`,
  `| Cognito requests (InitiateAuth, GetId, GetCredentialsForIdentity) | ${scale.requests.cognito} |`,
  `| GetRestApis requests (page minimum ${scale.expectedListRequests.getRestApis}) | ${scale.requests.getRestApis} |`,
  `| GetApis requests (page minimum ${scale.expectedListRequests.getApis}) | ${scale.requests.getApis} |`,
  `| other AWS requests | ${scale.requests.other} |`,
  `| list requests vs. page minimum ceil(N/500) per list | ${listRequests} vs ${expected} ${listRequests === expected ? '(at the minimum)' : '(ABOVE the minimum)'} |`,
  '',
  `## Fleet health overview, scale profile (${fleet.apis} APIs)`,
  '',
  '| what | figure | budget |',
  '| --- | --- | --- |',
  `| GetMetricData queries (4 per REST name or HTTP API, 5 per WebSocket API) | ${fleet.queries} | |`,
  `| GetMetricData requests per load (runs: ${fleet.calls.join(', ')}) | ${Math.max(...fleet.calls)} | ceil(${fleet.queries}/500) = ${fleetBudget} ${fleetOver ? '(OVER)' : '(within)'} |`,
  `| time, click on "Health" to the fleet's figures (median of ${fleet.ms.length}; runs: ${fleet.ms.join(', ')} ms) | ${median(fleet.ms)} ms | |`,
  '',
  `## API keys, scale profile (${keys.keys} keys, 300 usage plans)`,
  '',
  '| what | figure | budget |',
  '| --- | --- | --- |',
  `| time, click on "API keys" to the count of every key shown | ${keys.listMs} ms | |`,
  `| GetApiKeys requests | ${keys.getApiKeysRequests} | ${Math.ceil(keys.keys / 500)} pages ${keys.getApiKeysRequests <= Math.ceil(keys.keys / 500) ? '(within)' : '(OVER)'} |`,
  `| keystroke to filtered table (median of ${keys.keystrokeMs.length}; each: ${keys.keystrokeMs.join(', ')} ms) | ${median(keys.keystrokeMs)} ms | 50 ms ${median(keys.keystrokeMs) < 50 ? '(within)' : '(OVER)'} |`,
  `| bulk rotation of ${keys.bulk.keys} keys, wall time | ${keys.bulk.wallMs} ms | |`,
  `| … AWS requests it took (CreateApiKey among them) | ${keys.bulk.awsRequests} (${keys.bulk.createApiKey}) | |`,
  `| … least time the quotas allow for those requests (burst 40, then 10/s; CreateApiKey 5/s) | ${keys.bulk.minimumMs} ms | ratio ${(keys.bulk.wallMs / Math.max(1, keys.bulk.minimumMs)).toFixed(2)} |`,
  '',
];
const report = lines.join('\n');
writeFileSync(`${root}bench/RESULTS.md`, report);
console.log(report);
if (bundle.signInAndApisJsGzip > BUDGET_KB * 1024 || fleetOver || !bundle.dashboardCodeOutsideApis || listRequests !== expected || keys.getApiKeysRequests > Math.ceil(keys.keys / 500) || median(keys.keystrokeMs) >= 50) process.exitCode = 1;
