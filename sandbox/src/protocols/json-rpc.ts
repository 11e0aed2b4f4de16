import type { ServerResponse } from 'node:http';
import { AwsError } from '../core/errors.js';

export function jsonContentType(version: '1.0' | '1.1'): string {
  return `application/x-amz-json-${version}`;
}

export function writeAwsJson(res: ServerResponse, version: '1.0' | '1.1', body: unknown, headers: Record<string, string>): void {
  const payload = JSON.stringify(body ?? {});
  res.writeHead(200, { ...headers, 'Content-Type': jsonContentType(version), 'Content-Length': Buffer.byteLength(payload) });
  res.end(payload);
}

/** awsJson error: `__type` names the code (AWS also sets x-amzn-ErrorType), `message` the reason. */
export function writeAwsJsonError(res: ServerResponse, version: '1.0' | '1.1', err: AwsError, headers: Record<string, string>): void {
  const payload = JSON.stringify({ __type: err.code, message: err.message });
  res.writeHead(err.status, {
    ...headers,
    ...err.headers,
    'x-amzn-ErrorType': err.code,
    'Content-Type': jsonContentType(version),
    'Content-Length': Buffer.byteLength(payload),
  });
  res.end(payload);
}
