import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import type { SandboxState, ServiceModule } from './types.js';
import { emptyAuthState } from '../auth/credentials.js';

export function emptyState(modules: readonly ServiceModule[]): SandboxState {
  const services: Record<string, unknown> = {};
  for (const m of modules) services[m.name] = m.initialState();
  return { version: 1, auth: emptyAuthState(), services };
}

export function loadState(file: string): SandboxState | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as SandboxState;
  if (parsed.version !== 1) throw new Error(`${file}: unsupported sandbox state version ${String(parsed.version)}`);
  return parsed;
}

/**
 * Writes the whole state to a temporary file, flushes it to disk, then renames it over the old one.
 * A crash at any point leaves either the previous file or the new one, never half of one.
 */
export function saveState(file: string, state: SandboxState): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, JSON.stringify(state));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}
