/**
 * The SDK's command types describe the parsed form (timestamps as Date); awsJson carries timestamps as
 * epoch seconds. Handlers return the wire form, so Date fields become numbers here, and the SDK's
 * `$metadata` (added by the client, never sent) is left out.
 */
export type Wire<T> = T extends Date
  ? number
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export type WireOutput<T> = Wire<Omit<T, '$metadata'>>;

/** Epoch seconds with milliseconds as the fraction, as AWS's JSON protocols send timestamps. */
export const epochSeconds = (iso: string | Date): number => (typeof iso === 'string' ? Date.parse(iso) : iso.getTime()) / 1000;
