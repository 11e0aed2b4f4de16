import type { SandboxConfig, SandboxState } from '../core/types.js';
import { seedRoles } from './roles.js';
import { seedCognito } from './cognito.js';
import { seedAccessLogGroups } from './log-groups.js';
import { seedDemoRestApis, seedScaleRestApis } from './rest-apis.js';
import { seedDemoV2Apis, seedScaleV2Apis } from './v2-apis.js';
import { runHistory, seedDemoBackends } from '../dataplane/traffic.js';

export type Profile = 'demo' | 'scale' | 'empty';

export const PROFILES: readonly Profile[] = ['demo', 'scale', 'empty'];

/**
 * Seeds for a fresh state. Every profile has the roles and the demo sign-ins; `demo` adds a handful of
 * APIs of each type with keys and usage plans; `scale` adds 1,000 APIs (3 stages each), 10,000 API keys
 * and 300 usage plans; `empty` adds no APIs (for empty-state screens). The demo profile ends with a day
 * of traffic: the demo traffic played through the data plane in fast-forward over the last 24 hours, so
 * metrics, access logs and usage start with real-shaped history.
 */
export function seedFor(profile: Profile): (state: SandboxState, config: SandboxConfig) => void {
  return (state, config) => {
    seedRoles(state.auth, config);
    seedCognito(state, config);
    if (profile === 'demo') {
      seedDemoRestApis(state, config);
      seedDemoV2Apis(state, config);
    } else if (profile === 'scale') {
      seedScaleRestApis(state, config);
      seedScaleV2Apis(state, config);
    }
    seedAccessLogGroups(state, config);
    if (profile === 'demo') {
      seedDemoBackends(state);
      runHistory(state, config);
    }
  };
}
