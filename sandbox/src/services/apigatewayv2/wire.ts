import { NormalizedSchema } from '@smithy/core/schema';
import type { StaticOperationSchema } from '@smithy/types';
import type { HandlerResult } from '../../core/types.js';
import { badRequest } from '../../core/errors.js';

/**
 * The REST-JSON wire form of apigatewayv2, read from the SDK's own schemas: member names become their
 * `jsonName` (lower camel), labels and query parameters come from the path and query string, timestamps
 * travel as ISO-8601. Using the SDK's schemas keeps the sandbox and the client agreeing on every name.
 */

/** The wire shape of an SDK structure: lower-camel member names, ISO strings for dates, maps keep their keys. */
export type Wire<T> = string extends keyof T
  ? { [k: string]: WireValue<T[keyof T & string]> }
  : { [K in keyof T as K extends string ? Uncapitalize<K> : never]: WireValue<T[K]> };

type WireValue<V> = V extends Date
  ? string
  : V extends readonly (infer E)[]
    ? WireValue<E>[]
    : V extends object
      ? Wire<V>
      : V;

/** An operation's output without the SDK's response metadata: what a handler returns. */
export type Out<O> = Omit<O, '$metadata'>;

/** ISO-8601 without milliseconds, as API Gateway v2 writes dates ("2020-04-08T00:08:44Z"). */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** SDK value -> wire JSON. */
export function toWire(schema: NormalizedSchema, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (schema.isTimestampSchema()) return value instanceof Date ? isoSeconds(value) : value;
  if (schema.isListSchema()) {
    const member = schema.getValueSchema();
    return (value as unknown[]).map((v) => toWire(member, v));
  }
  if (schema.isMapSchema()) {
    const member = schema.getValueSchema();
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toWire(member, v);
    return out;
  }
  if (schema.isStructSchema()) {
    const out: Record<string, unknown> = {};
    const obj = value as Record<string, unknown>;
    for (const [name, member] of schema.structIterator()) {
      const v = toWire(member, obj[name]);
      if (v !== undefined) out[jsonName(member, name)] = v;
    }
    return out;
  }
  return value;
}

/**
 * Wire JSON -> SDK value. Request bodies pass through here, so a value of the wrong JSON type is refused
 * the way API Gateway refuses it (400), naming the member.
 */
export function fromWire(schema: NormalizedSchema, value: unknown, path = ''): unknown {
  if (value === undefined || value === null) return undefined;
  if (schema.isTimestampSchema()) {
    if (typeof value === 'string' || typeof value === 'number') {
      const d = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
      if (!Number.isNaN(d.getTime())) return d;
    }
    throw invalidType(path, 'a timestamp');
  }
  if (schema.isListSchema()) {
    if (!Array.isArray(value)) throw invalidType(path, 'a list');
    const member = schema.getValueSchema();
    return value.map((v, i) => fromWire(member, v, `${path}[${i}]`));
  }
  if (schema.isMapSchema()) {
    if (typeof value !== 'object' || Array.isArray(value)) throw invalidType(path, 'an object');
    const member = schema.getValueSchema();
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = fromWire(member, v, `${path}.${k}`);
    return out;
  }
  if (schema.isStructSchema()) {
    if (typeof value !== 'object' || Array.isArray(value)) throw invalidType(path, 'an object');
    const obj = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [name, member] of schema.structIterator()) {
      const key = jsonName(member, name);
      const v = fromWire(member, obj[key], path ? `${path}.${key}` : key);
      if (v !== undefined) out[name] = v;
    }
    return out;
  }
  if (schema.isStringSchema() && typeof value !== 'string') throw invalidType(path, 'a string');
  if (schema.isBooleanSchema() && typeof value !== 'boolean') throw invalidType(path, 'a boolean');
  if (schema.isNumericSchema() && typeof value !== 'number') throw invalidType(path, 'a number');
  return value;
}

function invalidType(path: string, expected: string) {
  return badRequest(`Invalid input: ${path || 'body'} must be ${expected}.`);
}

function jsonName(member: NormalizedSchema, name: string): string {
  const jn = member.getMergedTraits().jsonName;
  return typeof jn === 'string' ? jn : name;
}

export interface OperationShape {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path template with `{MemberName}` labels, straight from the SDK (`/v2/apis/{ApiId}/stages`). */
  path: string;
  /** HTTP status of a success (201 for creates, 204 for deletes). */
  status: number;
  input: NormalizedSchema;
  output: NormalizedSchema;
}

/** Reads method, path, success status and shapes from an SDK operation schema (`CreateApi$`). */
export function operationShape(op: StaticOperationSchema): OperationShape {
  const [, , name, traits, input, output] = op;
  const http = (traits as { http?: [string, string, number] }).http;
  if (!http) throw new Error(`apigatewayv2: operation ${name} has no http trait`);
  return {
    name,
    method: http[0] as OperationShape['method'],
    path: http[1],
    status: http[2],
    input: NormalizedSchema.of(input),
    output: NormalizedSchema.of(output),
  };
}

/** Builds the SDK input of an operation from path labels, query string and JSON body. */
export function decodeRequest(shape: OperationShape, params: Record<string, string>, query: URLSearchParams, body: unknown): unknown {
  const input: Record<string, unknown> = {};
  const json = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body))) {
    throw badRequest('Invalid input: the request body must be a JSON object.');
  }
  for (const [name, member] of shape.input.structIterator()) {
    const traits = member.getMergedTraits();
    if (traits.httpLabel) {
      if (params[name] !== undefined) input[name] = params[name];
    } else if (typeof traits.httpQuery === 'string') {
      const q = query.get(traits.httpQuery);
      // Query members of apigatewayv2 are all strings on the wire (maxResults too); handlers validate them.
      if (q !== null) input[name] = q;
    } else if (traits.httpHeader || traits.httpPayload) {
      continue;
    } else {
      const v = fromWire(member, json[jsonName(member, name)], jsonName(member, name));
      if (v !== undefined) input[name] = v;
    }
  }
  return input;
}

/** Encodes a handler's output as the operation's success response. */
export function encodeResponse(shape: OperationShape, output: unknown): HandlerResult {
  if (shape.status === 204 || shape.output.isUnitSchema()) return { status: shape.status };
  return { status: shape.status, body: toWire(shape.output, output ?? {}) };
}

/** A stored wire record (or a page of them) read back as the SDK output of an operation. */
export function outputOf<O>(op: StaticOperationSchema, record: unknown): Out<O> {
  return fromWire(NormalizedSchema.of(op[5]), record) as Out<O>;
}
