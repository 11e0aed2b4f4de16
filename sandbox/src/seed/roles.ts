import type { AuthState, PolicyDocument, RoleRecord } from '../auth/credentials.js';
import { roleArn } from './ids.js';

const READ_ACTIONS = [
  'apigateway:GET',
  'cloudwatch:GetMetricData',
  'cloudwatch:GetMetricStatistics',
  'cloudwatch:ListMetrics',
  'cloudwatch:DescribeAlarms',
  'logs:DescribeLogGroups',
  'logs:DescribeMetricFilters',
  'logs:FilterLogEvents',
  'logs:GetLogEvents',
];

/** What an operator may change beyond reading: stages, deployments, API keys and usage plans. */
const OPERATOR_WRITE_RESOURCES = [
  '/restapis/*/stages',
  '/restapis/*/stages/*',
  '/restapis/*/deployments',
  '/restapis/*/deployments/*',
  '/apis/*/stages',
  '/apis/*/stages/*',
  '/apis/*/deployments',
  '/apis/*/deployments/*',
  '/apikeys',
  '/apikeys/*',
  '/usageplans',
  '/usageplans/*',
  '/tags/*', // TagResource/UntagResource: AWS authorizes PUT/DELETE on ::/tags/<url-encoded resource ARN>
].map((p) => `arn:aws:apigateway:*::${p}`);

export const ROLE_POLICIES: Record<'admin' | 'operator' | 'viewer', PolicyDocument> = {
  viewer: {
    Version: '2012-10-17',
    Statement: [{ Sid: 'ReadOnly', Effect: 'Allow', Action: READ_ACTIONS, Resource: '*' }],
  },
  operator: {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ReadOnly', Effect: 'Allow', Action: READ_ACTIONS, Resource: '*' },
      {
        Sid: 'OperateTraffic',
        Effect: 'Allow',
        Action: ['apigateway:POST', 'apigateway:PATCH', 'apigateway:PUT', 'apigateway:DELETE'],
        Resource: OPERATOR_WRITE_RESOURCES,
      },
    ],
  },
  admin: {
    Version: '2012-10-17',
    Statement: [{ Sid: 'Everything', Effect: 'Allow', Action: ['apigateway:*', 'cloudwatch:*', 'logs:*'], Resource: '*' }],
  },
};

/** The console's three IAM roles, one per Cognito group. */
export function seedRoles(auth: AuthState): void {
  for (const [group, policy] of Object.entries(ROLE_POLICIES)) {
    const arn = roleArn(group);
    const role: RoleRecord = { roleName: `gateway-console-${group}`, roleArn: arn, policy };
    auth.roles[arn] = role;
  }
}
