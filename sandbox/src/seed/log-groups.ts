import type { SandboxConfig, SandboxState } from '../core/types.js';
import { logsState } from '../services/logs/state.js';

/**
 * Every log group a seeded stage sends access logs to exists, as it would on AWS (API Gateway delivers only
 * to an existing group). Found by the destination ARNs in the API Gateway slices, so seeds need not list them.
 */
export function seedAccessLogGroups(state: SandboxState, config: SandboxConfig): void {
  const logs = logsState(state);
  if (!logs) return;
  const text = JSON.stringify([state.services['apigateway'], state.services['apigatewayv2']]);
  const prefix = `arn:aws:logs:${config.region}:${config.account}:log-group:`;
  const re = new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([.\\-_/#A-Za-z0-9]+)`, 'g');
  const now = config.now().getTime();
  for (const m of text.matchAll(re)) {
    const name = m[1]!;
    logs.groups[name] ??= {
      logGroupName: name,
      creationTime: now,
      storedBytes: 0,
      logGroupClass: 'STANDARD',
      tags: {},
      metricFilters: {},
      streams: {},
    };
  }
}
