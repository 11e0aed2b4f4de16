import { AwsError } from '../../core/errors.js';

/** Cognito user pool errors, each with the code the SDK maps to its exception class. All are 400 on AWS. */
const err = (code: string) => (message: string) => new AwsError(code, message, 400);

export const invalidParameter = err('InvalidParameterException');
export const notAuthorized = err('NotAuthorizedException');
export const resourceNotFound = err('ResourceNotFoundException');
export const invalidPassword = err('InvalidPasswordException');
export const usernameExists = err('UsernameExistsException');
export const unsupportedTokenType = err('UnsupportedTokenTypeException');
export const unsupportedUserState = err('UnsupportedUserStateException');
export const codeMismatch = err('CodeMismatchException');
export const expiredCode = err('ExpiredCodeException');
export const enableSoftwareTokenMfa = err('EnableSoftwareTokenMFAException');
export const softwareTokenMfaNotFound = err('SoftwareTokenMFANotFoundException');

export const userNotFound = () => new AwsError('UserNotFoundException', 'User does not exist.', 400);
export const userNotConfirmed = () => new AwsError('UserNotConfirmedException', 'User is not confirmed.', 400);
export const passwordResetRequired = () =>
  new AwsError('PasswordResetRequiredException', 'Password reset required for the user', 400);

export const incorrectCredentials = () => notAuthorized('Incorrect username or password.');
export const userDisabled = () => notAuthorized('User is disabled.');

export const invalidSession = () => notAuthorized('Invalid session for the user.');
export const expiredSession = () => notAuthorized('Invalid session for the user, session is expired.');
/** A wrong TOTP at sign-in (RespondToAuthChallenge SOFTWARE_TOKEN_MFA). */
export const invalidMfaCode = () => codeMismatch('Invalid code received for user');
/** A right TOTP whose step was already spent (sign-in or verification). */
export const tokenAlreadyUsed = () => expiredCode('Your software token has already been used once.');

/** AWS's framework-level validation message (Cognito raises it as InvalidParameterException). */
export function validation(problems: string[]): AwsError {
  return invalidParameter(
    `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected: ${problems.join('; ')}`,
  );
}

export const mustNotBeNull = (field: string) => `Value null at '${field}' failed to satisfy constraint: Member must not be null`;

/** Throws AWS's "must not be null" validation error for each required field that is missing or empty. */
export function requireFields<T extends object>(input: T | undefined, fields: Partial<Record<keyof T & string, string>>): void {
  const problems: string[] = [];
  for (const [key, wireName] of Object.entries(fields) as [string, string][]) {
    const v = (input as Record<string, unknown> | undefined)?.[key];
    if (v === undefined || v === null) problems.push(mustNotBeNull(wireName));
    else if (v === '') problems.push(`Value '' at '${wireName}' failed to satisfy constraint: Member must have length greater than or equal to 1`);
  }
  if (problems.length) throw validation(problems);
}
