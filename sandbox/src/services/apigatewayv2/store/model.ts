import type { Api, Deployment, Integration, Route, RouteSettings, Stage } from '@aws-sdk/client-apigatewayv2';
import { alnumId } from '../../../core/ids.js';
import { badRequest } from '../../../core/errors.js';
import { apiNotFound } from '../errors.js';
import type { Wire } from '../wire.js';

/**
 * The apigatewayv2 state: plain JSON, each record kept exactly in its wire form (lower-camel names,
 * ISO-8601 dates), so it saves and loads as is and a Get answers with what was stored.
 */
export type ApiWire = Wire<Api>;
export type RouteWire = Wire<Route>;
export type IntegrationWire = Wire<Integration>;
export type StageWire = Wire<Stage>;
export type DeploymentWire = Wire<Deployment>;
export type RouteSettingsWire = Wire<RouteSettings>;

export interface ApiEntry {
  api: ApiWire;
  routes: Record<string, RouteWire>;
  integrations: Record<string, IntegrationWire>;
  /** By stage name. */
  stages: Record<string, StageWire>;
  deployments: Record<string, DeploymentWire>;
}

export interface V2State {
  /** By API id. */
  apis: Record<string, ApiEntry>;
}

export const initialV2State = (): V2State => ({ apis: {} });

/** Makes ids of a given length; random for requests, seeded (repeatable) for the seeds. */
export type IdSource = (length: number) => string;

/** What a store function needs besides the state: where, when, and how ids are made. */
export interface StoreEnv {
  region: string;
  account: string;
  now: Date;
  ids: IdSource;
}

export const randomIds: IdSource = (length) => alnumId(length);

/** A repeatable id source (mulberry32), so a seed yields the same ids on every machine and restart. */
export function seededIds(seed: number): IdSource {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return (length) => {
    let id = '';
    for (let i = 0; i < length; i++) id += alphabet[Math.floor(next() * alphabet.length)];
    return id;
  };
}

/** Id lengths as AWS makes them: APIs 10, routes and integrations 7, deployments 6. */
export const ID_LENGTH = { api: 10, route: 7, integration: 7, deployment: 6 } as const;

/** A fresh id not yet used as a key of `taken`. */
export function freshId(env: StoreEnv, length: number, taken: Record<string, unknown>): string {
  for (;;) {
    const id = env.ids(length);
    if (!(id in taken)) return id;
  }
}

export function requireApi(state: V2State, env: Pick<StoreEnv, 'account'>, apiId: string | undefined): ApiEntry {
  const entry = apiId ? state.apis[apiId] : undefined;
  if (!entry) throw apiNotFound(env.account, apiId ?? '');
  return entry;
}

export function isoNow(env: Pick<StoreEnv, 'now'>): string {
  return env.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Copies an object without its undefined members, so stored records hold only what was set. */
export function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** API Gateway's page size when MaxResults is absent, and the largest it accepts. */
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 500;

/**
 * One page of a collection, in key order. NextToken is opaque to callers; it names the last key
 * returned, so a page boundary survives items being added or deleted in between.
 */
export function paginate<T>(all: readonly T[], keyOf: (item: T) => string, maxResults?: string, nextToken?: string): Page<T> {
  const limit = parseMaxResults(maxResults);
  const after = nextToken === undefined ? undefined : decodeToken(nextToken);
  const sorted = [...all].sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
  const start = after === undefined ? 0 : sorted.findIndex((item) => compareKeys(keyOf(item), after) > 0);
  const from = start < 0 ? sorted.length : start;
  const items = sorted.slice(from, from + limit);
  const more = from + limit < sorted.length;
  return more ? { items, nextToken: encodeToken(keyOf(items[items.length - 1]!)) } : { items };
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function parseMaxResults(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) {
    throw badRequest(`Invalid MaxResults: ${raw}. MaxResults must be an integer between 1 and ${MAX_PAGE_SIZE}.`);
  }
  return n;
}

const TOKEN_PREFIX = 'v2p1.';

function encodeToken(lastKey: string): string {
  return TOKEN_PREFIX + Buffer.from(JSON.stringify({ after: lastKey }), 'utf8').toString('base64url');
}

function decodeToken(token: string): string {
  try {
    if (!token.startsWith(TOKEN_PREFIX)) throw new Error('prefix');
    const parsed = JSON.parse(Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after !== 'string') throw new Error('shape');
    return parsed.after;
  } catch {
    throw badRequest('Invalid NextToken specified');
  }
}
