import { fileURLToPath } from 'node:url';
import { createServer, preview } from 'vite';
import { startSandbox } from './server.js';
import { PROFILES, seedFor, type Profile } from './seed/index.js';
import { DEMO_PASSWORD, DEMO_USERS } from './seed/ids.js';
import { consoleConfigPlugin } from './console-config-plugin.js';
import { startTraffic } from './dataplane/traffic.js';

/**
 * `npm start`: the sandbox and the console together. PORT sets the console's port (5173),
 * SANDBOX_PORT the sandbox's (4580), SANDBOX_PROFILE its seed, SANDBOX_DATA a file to keep state in.
 * `--preview` serves the production build in dist/ instead of the dev server (tests and bench use it).
 * On the demo profile the traffic generator calls the demo APIs in the background (a request or two a
 * second); SANDBOX_TRAFFIC=off turns it off.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const profile = (process.env.SANDBOX_PROFILE ?? 'demo') as Profile;
if (!PROFILES.includes(profile)) {
  console.error(`SANDBOX_PROFILE must be one of ${PROFILES.join(', ')}; got "${profile}".`);
  process.exit(2);
}
const sandboxPort = Number(process.env.SANDBOX_PORT ?? 4580);
const consolePort = Number(process.env.PORT ?? 5173);
const usePreview = process.argv.includes('--preview');

const sandbox = await startSandbox({ port: sandboxPort, dataFile: process.env.SANDBOX_DATA || undefined, seed: seedFor(profile) });
const plugins = [consoleConfigPlugin(`${root}public/config.json`, sandbox.url)];
const traffic = profile === 'demo' && process.env.SANDBOX_TRAFFIC !== 'off' ? startTraffic(sandbox) : undefined;

const server = usePreview
  ? await preview({ root, plugins, preview: { port: consolePort, strictPort: true, host: 'localhost' } })
  : await createServer({ root, plugins, server: { port: consolePort, strictPort: true, host: 'localhost' } }).then((s) => s.listen());

const url = `http://localhost:${consolePort}/`;
console.log(`\nSandbox ready at ${sandbox.url} (profile ${profile})`);
console.log(`APIs are served at ${sandbox.url}/_invoke/{apiId}/{stage}/{path}${traffic ? '; demo traffic is running (SANDBOX_TRAFFIC=off stops it)' : ''}`);
console.log(`Console ready at ${url}`);
console.log(`Sign in as ${DEMO_USERS.map((u) => u.username).join(', ')} with the password ${DEMO_PASSWORD}\n`);

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    traffic?.stop();
    void Promise.all([server.close(), sandbox.close()]).then(() => process.exit(0));
  });
}
