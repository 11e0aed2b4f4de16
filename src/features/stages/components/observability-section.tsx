import type { ReactNode } from 'react';
import type { StageSettings } from '../../../domain/stage-settings.js';

const onOff = (v: boolean | undefined) => (v ? 'On' : 'Off');

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="whitespace-nowrap text-slate-600">{term}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}

/** Logging, metrics, access logs, tracing, caching and tags: read here, changed in later screens. */
export function ObservabilitySection({ stage }: { stage: StageSettings }) {
  const d = stage.defaults;
  const tags = Object.entries(stage.tags);
  return (
    <section aria-labelledby="settings-heading" className="space-y-3">
      <h2 id="settings-heading" className="text-lg font-semibold text-slate-900">
        Logging, metrics and caching
      </h2>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 rounded-md border border-slate-200 bg-white p-3 text-sm sm:grid-cols-[auto_1fr]">
        {(stage.api === 'rest' || d.loggingLevel !== undefined) && <Row term="Execution logging">{d.loggingLevel ?? 'OFF'}</Row>}
        {(stage.api === 'rest' || d.dataTrace !== undefined) && <Row term="Data trace">{onOff(d.dataTrace)}</Row>}
        <Row term="Detailed metrics">{onOff(d.metrics)}</Row>
        <Row term="Access logs">
          {stage.accessLog?.destinationArn ? <span className="font-mono text-xs break-all">{stage.accessLog.destinationArn}</span> : 'Off'}
        </Row>
        {stage.accessLog?.format && (
          <Row term="Access log format">
            <pre className="overflow-x-auto rounded bg-slate-100 p-2 font-mono text-xs break-all whitespace-pre-wrap">{stage.accessLog.format}</pre>
          </Row>
        )}
        {stage.api === 'rest' && (
          <>
            <Row term="X-Ray tracing">{onOff(stage.tracingEnabled)}</Row>
            <Row term="Cache cluster">
              {stage.cacheCluster?.enabled ? `On, ${stage.cacheCluster.size ?? '?'} GB (${stage.cacheCluster.status ?? 'status unknown'})` : 'Off'}
            </Row>
            <Row term="Method caching">{d.caching?.enabled ? `On, TTL ${d.caching.ttlSeconds ?? 300} s${d.caching.encrypted ? ', encrypted' : ''}` : 'Off'}</Row>
          </>
        )}
        <Row term="Tags">{tags.length ? <span className="font-mono text-xs">{tags.map(([k, v]) => `${k}=${v}`).join(', ')}</span> : 'None'}</Row>
      </dl>
    </section>
  );
}
