/**
 * Runtime configuration from /config.json, so one build serves any account: the sandbox, LocalStack
 * or real AWS. Validated once at start; a bad field names itself on the config error screen.
 */
export interface ConsoleConfig {
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  identityPoolId: string;
  /** One URL for every AWS service (the sandbox, LocalStack); absent for real AWS. */
  endpoint?: string;
}

export interface ConfigProblem {
  field: string;
  rule: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[], readonly source: string) {
    super(problems.map((p) => `${p.field}: ${p.rule}`).join('; '));
  }
}

const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const USER_POOL_ID = /^([a-z]{2}(-gov)?-[a-z]+-\d)_[0-9a-zA-Z]+$/;
const CLIENT_ID = /^[\w+]{1,128}$/;
const IDENTITY_POOL_ID = /^([a-z]{2}(-gov)?-[a-z]+-\d):[0-9a-f-]{36}$/;

export function parseConfig(raw: unknown, source = '/config.json'): ConsoleConfig {
  const problems: ConfigProblem[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError([{ field: '(file)', rule: 'must be a JSON object' }], source);
  }
  const obj = raw as Record<string, unknown>;
  const str = (field: string): string | undefined => {
    const v = obj[field];
    if (v === undefined || v === null || v === '') {
      problems.push({ field, rule: 'is required' });
      return undefined;
    }
    if (typeof v !== 'string') {
      problems.push({ field, rule: 'must be a string' });
      return undefined;
    }
    return v;
  };

  const region = str('region');
  if (region && !REGION.test(region)) problems.push({ field: 'region', rule: `"${region}" is not an AWS region name such as us-east-1` });

  const userPoolId = str('userPoolId');
  const poolMatch = userPoolId ? USER_POOL_ID.exec(userPoolId) : null;
  if (userPoolId && !poolMatch) problems.push({ field: 'userPoolId', rule: `"${userPoolId}" is not a user pool id such as us-east-1_AbCdEf123` });
  else if (poolMatch && region && poolMatch[1] !== region) {
    problems.push({ field: 'userPoolId', rule: `is in ${poolMatch[1]} but region is ${region}` });
  }

  const userPoolClientId = str('userPoolClientId');
  if (userPoolClientId && !CLIENT_ID.test(userPoolClientId)) {
    problems.push({ field: 'userPoolClientId', rule: 'must be 1-128 letters, digits, _ or +' });
  }

  const identityPoolId = str('identityPoolId');
  const idMatch = identityPoolId ? IDENTITY_POOL_ID.exec(identityPoolId) : null;
  if (identityPoolId && !idMatch) {
    problems.push({ field: 'identityPoolId', rule: `"${identityPoolId}" is not an identity pool id such as us-east-1:0e7f...-uuid` });
  } else if (idMatch && region && idMatch[1] !== region) {
    problems.push({ field: 'identityPoolId', rule: `is in ${idMatch[1]} but region is ${region}` });
  }

  let endpoint: string | undefined;
  if (obj.endpoint !== undefined && obj.endpoint !== null && obj.endpoint !== '') {
    if (typeof obj.endpoint !== 'string') problems.push({ field: 'endpoint', rule: 'must be a string URL' });
    else {
      try {
        const u = new URL(obj.endpoint);
        if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
        endpoint = obj.endpoint.replace(/\/+$/, '');
      } catch {
        problems.push({ field: 'endpoint', rule: `"${obj.endpoint}" is not an http(s) URL` });
      }
    }
  }

  if (problems.length) throw new ConfigError(problems, source);
  return { region: region!, userPoolId: userPoolId!, userPoolClientId: userPoolClientId!, identityPoolId: identityPoolId!, endpoint };
}

export async function loadConfig(url = '/config.json'): Promise<ConsoleConfig> {
  let res: Response;
  try {
    res = await fetch(url, { cache: 'no-store' });
  } catch (e) {
    throw new ConfigError([{ field: '(file)', rule: `could not be fetched: ${(e as Error).message}` }], url);
  }
  if (!res.ok) throw new ConfigError([{ field: '(file)', rule: `could not be fetched: HTTP ${res.status}` }], url);
  let raw: unknown;
  try {
    raw = await res.json();
  } catch {
    throw new ConfigError([{ field: '(file)', rule: 'is not valid JSON' }], url);
  }
  return parseConfig(raw, url);
}
