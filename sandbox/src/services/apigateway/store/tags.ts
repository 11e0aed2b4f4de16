import { badRequest, notFound, validationError } from '../errors.js';
import type { StoreEnv } from './env.js';
import type { ApiGatewayState } from './types.js';

/**
 * Tags on API Gateway v1 resources: API keys, usage plans, REST APIs and stages, addressed by ARN
 * (`arn:aws:apigateway:<region>::/apikeys/<id>`, `::/usageplans/<id>`, `::/restapis/<id>`,
 * `::/restapis/<id>/stages/<name>`). Rules from the API reference: keys 1..128 characters, not starting
 * with `aws:`, values up to 256, at most 50 tags per resource. The messages are the sandbox's (†).
 */
export const MAX_TAGS = 50;
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export function checkTags(tags: Record<string, unknown> | undefined): void {
  if (tags === undefined || tags === null) return;
  if (typeof tags !== 'object' || Array.isArray(tags)) throw badRequest('Invalid tags specified. Tags must be a map of strings to strings');
  for (const [key, value] of Object.entries(tags)) {
    if (key.length < 1 || key.length > 128) throw badRequest(`Invalid tag key: ${key}. Tag keys must be between 1 and 128 characters long`);
    if (key.toLowerCase().startsWith('aws:')) throw badRequest(`Invalid tag key: ${key}. Tag keys must not start with 'aws:', which is reserved for AWS use`);
    if (!TAG_CHARS.test(key)) throw badRequest(`Invalid tag key: ${key}. Tag keys may only contain letters, numbers, spaces and _ . : / = + - @`);
    if (typeof value !== 'string') throw badRequest(`Invalid tag value for key ${key}. Tag values must be strings`);
    if (value.length > 256) throw badRequest(`Invalid tag value for key ${key}. Tag values must be at most 256 characters long`);
    if (!TAG_CHARS.test(value)) throw badRequest(`Invalid tag value for key ${key}. Tag values may only contain letters, numbers, spaces and _ . : / = + - @`);
  }
  if (Object.keys(tags).length > MAX_TAGS) throw tooManyTags();
}

const tooManyTags = () => badRequest(`Too many tags. A resource can have at most ${MAX_TAGS} tags`);

/** Something that carries tags; `tags` undefined means "never tagged" (AWS then omits it in some answers). */
interface Taggable {
  tags?: Record<string, string>;
}

/** The record an ARN names. Unknown or untaggable resources are NotFound (†), a malformed ARN BadRequest. */
export function taggableFor(state: ApiGatewayState, env: StoreEnv, arn: string | undefined): Taggable {
  const m = /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+)::\/(.+)$/.exec(arn ?? '');
  if (!m) throw badRequest(`Invalid ARN. ARN is not well formed ${arn ?? ''}`);
  if (m[1] !== env.region) throw notFound('Invalid resource identifier specified');
  const path = m[2]!;
  let found: Taggable | undefined;
  let r: RegExpExecArray | null;
  if ((r = /^apikeys\/([^/]+)$/.exec(path))) found = state.apiKeys[r[1]!];
  else if ((r = /^usageplans\/([^/]+)$/.exec(path))) found = state.usagePlans[r[1]!];
  else if ((r = /^restapis\/([^/]+)$/.exec(path))) found = state.restApis[r[1]!];
  else if ((r = /^restapis\/([^/]+)\/stages\/([^/]+)$/.exec(path))) found = state.restApis[r[1]!]?.stages[r[2]!];
  if (!found) throw notFound('Invalid resource identifier specified');
  return found;
}

export function getTags(state: ApiGatewayState, env: StoreEnv, arn: string | undefined): Record<string, string> {
  return { ...(taggableFor(state, env, arn).tags ?? {}) };
}

/** Adds or overwrites tags; all-or-nothing. */
export function tagResource(state: ApiGatewayState, env: StoreEnv, arn: string | undefined, tags: Record<string, string> | undefined): void {
  const target = taggableFor(state, env, arn);
  if (tags === undefined || tags === null) throw validationError(["Value null at 'tags' failed to satisfy constraint: Member must not be null"]);
  checkTags(tags);
  const merged = { ...(target.tags ?? {}), ...tags };
  if (Object.keys(merged).length > MAX_TAGS) throw tooManyTags();
  target.tags = merged;
}

/** Removes the named tags; names that are not there are ignored. */
export function untagResource(state: ApiGatewayState, env: StoreEnv, arn: string | undefined, tagKeys: string[] | undefined): void {
  const target = taggableFor(state, env, arn);
  if (!tagKeys || tagKeys.length === 0) throw validationError(["Value null at 'tagKeys' failed to satisfy constraint: Member must not be null"]);
  const next = { ...(target.tags ?? {}) };
  for (const k of tagKeys) delete next[k];
  target.tags = next;
}
