import { describe, expect, it } from 'vitest';
import { apiPathKind, fromRestApi, fromV2Api } from './api.js';

describe('fromRestApi', () => {
  it('maps a v1 REST API and derives its execute-api endpoint from the region', () => {
    const created = new Date('2026-03-01T10:00:00Z');
    const api = fromRestApi(
      { id: 'a1b2c3d4e5', name: 'Pet Store', description: 'Pets', createdDate: created, endpointConfiguration: { types: ['REGIONAL'] } },
      'eu-west-1',
    );
    expect(api).toEqual({
      id: 'a1b2c3d4e5',
      name: 'Pet Store',
      type: 'REST',
      endpoint: 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com',
      createdDate: created,
      description: 'Pets',
      endpointTypes: ['REGIONAL'],
      executeApiDisabled: false,
    });
  });

  it('falls back to the id for a nameless API and drops an empty description', () => {
    const api = fromRestApi({ id: 'x1', description: '', disableExecuteApiEndpoint: true }, 'us-east-1');
    expect(api.name).toBe('x1');
    expect(api.description).toBeUndefined();
    expect(api.executeApiDisabled).toBe(true);
  });
});

describe('fromV2Api', () => {
  it('maps HTTP and WebSocket APIs with the endpoint AWS reports', () => {
    const http = fromV2Api({ ApiId: 'h1', Name: 'Checkout', ProtocolType: 'HTTP', ApiEndpoint: 'https://h1.execute-api.us-east-1.amazonaws.com' });
    const ws = fromV2Api({ ApiId: 'w1', Name: 'Chat', ProtocolType: 'WEBSOCKET', ApiEndpoint: 'wss://w1.execute-api.us-east-1.amazonaws.com' });
    expect(http.type).toBe('HTTP');
    expect(http.endpoint).toBe('https://h1.execute-api.us-east-1.amazonaws.com');
    expect(ws.type).toBe('WEBSOCKET');
    expect(ws.endpoint).toMatch(/^wss:\/\//);
    expect(apiPathKind(ws.type)).toBe('v2');
    expect(apiPathKind('REST')).toBe('rest');
  });
});
