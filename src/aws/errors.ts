/**
 * One shape for every AWS failure the console shows: AWS's code, message and request id, so an
 * operator can quote them to AWS support or find them in CloudTrail.
 */
export interface AwsProblem {
  code: string;
  message: string;
  requestId?: string;
  status?: number;
}

interface SdkLikeError {
  name?: string;
  message?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $response?: { headers?: Record<string, string> };
}

export function toAwsProblem(err: unknown): AwsProblem {
  if (err && typeof err === 'object') {
    const e = err as SdkLikeError;
    const status = e.$metadata?.httpStatusCode;
    const requestId = e.$metadata?.requestId ?? e.$response?.headers?.['x-amzn-requestid'];
    if (e.name === 'TypeError' && /fetch|network/i.test(e.message ?? '')) {
      return { code: 'NetworkError', message: `Could not reach the AWS endpoint (${e.message}). Check the endpoint in /config.json and your connection.` };
    }
    return {
      code: e.Code ?? e.name ?? 'Error',
      message: e.message || 'The request failed without a message.',
      requestId: requestId || undefined,
      status,
    };
  }
  return { code: 'Error', message: String(err) };
}

export function isAwsCode(err: unknown, ...codes: string[]): boolean {
  return codes.includes(toAwsProblem(err).code);
}
