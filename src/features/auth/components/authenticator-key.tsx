import { QrCode } from '../../../components/qr-code.js';

/** The name authenticator apps list the account under. */
export const TOTP_ISSUER = 'Gateway Console';

/**
 * The key URI authenticator apps read (Google Authenticator's "Key Uri Format"): TOTP, SHA-1, 6 digits,
 * 30 seconds, which is what Cognito computes.
 */
export function otpauthUri(issuer: string, account: string, secret: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
}

/** The key in groups of four, easier to type into an app by hand (apps ignore the spaces). */
export const groupKey = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/**
 * A new TOTP secret, three ways into an authenticator app: a QR code drawn in the page (no external
 * service sees the secret), the key to type, and the otpauth:// link. Shown, never stored or logged.
 */
export function AuthenticatorKey({ username, secret }: { username: string; secret: string }) {
  const uri = otpauthUri(TOTP_ISSUER, username, secret);
  return (
    <>
      <QrCode text={uri} label="QR code of the set-up link: scan it with your authenticator app" className="mx-auto h-48 w-48" />
      <dl className="space-y-2 text-sm">
        <div>
          <dt className="font-medium text-slate-800">Key (enter it in the app by hand)</dt>
          <dd>
            <code aria-label="Secret key" className="block rounded bg-slate-100 px-2 py-1 font-mono break-all select-all">
              {groupKey(secret)}
            </code>
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-800">Set-up link</dt>
          <dd>
            <code aria-label="Set-up link" className="block rounded bg-slate-100 px-2 py-1 font-mono text-xs break-all select-all">
              {uri}
            </code>
            <a href={uri} className="text-indigo-700 hover:underline">
              Open in an authenticator app on this device
            </a>
          </dd>
        </div>
      </dl>
    </>
  );
}
