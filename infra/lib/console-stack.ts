import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { GROUP_PRECEDENCE, ROLE_GROUPS, type RoleGroup, rolePolicy } from './policies';

export type MfaMode = 'optional' | 'required';

export interface ConsoleStackProps extends StackProps {
  /** The console's production build (`npm run build` at the repository root writes ../dist). */
  distPath: string;
  /** The first admin: Cognito emails this address a temporary password. */
  adminEmail: string;
  /** The first admin's user name (default `admin`). */
  adminUsername?: string;
  /** TOTP MFA: `optional` (each user may turn it on) or `required` (set up at first sign-in). */
  mfa?: MfaMode;
}

/**
 * Every AWS endpoint the console's browser code calls, for the CSP's connect-src: Cognito user pools
 * (sign-in) and identity pools (credentials), API Gateway (v1 and v2 share one endpoint), CloudWatch
 * (`monitoring`) and CloudWatch Logs.
 */
export function awsEndpoints(region: string): string[] {
  return ['cognito-idp', 'cognito-identity', 'apigateway', 'monitoring', 'logs'].map((svc) => `https://${svc}.${region}.amazonaws.com`);
}

/** The Content-Security-Policy the console is served with: its own files only, no inline code. */
export function contentSecurityPolicy(region: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${awsEndpoints(region).join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * The console in one AWS account and region: the Cognito user pool operators sign in to (groups admin,
 * operator, viewer), the identity pool that turns a sign-in into credentials for the group's IAM role
 * (policies from infra/policies), and the static build on a private S3 bucket behind CloudFront, with
 * strict security headers and a generated /config.json.
 */
export class ConsoleStack extends Stack {
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly identityPool: cognito.CfnIdentityPool;
  readonly roles: Record<RoleGroup, iam.Role>;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: ConsoleStackProps) {
    super(scope, id, props);
    const mfa = props.mfa ?? 'optional';
    if (mfa !== 'optional' && mfa !== 'required') throw new Error(`mfa must be "optional" or "required", not "${String(mfa)}"`);
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(props.adminEmail)) throw new Error(`adminEmail "${props.adminEmail}" is not an email address`);
    if (!existsSync(path.join(props.distPath, 'index.html'))) {
      throw new Error(`${props.distPath} has no index.html: build the console first (npm run build at the repository root)`);
    }

    // Hosting first: the invitation email links to the console.
    const bucket = new s3.Bucket(this, 'ConsoleBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // The bucket holds only the build, which every deployment uploads again.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Gateway console: strict CSP, HSTS, no framing, no sniffing, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(this.region), override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: true, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      },
    });

    const origin = origins.S3BucketOrigin.withOriginAccessControl(bucket);
    const behavior = {
      origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      responseHeadersPolicy: securityHeaders,
      compress: true,
    };
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Gateway console',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      defaultBehavior: { ...behavior, cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED },
      // Read at every start of the console: never cached at the edge.
      additionalBehaviors: { '/config.json': { ...behavior, cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED } },
      // A single-page app: every route is index.html (the bucket answers 403 for a key it does not hold).
      errorResponses: [403, 404].map((httpStatus) => ({ httpStatus, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.seconds(0) })),
    });
    const consoleUrl = `https://${this.distribution.distributionDomainName}`;

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: 'gateway-console',
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      autoVerify: { email: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(7),
      },
      mfa: mfa === 'required' ? cognito.Mfa.REQUIRED : cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: cognito.FeaturePlan.LITE,
      userInvitation: {
        emailSubject: 'Your Gateway console sign-in',
        emailBody:
          `You have been invited to the Gateway console at ${consoleUrl} . Your user name is {username} and your ` +
          'temporary password is {####} . You will choose a new password at your first sign-in.',
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.userPoolClient = this.userPool.addClient('ConsoleClient', {
      userPoolClientName: 'gateway-console-web',
      generateSecret: false,
      // USER_PASSWORD_AUTH; CDK adds ALLOW_REFRESH_TOKEN_AUTH with it.
      authFlows: { userPassword: true },
      disableOAuth: true,
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });

    this.identityPool = new cognito.CfnIdentityPool(this, 'IdentityPool', {
      identityPoolName: 'gateway_console',
      allowUnauthenticatedIdentities: false,
      allowClassicFlow: false,
      cognitoIdentityProviders: [
        {
          providerName: this.userPool.userPoolProviderName,
          clientId: this.userPoolClient.userPoolClientId,
          // Credentials only while the user pool session is valid (not after a global sign-out).
          serverSideTokenCheck: true,
        },
      ],
    });

    const roles = {} as Record<RoleGroup, iam.Role>;
    const groups = {} as Record<RoleGroup, cognito.UserPoolGroup>;
    for (const group of ROLE_GROUPS) {
      const role = new iam.Role(this, `${title(group)}Role`, {
        description: `Gateway console ${group}: what the ${group} group may do (infra/policies/${group}.json)`,
        assumedBy: new iam.FederatedPrincipal(
          'cognito-identity.amazonaws.com',
          {
            StringEquals: { 'cognito-identity.amazonaws.com:aud': this.identityPool.ref },
            'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
          },
          'sts:AssumeRoleWithWebIdentity',
        ),
        maxSessionDuration: Duration.hours(1),
      });
      // The document exactly as the file has it (an L2 PolicyDocument would rewrite it).
      (role.node.defaultChild as iam.CfnRole).policies = [
        { policyName: `gateway-console-${group}`, policyDocument: rolePolicy(group, { region: this.region, account: this.account }) },
      ];
      roles[group] = role;
      groups[group] = new cognito.UserPoolGroup(this, `${title(group)}Group`, {
        userPool: this.userPool,
        groupName: group,
        precedence: GROUP_PRECEDENCE[group],
        role,
        description: { admin: 'Everything the console can do', operator: 'Operate stages, deployments, API keys, usage plans', viewer: 'Read only' }[group],
      });
    }
    this.roles = roles;

    new cognito.CfnIdentityPoolRoleAttachment(this, 'IdentityPoolRoles', {
      identityPoolId: this.identityPool.ref,
      // Required by the API; with token mapping and Deny it is never handed out. The least role all the same.
      roles: { authenticated: roles.viewer.roleArn },
      roleMappings: {
        userPool: {
          type: 'Token',
          ambiguousRoleResolution: 'Deny',
          identityProvider: `${this.userPool.userPoolProviderName}:${this.userPoolClient.userPoolClientId}`,
        },
      },
    });

    const admin = new cognito.CfnUserPoolUser(this, 'FirstAdmin', {
      userPoolId: this.userPool.userPoolId,
      username: props.adminUsername ?? 'admin',
      userAttributes: [
        { name: 'email', value: props.adminEmail },
        { name: 'email_verified', value: 'true' },
      ],
      desiredDeliveryMediums: ['EMAIL'],
    });
    new cognito.CfnUserPoolUserToGroupAttachment(this, 'FirstAdminInAdminGroup', {
      userPoolId: this.userPool.userPoolId,
      username: admin.ref,
      groupName: groups.admin.groupName,
    });

    const site = new s3deploy.BucketDeployment(this, 'DeployConsole', {
      // dist/config.json points at the sandbox, and dist/.vite holds the build manifest: neither is served.
      sources: [s3deploy.Source.asset(props.distPath, { exclude: ['config.json', '.vite'] })],
      destinationBucket: bucket,
      // The deployment's own config.json is written below; pruning leaves it alone.
      exclude: ['config.json'],
      prune: true,
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
    const config = new s3deploy.BucketDeployment(this, 'DeployConfig', {
      sources: [
        s3deploy.Source.jsonData('config.json', {
          region: this.region,
          userPoolId: this.userPool.userPoolId,
          userPoolClientId: this.userPoolClient.userPoolClientId,
          identityPoolId: this.identityPool.ref,
        }),
      ],
      destinationBucket: bucket,
      prune: false,
      cacheControl: [s3deploy.CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/config.json'],
    });
    config.node.addDependency(site);

    new CfnOutput(this, 'ConsoleUrl', { value: consoleUrl, description: 'Open the console here' });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId, description: 'Invite colleagues into this user pool' });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'IdentityPoolId', { value: this.identityPool.ref });
  }
}

function title(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
