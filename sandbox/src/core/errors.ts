/**
 * AWS errors as classes carrying their code and HTTP status. Protocol writers turn them into the wire
 * shape of the service that raised them (x-amzn-ErrorType + {message} for REST-JSON, {__type, message}
 * for awsJson), so handlers never think about encoding.
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Extra response headers (Retry-After on throttling, for one). */
    readonly headers: Record<string, string> = {},
    /** Extra members of the error body beside `message` (apigatewayv2's NotFoundException has `resourceType`). */
    readonly fields: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = code;
  }
}

export const badRequest = (message: string) => new AwsError('BadRequestException', message, 400);
export const notFound = (message: string) => new AwsError('NotFoundException', message, 404);
export const conflict = (message: string) => new AwsError('ConflictException', message, 409);

export const tooManyRequests = (retryAfterSeconds = 1) =>
  new AwsError('TooManyRequestsException', 'Too Many Requests', 429, { 'Retry-After': String(retryAfterSeconds) });

export const accessDenied = (message: string) => new AwsError('AccessDeniedException', message, 403);

export const unknownOperation = (message: string) => new AwsError('UnknownOperationException', message, 404);
