import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.js';

const GOOD = {
  region: 'us-east-1',
  userPoolId: 'us-east-1_GwConsole',
  userPoolClientId: '5gatewayconsoledemo0client',
  identityPoolId: 'us-east-1:7b0c6a52-1d3e-4f7a-9c5b-2e8d4f6a1b30',
};

function problems(raw: unknown): string[] {
  try {
    parseConfig(raw);
    return [];
  } catch (e) {
    return (e as ConfigError).problems.map((p) => `${p.field}: ${p.rule}`);
  }
}

describe('parseConfig', () => {
  it('accepts a real-account config without endpoint and strips a trailing slash from one', () => {
    expect(parseConfig(GOOD)).toEqual({ ...GOOD, endpoint: undefined });
    expect(parseConfig({ ...GOOD, endpoint: 'http://localhost:4566/' }).endpoint).toBe('http://localhost:4566');
  });

  it('names every missing field', () => {
    expect(problems({})).toEqual([
      'region: is required',
      'userPoolId: is required',
      'userPoolClientId: is required',
      'identityPoolId: is required',
    ]);
  });

  it('names malformed fields and the rule they break', () => {
    expect(problems({ ...GOOD, region: 'moon-1' })[0]).toMatch(/^region: "moon-1" is not an AWS region name/);
    expect(problems({ ...GOOD, userPoolId: 'eu-west-1_Abc' })).toEqual(['userPoolId: is in eu-west-1 but region is us-east-1']);
    expect(problems({ ...GOOD, identityPoolId: 'abc' })[0]).toMatch(/^identityPoolId: "abc" is not an identity pool id/);
    expect(problems({ ...GOOD, endpoint: 'ftp://x' })[0]).toMatch(/^endpoint: "ftp:\/\/x" is not an http\(s\) URL/);
    expect(problems({ ...GOOD, userPoolClientId: 42 })).toEqual(['userPoolClientId: must be a string']);
    expect(problems([])).toEqual(['(file): must be a JSON object']);
  });
});
