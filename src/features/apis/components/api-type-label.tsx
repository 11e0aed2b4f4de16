import type { ApiType } from '../../../domain/api.js';
import { Badge } from '../../../components/badge.js';

export const API_TYPE_LABEL: Record<ApiType, string> = { REST: 'REST', HTTP: 'HTTP', WEBSOCKET: 'WebSocket' };

export function ApiTypeBadge({ type }: { type: ApiType }) {
  return <Badge tone={type === 'REST' ? 'indigo' : type === 'HTTP' ? 'emerald' : 'amber'}>{API_TYPE_LABEL[type]}</Badge>;
}
