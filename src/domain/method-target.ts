/**
 * Where a throttling override applies: a REST method (resource path + HTTP verb) or an HTTP/WebSocket
 * route (its route key). REST keeps method settings under `resourcePath/VERB` with the leading slash
 * dropped (`pets/GET`, `*` + `/*` for the stage default) and patches them through JSON-pointer paths in
 * which `/` inside the resource path is written `~1` (`/~1pets/GET/throttling/rateLimit`).
 */
export const STAGE_DEFAULT = '*/*';

export function restSettingKey(resourcePath: string, httpMethod: string): string {
  return `${resourcePath.replace(/^\//, '')}/${httpMethod}`;
}

/** The patch-path prefix of a REST method setting: `/*\/*`, `/~1pets/GET`, `/~1/GET` for the root. */
export function restPatchPrefix(settingKey: string): string {
  if (settingKey === STAGE_DEFAULT) return '/*/*';
  const slash = settingKey.lastIndexOf('/');
  const resourcePath = `/${settingKey.slice(0, slash)}`;
  const verb = settingKey.slice(slash + 1);
  return `/${resourcePath.replace(/~/g, '~0').replace(/\//g, '~1')}/${verb}`;
}

/** How an operator reads a REST setting key: `GET /pets`. */
export function restSettingLabel(settingKey: string): string {
  if (settingKey === STAGE_DEFAULT) return 'Stage default';
  const slash = settingKey.lastIndexOf('/');
  return `${settingKey.slice(slash + 1)} /${settingKey.slice(0, slash)}`;
}
