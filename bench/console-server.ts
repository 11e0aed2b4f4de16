import { once } from 'node:events';
import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser } from '@playwright/test';

/** The built console with a sandbox of the given profile, on ports of its own, for one benchmark. */
export async function startConsole(root: string, profile: 'demo' | 'scale', consolePort: number, sandboxPort: number): Promise<{ stop(): void }> {
  const server: ChildProcess = spawn('npx', ['tsx', 'sandbox/src/start.ts', '--preview'], {
    cwd: root,
    env: { ...process.env, PORT: String(consolePort), SANDBOX_PORT: String(sandboxPort), SANDBOX_PROFILE: profile },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  await waitForLine(server.stdout!, /Console ready/, 60_000);
  return {
    stop: () => {
      try {
        process.kill(-server.pid!, 'SIGTERM');
      } catch {
        /* already gone */
      }
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

async function waitForLine(stream: NodeJS.ReadableStream, pattern: RegExp, timeoutMs: number): Promise<void> {
  let buf = '';
  const timer = setTimeout(() => stream.emit('error', new Error(`timed out waiting for ${pattern}`)), timeoutMs);
  try {
    for (;;) {
      const [chunk] = (await once(stream, 'data')) as [Buffer];
      buf += chunk.toString();
      if (pattern.test(buf)) return;
    }
  } finally {
    clearTimeout(timer);
  }
}
