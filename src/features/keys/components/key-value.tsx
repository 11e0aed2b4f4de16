import { useEffect, useState } from 'react';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { secondaryButton } from '../../../components/buttons.js';
import { ErrorPanel } from '../../../components/error-panel.js';
import { revealApiKeyValue } from '../api/get-api-key.js';

/**
 * The key's value, only when asked for: fetched then (GetApiKey includeValue), kept in this component
 * alone (no query cache, no URL, no log), hidden again after a minute or on request.
 */
export function KeyValue({ keyId }: { keyId: string }) {
  const config = useConsoleConfig();
  const [value, setValue] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (value === null) return;
    const t = setTimeout(() => setValue(null), 60_000);
    return () => clearTimeout(t);
  }, [value]);

  async function reveal() {
    setBusy(true);
    setError(null);
    try {
      setValue(await revealApiKeyValue(config, keyId));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-2">
      {value === null ? (
        <button type="button" className={secondaryButton} onClick={() => void reveal()} disabled={busy}>
          {busy ? 'Reading…' : 'Reveal value'}
        </button>
      ) : (
        <div className="flex flex-wrap items-center gap-2">
          <code aria-label="API key value" className="rounded bg-slate-900 px-2 py-1 font-mono text-xs break-all text-slate-100">
            {value}
          </code>
          <button
            type="button"
            className={secondaryButton}
            onClick={async () => {
              await navigator.clipboard.writeText(value);
              setCopied(true);
              setTimeout(() => setCopied(false), 2000);
            }}
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
          <button type="button" className={secondaryButton} onClick={() => setValue(null)}>
            Hide
          </button>
        </div>
      )}
      {error !== null && <ErrorPanel title="The value could not be read" error={error} />}
    </div>
  );
}
