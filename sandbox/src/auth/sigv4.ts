import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { SandboxConfig, SandboxRequest } from '../core/types.js';
import { AwsError } from '../core/errors.js';
import type { AuthState, Caller } from './credentials.js';

/** How far a request's X-Amz-Date may be from the server's clock, as on AWS. */
const MAX_SKEW_MS = 5 * 60 * 1000;

const incomplete = (m: string) => new AwsError('IncompleteSignatureException', m, 403);
const invalid = (m: string) => new AwsError('InvalidSignatureException', m, 403);
const unrecognized = () =>
  new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403);

/**
 * Verifies an AWS Signature Version 4 Authorization header against credentials this sandbox issued,
 * recomputing the signature from the request exactly as received. Returns the caller or throws the
 * error AWS gives for that failure.
 */
export function verifySigV4(req: SandboxRequest, service: string, auth: AuthState, config: SandboxConfig): Caller {
  const header = req.headers['authorization'];
  if (!header) throw new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
  const parsed = parseAuthorization(header);

  const amzDate = req.headers['x-amz-date'];
  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate)) {
    throw incomplete(`Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${header}`);
  }
  const [akid, scopeDate, scopeRegion, scopeService, terminator] = parsed.credential.split('/');
  if (!akid || !scopeDate || !scopeRegion || !scopeService || terminator !== 'aws4_request') {
    throw incomplete(`Authorization header requires 'Credential' parameter. Authorization=${header}`);
  }

  const cred = auth.credentials[akid];
  if (!cred) throw unrecognized();
  if (req.headers['x-amz-security-token'] !== cred.sessionToken) throw unrecognized();

  const now = config.now();
  const requestTime = parseAmzDate(amzDate);
  if (Math.abs(now.getTime() - requestTime.getTime()) > MAX_SKEW_MS) {
    const edge = new Date(now.getTime() + (requestTime < now ? -MAX_SKEW_MS : MAX_SKEW_MS));
    throw invalid(
      `Signature ${requestTime < now ? 'expired' : 'not yet current'}: ${amzDate} is now ${requestTime < now ? 'earlier' : 'later'} than ${formatAmzDate(edge)} (${formatAmzDate(now)} ${requestTime < now ? '-' : '+'} 5 min.)`,
    );
  }
  if (scopeDate !== amzDate.slice(0, 8)) throw invalid(`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`);
  if (scopeRegion !== config.region) throw invalid(`Credential should be scoped to a valid region. `);
  if (scopeService !== service) throw invalid(`Credential should be scoped to correct service: '${service}'. `);

  const signedHeaders = parsed.signedHeaders.split(';');
  if (!signedHeaders.includes('host')) throw invalid("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  for (const h of signedHeaders) {
    if (req.headers[h] === undefined) throw invalid(`The request signature we calculated does not match the signature you provided. Signed header '${h}' is missing from the request.`);
  }

  const canonical = canonicalRequest(req, signedHeaders);
  const scope = `${scopeDate}/${scopeRegion}/${scopeService}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonical)].join('\n');
  const key = signingKey(cred.secretAccessKey, scopeDate, scopeRegion, scopeService);
  const expected = createHmac('sha256', key).update(stringToSign).digest();
  const given = Buffer.from(parsed.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw invalid(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }

  // Expiry is checked after the signature, as AWS does: a forged request learns nothing about the token.
  if (Date.parse(cred.expiration) <= now.getTime()) {
    throw new AwsError('ExpiredTokenException', 'The security token included in the request is expired', 403);
  }

  const role = auth.roles[cred.roleArn];
  if (!role) throw unrecognized();
  const account = cred.roleArn.split(':')[4] ?? config.account;
  return {
    accessKeyId: akid,
    account,
    identityId: cred.identityId,
    role,
    assumedRoleArn: `arn:aws:sts::${account}:assumed-role/${role.roleName}/CognitoIdentityCredentials`,
  };
}

function parseAuthorization(header: string): { credential: string; signedHeaders: string; signature: string } {
  const prefix = 'AWS4-HMAC-SHA256 ';
  if (!header.startsWith(prefix)) {
    throw incomplete(`Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=${header}`);
  }
  const fields: Record<string, string> = {};
  for (const part of header.slice(prefix.length).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((k) => !fields[k]);
  if (missing.length) {
    throw incomplete(`${missing.map((k) => `Authorization header requires '${k}' parameter.`).join(' ')} Authorization=${header}`);
  }
  return { credential: fields.Credential!, signedHeaders: fields.SignedHeaders!, signature: fields.Signature! };
}

/** The canonical request, built the way the AWS SDK builds it for every service but S3. */
export function canonicalRequest(req: SandboxRequest, signedHeaders: string[]): string {
  const payloadHash = req.headers['x-amz-content-sha256'] ?? sha256Hex(req.body);
  return [
    req.method,
    canonicalUri(req.rawPath),
    canonicalQuery(req.rawQuery),
    signedHeaders.map((h) => `${h}:${(req.headers[h] ?? '').trim().replace(/\s+/g, ' ')}\n`).join(''),
    signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
}

/** Non-S3 services encode each path segment once more on top of the encoding already on the wire. */
function canonicalUri(rawPath: string): string {
  if (!rawPath || rawPath === '/') return '/';
  return rawPath.split('/').map(strictEncode).join('/');
}

function canonicalQuery(rawQuery: string): string {
  if (!rawQuery) return '';
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = decode(eq >= 0 ? part.slice(0, eq) : part);
    const v = eq >= 0 ? decode(part.slice(eq + 1)) : '';
    if (k.toLowerCase() === 'x-amz-signature') continue;
    pairs.push([strictEncode(k), strictEncode(v)]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function strictEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const kDate = createHmac('sha256', `AWS4${secret}`).update(date).digest();
  const kRegion = createHmac('sha256', kDate).update(region).digest();
  const kService = createHmac('sha256', kRegion).update(service).digest();
  return createHmac('sha256', kService).update('aws4_request').digest();
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function parseAmzDate(s: string): Date {
  return new Date(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`);
}

function formatAmzDate(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
