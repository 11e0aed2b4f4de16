import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnElement } from 'aws-cdk-lib';
import { ConsoleStack, type ConsoleStackProps } from '../lib/console-stack';
import { INFRA_ROOT, ROLE_GROUPS } from '../lib/policies';

/**
 * Synthesizes the stack offline (no AWS, no Docker, no console build: a small fixture stands in for
 * dist/) and holds the template to what the deployment promises: roles from the shared policy
 * documents, sign-in settings, a private bucket and strict headers.
 */
const REGION = 'eu-west-1';
const ACCOUNT = '111111111111';
const FIXTURE_DIST = path.join(INFRA_ROOT, 'test', 'fixture-dist');

/** The feature flags of cdk.json, so the tests synthesize what `cdk deploy` does. */
const CDK_CONTEXT = (JSON.parse(readFileSync(path.join(INFRA_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;

const outdirs: string[] = [];
after(() => outdirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function synth(props: Partial<ConsoleStackProps> = {}) {
  const outdir = mkdtempSync(path.join(tmpdir(), 'gateway-console-cdk-'));
  outdirs.push(outdir);
  const app = new App({ outdir, context: CDK_CONTEXT });
  const stack = new ConsoleStack(app, 'GatewayConsole', {
    env: { account: ACCOUNT, region: REGION },
    distPath: FIXTURE_DIST,
    adminEmail: 'first.admin@example.com',
    ...props,
  });
  const template = Template.fromStack(stack);
  const assembly = app.synth();
  const json = template.toJSON() as { Resources: Record<string, { Type: string; Properties: any; DependsOn?: string[] }>; Outputs: Record<string, any> };
  const id = (c: { node: { defaultChild?: unknown } } | CfnElement) =>
    stack.getLogicalId(('node' in c && c.node.defaultChild ? c.node.defaultChild : c) as CfnElement);
  return { app, stack, template, json, id, assemblyDir: assembly.directory };
}

const s = synth();

/** The repository's document for a group, with the test environment's region and account filled in. */
function sharedDocument(group: string, region = REGION, account = ACCOUNT): unknown {
  const text = readFileSync(path.join(INFRA_ROOT, 'policies', `${group}.json`), 'utf8');
  return JSON.parse(text.replaceAll('${AWS::Region}', region).replaceAll('${AWS::AccountId}', account));
}

describe('IAM roles', () => {
  it('carry exactly the shared policy documents of infra/policies, one inline policy each', () => {
    for (const group of ROLE_GROUPS) {
      const role = s.json.Resources[s.id(s.stack.roles[group])]!;
      assert.equal(role.Type, 'AWS::IAM::Role');
      assert.deepEqual(role.Properties.Policies, [{ PolicyName: `gateway-console-${group}`, PolicyDocument: sharedDocument(group) }]);
      assert.equal(role.Properties.ManagedPolicyArns, undefined);
    }
    // Nothing else attaches to them.
    const roleIds = new Set(ROLE_GROUPS.map((g) => s.id(s.stack.roles[g])));
    for (const r of Object.values(s.json.Resources)) {
      if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy') {
        for (const ref of r.Properties.Roles ?? []) assert.ok(!roleIds.has(ref.Ref), `a policy is attached to ${ref.Ref}`);
      }
    }
  });

  it('are assumable only through this identity pool, by authenticated identities', () => {
    for (const group of ROLE_GROUPS) {
      const role = s.json.Resources[s.id(s.stack.roles[group])]!;
      assert.deepEqual(role.Properties.AssumeRolePolicyDocument, {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: 'cognito-identity.amazonaws.com' },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: { 'cognito-identity.amazonaws.com:aud': { Ref: s.id(s.stack.identityPool) } },
              'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
            },
          },
        ],
      });
      assert.equal(role.Properties.MaxSessionDuration, 3600);
    }
  });

  it('fill the placeholders with the stack region and account even when the stack is environment-agnostic', () => {
    const app = new App({ outdir: mkdtempSync(path.join(tmpdir(), 'gateway-console-cdk-')), context: CDK_CONTEXT });
    outdirs.push(app.outdir);
    const stack = new ConsoleStack(app, 'Agnostic', { distPath: FIXTURE_DIST, adminEmail: 'a@example.com' });
    const role = Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(stack.roles.viewer.node.defaultChild as CfnElement)];
    const text = JSON.stringify(role.Properties.Policies);
    assert.ok(!text.includes('${'), text);
    assert.ok(text.includes('{"Ref":"AWS::Region"}') && text.includes('{"Ref":"AWS::AccountId"}'));
  });
});

describe('Cognito user pool', () => {
  it('requires strong passwords, offers TOTP MFA, and has no self sign-up', () => {
    s.template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: { MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true },
      },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
      DeletionProtection: 'ACTIVE',
    });
    s.template.resourceCountIs('AWS::Cognito::UserPool', 1);
  });

  it('requires MFA when asked to (-c mfa=required)', () => {
    const required = synth({ mfa: 'required' });
    required.template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] });
    assert.throws(() => synth({ mfa: 'sometimes' as never }), /mfa must be "optional" or "required"/);
  });

  it('has the console client: no secret, password and refresh flows only, no OAuth, revocable 1 h tokens, 30 d refresh', () => {
    s.template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    const client = s.json.Resources[s.id(s.stack.userPoolClient)]!.Properties;
    assert.deepEqual(client.ExplicitAuthFlows, ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    assert.equal(client.GenerateSecret, false);
    assert.equal(client.PreventUserExistenceErrors, 'ENABLED');
    assert.equal(client.EnableTokenRevocation, true);
    assert.equal(client.AllowedOAuthFlowsUserPoolClient, false);
    assert.equal(client.AllowedOAuthFlows, undefined);
    assert.equal(client.CallbackURLs, undefined);
    assert.deepEqual(
      { id: client.IdTokenValidity, access: client.AccessTokenValidity, refresh: client.RefreshTokenValidity, units: client.TokenValidityUnits },
      { id: 60, access: 60, refresh: 30 * 24 * 60, units: { IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'minutes' } },
    );
  });

  it('has the three groups, each with its role and precedence admin 1, operator 2, viewer 3', () => {
    s.template.resourceCountIs('AWS::Cognito::UserPoolGroup', 3);
    for (const [group, precedence] of [['admin', 1], ['operator', 2], ['viewer', 3]] as const) {
      s.template.hasResourceProperties('AWS::Cognito::UserPoolGroup', {
        GroupName: group,
        Precedence: precedence,
        RoleArn: { 'Fn::GetAtt': [s.id(s.stack.roles[group]), 'Arn'] },
        UserPoolId: { Ref: s.id(s.stack.userPool) },
      });
    }
  });

  it('invites the first admin by email and puts them in the admin group', () => {
    s.template.hasResourceProperties('AWS::Cognito::UserPoolUser', {
      Username: 'admin',
      DesiredDeliveryMediums: ['EMAIL'],
      UserAttributes: [
        { Name: 'email', Value: 'first.admin@example.com' },
        { Name: 'email_verified', Value: 'true' },
      ],
    });
    s.template.hasResourceProperties('AWS::Cognito::UserPoolUserToGroupAttachment', {
      GroupName: { Ref: Match.stringLikeRegexp('^AdminGroup') },
      Username: { Ref: 'FirstAdmin' },
    });
    assert.throws(() => synth({ adminEmail: 'not-an-email' }), /not an email address/);
  });
});

describe('Cognito identity pool', () => {
  it('admits only users of the pool through the console client, no unauthenticated identities, no classic flow', () => {
    s.template.hasResourceProperties('AWS::Cognito::IdentityPool', {
      AllowUnauthenticatedIdentities: false,
      AllowClassicFlow: false,
      CognitoIdentityProviders: [
        {
          ClientId: { Ref: s.id(s.stack.userPoolClient) },
          ProviderName: { 'Fn::GetAtt': [s.id(s.stack.userPool), 'ProviderName'] },
          ServerSideTokenCheck: true,
        },
      ],
    });
  });

  it('takes the role from the token (the group), and denies when it is ambiguous', () => {
    s.template.resourceCountIs('AWS::Cognito::IdentityPoolRoleAttachment', 1);
    s.template.hasResourceProperties('AWS::Cognito::IdentityPoolRoleAttachment', {
      IdentityPoolId: { Ref: s.id(s.stack.identityPool) },
      Roles: { authenticated: { 'Fn::GetAtt': [s.id(s.stack.roles.viewer), 'Arn'] } },
      RoleMappings: {
        userPool: {
          Type: 'Token',
          AmbiguousRoleResolution: 'Deny',
          IdentityProvider: {
            'Fn::Join': ['', [{ 'Fn::GetAtt': [s.id(s.stack.userPool), 'ProviderName'] }, ':', { Ref: s.id(s.stack.userPoolClient) }]],
          },
        },
      },
    });
    const attachment = Object.values(s.json.Resources).find((r) => r.Type === 'AWS::Cognito::IdentityPoolRoleAttachment')!;
    assert.equal(attachment.Properties.Roles.unauthenticated, undefined);
  });
});

describe('hosting', () => {
  const bucketId = () => Object.entries(s.json.Resources).find(([, r]) => r.Type === 'AWS::S3::Bucket')![0];

  it('keeps the bucket private: all public access blocked, no website hosting, TLS only', () => {
    s.template.resourceCountIs('AWS::S3::Bucket', 1);
    const bucket = s.json.Resources[bucketId()]!.Properties;
    assert.deepEqual(bucket.PublicAccessBlockConfiguration, {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    assert.equal(bucket.WebsiteConfiguration, undefined);
    const policy = Object.values(s.json.Resources).find((r) => r.Type === 'AWS::S3::BucketPolicy')!.Properties.PolicyDocument;
    assert.ok(
      policy.Statement.some(
        (st: any) => st.Effect === 'Deny' && st.Action === 's3:*' && st.Condition?.Bool?.['aws:SecureTransport'] === 'false',
      ),
      'no statement refuses plain HTTP',
    );
    for (const st of policy.Statement) {
      if (st.Effect === 'Allow') assert.notDeepEqual(st.Principal, { AWS: '*' }, 'a statement allows anyone');
      if (st.Effect === 'Allow') assert.notEqual(st.Principal, '*', 'a statement allows anyone');
    }
  });

  it('is read by CloudFront only, through origin access control bound to this distribution', () => {
    s.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    s.template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    s.template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' }),
    });
    const origins = s.json.Resources[s.id(s.stack.distribution)]!.Properties.DistributionConfig.Origins;
    assert.equal(origins.length, 1);
    assert.deepEqual(origins[0].DomainName, { 'Fn::GetAtt': [bucketId(), 'RegionalDomainName'] });
    assert.ok(origins[0].OriginAccessControlId);
    assert.deepEqual(origins[0].S3OriginConfig, { OriginAccessIdentity: '' });
    s.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Condition: { StringEquals: { 'AWS:SourceArn': Match.objectLike({ 'Fn::Join': Match.anyValue() }) } },
          }),
        ]),
      },
    });
  });

  it('serves a strict Content-Security-Policy: own files only, no inline code, connect-src the console\'s AWS endpoints', () => {
    const config = Object.values(s.json.Resources).find((r) => r.Type === 'AWS::CloudFront::ResponseHeadersPolicy')!.Properties
      .ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp = config.ContentSecurityPolicy.ContentSecurityPolicy as string;
    assert.equal(
      csp,
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "connect-src 'self' https://cognito-idp.eu-west-1.amazonaws.com https://cognito-identity.eu-west-1.amazonaws.com " +
        'https://apigateway.eu-west-1.amazonaws.com https://monitoring.eu-west-1.amazonaws.com https://logs.eu-west-1.amazonaws.com; ' +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
    );
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|unsafe-hashes|\*/);
    assert.equal(config.ContentSecurityPolicy.Override, true);
    assert.deepEqual(config.StrictTransportSecurity, { AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Preload: true, Override: true });
    assert.deepEqual(config.FrameOptions, { FrameOption: 'DENY', Override: true });
    assert.deepEqual(config.ContentTypeOptions, { Override: true });
    assert.deepEqual(config.ReferrerPolicy, { ReferrerPolicy: 'no-referrer', Override: true });
  });

  it('sends those headers on every response, HTTPS only, with index.html as the root and the fallback of every route', () => {
    const d = s.json.Resources[s.id(s.stack.distribution)]!.Properties.DistributionConfig;
    const headersId = Object.entries(s.json.Resources).find(([, r]) => r.Type === 'AWS::CloudFront::ResponseHeadersPolicy')![0];
    for (const b of [d.DefaultCacheBehavior, ...d.CacheBehaviors]) {
      assert.deepEqual(b.ResponseHeadersPolicyId, { Ref: headersId });
      assert.equal(b.ViewerProtocolPolicy, 'redirect-to-https');
      assert.deepEqual(b.AllowedMethods, ['GET', 'HEAD']);
    }
    assert.equal(d.DefaultRootObject, 'index.html');
    assert.deepEqual(
      d.CustomErrorResponses.map((e: any) => [e.ErrorCode, e.ResponseCode, e.ResponsePagePath]),
      [
        [403, 200, '/index.html'],
        [404, 200, '/index.html'],
      ],
    );
    // config.json is never cached at the edge (AWS's managed CachingDisabled policy).
    const config = d.CacheBehaviors.find((b: any) => b.PathPattern === '/config.json');
    assert.equal(config.CachePolicyId, '4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
  });

  it('uploads the console build without the sandbox config.json, and keeps the generated one when pruning', () => {
    const site = Object.values(s.json.Resources).find((r) => r.Type === 'Custom::CDKBucketDeployment' && r.Properties.Prune === true)!;
    assert.deepEqual(site.Properties.Exclude, ['config.json']);
    assert.deepEqual(site.Properties.DistributionPaths, ['/*']);
    const asset = path.join(s.assemblyDir, `asset.${String(site.Properties.SourceObjectKeys[0]).replace(/\.zip$/, '')}`);
    assert.deepEqual(readdirSync(asset).sort(), ['assets', 'index.html']);
  });

  it('writes /config.json with the pool ids, no endpoint, served no-cache', () => {
    const deployment = Object.values(s.json.Resources).find((r) => r.Type === 'Custom::CDKBucketDeployment' && r.Properties.Prune === false)!;
    const p = deployment.Properties;
    assert.deepEqual(p.SystemMetadata, { 'cache-control': 'no-cache' });
    assert.deepEqual(p.DistributionPaths, ['/config.json']);
    const asset = path.join(s.assemblyDir, `asset.${String(p.SourceObjectKeys[0]).replace(/\.zip$/, '')}`);
    assert.deepEqual(readdirSync(asset), ['config.json']);
    let text = readFileSync(path.join(asset, 'config.json'), 'utf8');
    // Deploy-time values travel as markers the deployment's Lambda replaces with these references.
    for (const [marker, value] of Object.entries(p.SourceMarkers[0] as Record<string, unknown>)) text = text.replaceAll(marker, JSON.stringify(value));
    assert.deepEqual(JSON.parse(text.replace(/"(\{"Ref":"[^"]+"\})"/g, '$1')), {
      region: REGION,
      userPoolId: { Ref: s.id(s.stack.userPool) },
      userPoolClientId: { Ref: s.id(s.stack.userPoolClient) },
      identityPoolId: { Ref: s.id(s.stack.identityPool) },
    });
    // Written after the build, so the build's pruning can never remove it.
    assert.ok(deployment.DependsOn?.some((d) => s.json.Resources[d]?.Type === 'Custom::CDKBucketDeployment'));
  });

  it('refuses a dist folder without index.html, pointing at the build', () => {
    assert.throws(() => synth({ distPath: path.join(INFRA_ROOT, 'test') }), /no index\.html: build the console first/);
  });

  it('needs no Docker: every asset is a file or folder', () => {
    const manifests = readdirSync(s.assemblyDir).filter((f) => f.endsWith('.assets.json'));
    assert.ok(manifests.length > 0);
    for (const f of manifests) {
      const m = JSON.parse(readFileSync(path.join(s.assemblyDir, f), 'utf8')) as { dockerImages?: Record<string, unknown> };
      assert.deepEqual(m.dockerImages ?? {}, {});
    }
    assert.ok(existsSync(path.join(s.assemblyDir, 'manifest.json')));
  });
});

describe('outputs', () => {
  it('give the console URL and the ids to invite colleagues with', () => {
    assert.deepEqual(Object.keys(s.json.Outputs).sort(), ['ConsoleUrl', 'IdentityPoolId', 'UserPoolClientId', 'UserPoolId']);
    assert.deepEqual(s.json.Outputs.ConsoleUrl.Value, {
      'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [s.id(s.stack.distribution), 'DomainName'] }]],
    });
    assert.deepEqual(s.json.Outputs.IdentityPoolId.Value, { Ref: s.id(s.stack.identityPool) });
  });
});
