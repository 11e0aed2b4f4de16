import { ConfigError } from '../aws/config.js';

/** Shown instead of the console when /config.json is missing or wrong: names each bad field and its rule. */
export function ConfigErrorScreen({ error }: { error: unknown }) {
  const problems = error instanceof ConfigError ? error.problems : [{ field: '(file)', rule: String((error as Error)?.message ?? error) }];
  const source = error instanceof ConfigError ? error.source : '/config.json';
  return (
    <main className="mx-auto max-w-2xl space-y-4 p-8">
      <h1 className="text-2xl font-semibold text-slate-900">The console is not configured correctly</h1>
      <p className="text-slate-700">
        <code className="font-mono">{source}</code> tells the console which AWS region, Cognito user pool and identity pool to use. Fix these
        fields and reload:
      </p>
      <ul role="alert" className="space-y-1 rounded border border-red-300 bg-red-50 p-4 text-sm text-red-900">
        {problems.map((p) => (
          <li key={p.field + p.rule}>
            <code className="font-mono font-semibold">{p.field}</code> {p.rule}
          </li>
        ))}
      </ul>
      <p className="text-sm text-slate-600">
        Fields: <code>region</code>, <code>userPoolId</code>, <code>userPoolClientId</code>, <code>identityPoolId</code>, and optionally{' '}
        <code>endpoint</code> (one URL for every AWS service, as the sandbox and LocalStack offer).
      </p>
    </main>
  );
}
