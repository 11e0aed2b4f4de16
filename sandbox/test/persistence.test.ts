import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { APIGatewayClient, CreateRestApiCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import {
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { startSandbox } from '../src/server.js';
import { loadState } from '../src/core/state.js';
import { DEMO_IDENTITY_POOL_ID, DEMO_USER_POOL_CLIENT_ID, DEMO_USER_POOL_ID } from '../src/seed/ids.js';
import { NEWBIE_TEMP_PASSWORD } from '../src/seed/cognito.js';
import { clientConfig, startTestSandbox } from './support/sandbox.js';
import { cognitoClients, PROVIDER_NAME, signIn } from './support/sign-in.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'sandbox-state-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const refuseSeed = () => {
  throw new Error('the seed must not run over a saved state');
};

describe('state file', () => {
  it('keeps changes, sign-ins and issued credentials across a restart, without seeding again', async () => {
    const file = join(tempDir(), 'sandbox.json');
    const first = await startTestSandbox('empty', { dataFile: file });
    expect(existsSync(file)).toBe(true);

    const admin = await signIn(first, 'admin');
    const { idp } = cognitoClients(first);
    const challenge = await idp.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: DEMO_USER_POOL_CLIENT_ID, AuthParameters: { USERNAME: 'newbie', PASSWORD: NEWBIE_TEMP_PASSWORD } }),
    );
    await idp.send(
      new RespondToAuthChallengeCommand({
        ClientId: DEMO_USER_POOL_CLIENT_ID,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: 'newbie', NEW_PASSWORD: 'Chosen-Passw0rd!' },
      }),
    );
    const created = await new APIGatewayClient(clientConfig(first, admin.credentials)).send(new CreateRestApiCommand({ name: 'survives-restart' }));
    const jwksBefore = await (await fetch(`${first.url}/${DEMO_USER_POOL_ID}/.well-known/jwks.json`)).text();
    await first.close();

    // What is on disk is complete JSON that holds it all.
    expect(() => JSON.parse(readFileSync(file, 'utf8'))).not.toThrow();

    const second = await startSandbox({ dataFile: file, seed: refuseSeed });
    try {
      const again = cognitoClients(second);
      // The key pair survived: old tokens verify, the JWKS is the same.
      expect(await (await fetch(`${second.url}/${DEMO_USER_POOL_ID}/.well-known/jwks.json`)).text()).toBe(jwksBefore);
      expect((await again.idp.send(new GetUserCommand({ AccessToken: admin.accessToken }))).Username).toBe('admin');
      const refreshed = await again.idp.send(
        new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: DEMO_USER_POOL_CLIENT_ID, AuthParameters: { REFRESH_TOKEN: admin.refreshToken } }),
      );
      expect(refreshed.AuthenticationResult?.IdToken).toEqual(expect.any(String));
      // The identity is the same one, and the credentials issued before the restart still sign.
      const { IdentityId } = await again.identity.send(
        new GetIdCommand({ IdentityPoolId: DEMO_IDENTITY_POOL_ID, Logins: { [PROVIDER_NAME]: refreshed.AuthenticationResult!.IdToken! } }),
      );
      expect(IdentityId).toBe(admin.identityId);
      const apis = await new APIGatewayClient(clientConfig(second, admin.credentials)).send(new GetRestApisCommand({}));
      expect(apis.items?.map((a) => a.id)).toContain(created.id);
      // The new password holds; the temporary one is gone.
      const newbie = await signIn(second, 'newbie', 'Chosen-Passw0rd!');
      expect(newbie.credentials.accessKeyId).toMatch(/^ASIA/);
      await expect(signIn(second, 'newbie', NEWBIE_TEMP_PASSWORD)).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    } finally {
      await second.close();
    }
  });

  it('ignores a leftover temporary file from an interrupted write', async () => {
    const dir = tempDir();
    const file = join(dir, 'sandbox.json');
    const first = await startTestSandbox('empty', { dataFile: file });
    await first.close();
    writeFileSync(join(dir, `.sandbox.json.99999.tmp`), '{"version":1,"auth":{"roles":{');
    const second = await startSandbox({ dataFile: file, seed: refuseSeed });
    try {
      expect((await signIn(second, 'viewer')).identityId).toMatch(/^us-east-1:/);
    } finally {
      await second.close();
    }
  });

  it('never leaves a partial file, even when the writer is killed mid-write', async () => {
    const file = join(tempDir(), 'sandbox.json');
    const writer = fileURLToPath(new URL('./support/state-writer.ts', import.meta.url));
    for (let round = 0; round < 3; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', writer, file], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
        child.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
      });
      // Read while it writes: every read is a whole state.
      const deadline = Date.now() + 150 + round * 70;
      let reads = 0;
      while (Date.now() < deadline) {
        const parsed = JSON.parse(readFileSync(file, 'utf8')) as { version: number };
        expect(parsed.version).toBe(1);
        reads++;
        await new Promise((r) => setTimeout(r, 3));
      }
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      expect(reads).toBeGreaterThan(0);
      const state = loadState(file)!;
      expect((state.services.filler as { rows: unknown[] }).rows).toHaveLength(4000);
    }
    // Killed writers may leave temporary files behind; a sandbox starts from the real file regardless.
    const restarted = await startSandbox({ dataFile: file, seed: refuseSeed });
    await restarted.close();
  }, 30_000);
});
