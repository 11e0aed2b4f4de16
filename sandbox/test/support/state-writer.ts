/**
 * Child process for the persistence test: saves a large state over and over with the sandbox's own
 * saveState until it is killed, so the test can kill it mid-write and check what is left on disk.
 * Usage: node --import tsx state-writer.ts <file>
 */
import { saveState } from '../../src/core/state.js';
import type { SandboxState } from '../../src/core/types.js';

const file = process.argv[2];
if (!file) throw new Error('usage: state-writer.ts <file>');

const padding = 'x'.repeat(1024);
let generation = 0;
for (;;) {
  generation++;
  const state: SandboxState = {
    version: 1,
    auth: { roles: {}, credentials: {} },
    services: { filler: { generation, rows: Array.from({ length: 4000 }, (_, i) => ({ i, generation, padding })) } },
  };
  saveState(file, state);
  if (generation === 1) process.stdout.write('ready\n');
}
