#!/usr/bin/env node
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { ConsoleStack, type MfaMode } from '../lib/console-stack';
import { INFRA_ROOT } from '../lib/policies';

/**
 * `npm --prefix infra run deploy -- -c adminEmail=you@example.com` (see the README). Context:
 *   adminEmail     the first admin's email (required on every deploy: changing it replaces that user)
 *   adminUsername  the first admin's user name (default admin)
 *   mfa            optional (default) or required
 *   stackName      default GatewayConsole
 *   distPath       the console's build (default ../dist)
 * Account and region are those of the AWS credentials the CDK CLI runs with.
 */
const app = new App();
const context = (key: string): string | undefined => {
  const v: unknown = app.node.tryGetContext(key);
  return v === undefined || v === null || v === '' ? undefined : String(v);
};

const adminEmail = context('adminEmail');
if (!adminEmail) {
  throw new Error('Pass the first admin\'s email: npm --prefix infra run deploy -- -c adminEmail=you@example.com');
}

new ConsoleStack(app, context('stackName') ?? 'GatewayConsole', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  description: 'Gateway console: Cognito sign-in, IAM roles per group, S3 + CloudFront hosting',
  distPath: path.resolve(INFRA_ROOT, context('distPath') ?? '../dist'),
  adminEmail,
  adminUsername: context('adminUsername'),
  mfa: (context('mfa') ?? 'optional') as MfaMode,
});
