import type { ServerResponse } from 'node:http';

/**
 * Response headers a browser must be allowed to read: the SDK takes the error code from x-amzn-ErrorType
 * and the console shows the request id, so both must be exposed or errors turn into "UnknownError".
 */
const EXPOSED = ['x-amzn-RequestId', 'x-amzn-ErrorType', 'x-amz-apigw-id', 'x-amzn-Remapped-x-amzn-RequestId', 'Retry-After', 'Date'];

export function corsHeaders(origin: string | undefined): Record<string, string> {
  if (!origin) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': EXPOSED.join(','),
    Vary: 'Origin',
  };
}

/**
 * Answers a preflight. Services with a fixed allow-list (apigatewayv2 as on AWS, see aws-sdk-js-v3#6395)
 * return only that list, so the browser refuses a request that carries anything else.
 */
export function writePreflight(
  res: ServerResponse,
  origin: string | undefined,
  requestedHeaders: string | undefined,
  allowedHeaders: readonly string[] | undefined,
): void {
  const allow = allowedHeaders ? allowedHeaders.join(',') : (requestedHeaders ?? '');
  res.writeHead(200, {
    ...corsHeaders(origin),
    'Access-Control-Allow-Methods': 'GET,POST,PUT,PATCH,DELETE,OPTIONS',
    ...(allow ? { 'Access-Control-Allow-Headers': allow } : {}),
    'Access-Control-Max-Age': '86400',
    'Content-Length': '0',
  });
  res.end();
}
