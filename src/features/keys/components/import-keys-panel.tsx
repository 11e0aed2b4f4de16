import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { primaryButton, secondaryButton } from '../../../components/buttons.js';
import { ErrorPanel } from '../../../components/error-panel.js';
import { importCsvBody, readImportFile } from '../../../domain/api-key-csv.js';
import type { UsagePlan } from '../../../domain/usage-plan.js';
import { importApiKeys } from '../api/import-api-keys.js';
import { keysKeys } from '../api/keys.js';

/**
 * Import from a CSV in AWS's format: every row is checked and shown first (what will be created, and
 * each row's problem); only the rows without problems are sent. Values are never shown back.
 */
export function ImportKeysPanel({ plans, onClose }: { plans: readonly UsagePlan[]; onClose(): void }) {
  const config = useConsoleConfig();
  const queryClient = useQueryClient();
  const [text, setText] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ids: string[]; warnings: string[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const planIds = useMemo(() => new Set(plans.map((p) => p.id)), [plans]);
  const read = useMemo(() => (text === null ? null : readImportFile(text, planIds)), [text, planIds]);
  const good = read?.rows.filter((r) => r.problems.length === 0) ?? [];
  const bad = read?.rows.filter((r) => r.problems.length > 0) ?? [];

  async function send() {
    setBusy(true);
    setError(null);
    try {
      setResult(await importApiKeys(config, importCsvBody(good)));
      void queryClient.invalidateQueries({ queryKey: keysKeys.all(config.region) });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (result) {
    return (
      <div role="status" className="space-y-2 rounded-md border border-emerald-300 bg-emerald-50 p-4 text-sm text-emerald-900">
        <p>
          Imported {result.ids.length} key{result.ids.length === 1 ? '' : 's'} from {fileName}.
        </p>
        {result.warnings.length > 0 && <p>AWS's warnings: {result.warnings.join(' · ')}</p>}
        <button type="button" className={primaryButton} onClick={onClose}>
          Done
        </button>
      </div>
    );
  }

  return (
    <section aria-label="Import API keys" className="space-y-3 rounded-md border border-slate-200 bg-white p-4 text-sm">
      <label className="block">
        <span className="font-medium text-slate-800">CSV file (columns Name, Key, Description, Enabled, UsagePlanIds)</span>
        <input
          type="file"
          accept=".csv,text/csv"
          className="mt-1 block"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            setResult(null);
            setFileName(f?.name ?? '');
            setText(f ? await f.text() : null);
          }}
        />
      </label>
      {read?.fileProblems.map((p) => (
        <p key={p} role="alert" className="text-red-700">
          {p}
        </p>
      ))}
      {read && read.rows.length > 0 && (
        <div className="overflow-x-auto rounded border border-slate-200">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Rows to import</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="px-3 py-1 text-left">Line</th>
                <th scope="col" className="px-3 py-1 text-left">Name</th>
                <th scope="col" className="px-3 py-1 text-left">Enabled</th>
                <th scope="col" className="px-3 py-1 text-left">Usage plans</th>
                <th scope="col" className="px-3 py-1 text-left">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {read.rows.map((r) => (
                <tr key={r.line} className={r.problems.length ? 'bg-red-50' : ''}>
                  <td className="px-3 py-1">{r.line}</td>
                  <td className="px-3 py-1">{r.name || <span className="text-slate-400">(no name)</span>}</td>
                  <td className="px-3 py-1">{r.enabled ? 'yes' : 'no'}</td>
                  <td className="px-3 py-1">{r.planIds.map((id) => plans.find((p) => p.id === id)?.name ?? id).join(', ')}</td>
                  <td className="px-3 py-1">{r.problems.length ? <span className="text-red-800">Skipped: {r.problems.join(' ')}</span> : 'Will be created'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {read && read.rows.length > 0 && (
        <p>
          {good.length} row{good.length === 1 ? '' : 's'} will be imported{bad.length ? `; ${bad.length} with problems will be skipped` : ''}.
        </p>
      )}
      {error !== null && <ErrorPanel title="The import was refused; no key was created" error={error} />}
      <div className="flex gap-2">
        <button type="button" className={primaryButton} disabled={busy || good.length === 0} onClick={() => void send()}>
          {busy ? 'Importing…' : `Import ${good.length} key${good.length === 1 ? '' : 's'}`}
        </button>
        <button type="button" className={secondaryButton} onClick={onClose} disabled={busy}>
          Cancel
        </button>
      </div>
    </section>
  );
}
