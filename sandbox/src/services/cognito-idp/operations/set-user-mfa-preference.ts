import type { SetUserMFAPreferenceCommandInput, SetUserMFAPreferenceCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { JsonOperation, OperationContext } from '../../../core/types.js';
import type { CognitoIdpState } from '../state.js';
import type { WireOutput } from '../wire.js';
import { invalidParameter, requireFields } from '../errors.js';
import { authenticateAccessToken } from '../tokens.js';
import { mfaRequired } from '../mfa.js';

/**
 * The signed-in user turns TOTP MFA on or off and says whether it is preferred. Only a verified token can
 * be turned on; SMS and email MFA cannot be turned on (the sandbox delivers no messages, and the pools it
 * serves have no SMS or email MFA).
 */
export const setUserMfaPreference: JsonOperation<CognitoIdpState> = {
  name: 'SetUserMFAPreference',
  auth: 'none',
  mutates: true,
  handler(ctx: OperationContext<CognitoIdpState>, input: SetUserMFAPreferenceCommandInput): WireOutput<SetUserMFAPreferenceCommandOutput> {
    requireFields(input, { AccessToken: 'accessToken' });
    const { pool, user } = authenticateAccessToken(ctx.state, input.AccessToken!, ctx.config);
    for (const [settings, type] of [[input.SMSMfaSettings, 'SMS_MFA'], [input.EmailMfaSettings, 'EMAIL_OTP']] as const) {
      if (settings?.Enabled || settings?.PreferredMfa) throw invalidParameter(`User does not have delivery config set to turn on ${type}`);
    }
    const totp = input.SoftwareTokenMfaSettings;
    if (!totp) return {};
    const mfa = (user.mfa ??= {});
    const enabled = totp.Enabled ?? mfa.enabled ?? false;
    if (enabled && !mfa.secret) throw invalidParameter('User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA');
    if (!enabled && mfaRequired(pool, user) && mfa.secret) {
      throw invalidParameter('MFA is required by the user pool: SOFTWARE_TOKEN_MFA cannot be turned off.');
    }
    if (totp.PreferredMfa && !enabled) throw invalidParameter('SOFTWARE_TOKEN_MFA cannot be preferred while it is turned off.');
    mfa.enabled = enabled;
    mfa.preferred = enabled && (totp.PreferredMfa ?? mfa.preferred ?? false);
    user.UserLastModifiedDate = ctx.config.now().toISOString();
    return {};
  },
};
