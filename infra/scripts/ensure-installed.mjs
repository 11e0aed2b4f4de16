// Installs infra's packages (npm ci) when they are missing or do not match package-lock.json, so the
// root `npm test` works on a fresh clone after only the root install, and stays fast once installed.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const infra = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = JSON.parse(readFileSync(join(infra, 'package-lock.json'), 'utf8'));
const installedFile = join(infra, 'node_modules', '.package-lock.json');
const installed = existsSync(installedFile) ? JSON.parse(readFileSync(installedFile, 'utf8')).packages ?? {} : {};

const stale = Object.entries(lock.packages)
  .filter(([key, pkg]) => key !== '' && !pkg.optional)
  .filter(([key, pkg]) => installed[key]?.version !== pkg.version)
  .map(([key]) => key.replace(/^node_modules\//, ''));

if (stale.length) {
  console.log(`infra: installing its packages (npm ci): ${stale.length} missing or outdated, e.g. ${stale.slice(0, 3).join(', ')}`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: infra, stdio: 'inherit' });
}
