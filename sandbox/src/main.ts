import { startSandbox } from './server.js';
import { PROFILES, seedFor, type Profile } from './seed/index.js';

/** `npm run sandbox`: the sandbox alone. SANDBOX_PORT, SANDBOX_PROFILE, SANDBOX_DATA configure it. */
const profile = (process.env.SANDBOX_PROFILE ?? 'demo') as Profile;
if (!PROFILES.includes(profile)) {
  console.error(`SANDBOX_PROFILE must be one of ${PROFILES.join(', ')}; got "${profile}".`);
  process.exit(2);
}
const port = Number(process.env.SANDBOX_PORT ?? 4580);
const sandbox = await startSandbox({
  port,
  host: process.env.SANDBOX_HOST ?? '127.0.0.1',
  dataFile: process.env.SANDBOX_DATA || undefined,
  seed: seedFor(profile),
});
console.log(`Sandbox ready at ${sandbox.url} (profile ${profile}${process.env.SANDBOX_DATA ? `, state in ${process.env.SANDBOX_DATA}` : ', in memory'})`);

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
