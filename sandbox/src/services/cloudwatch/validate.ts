import type { Problems } from './errors.js';
import { invalidParameterValue } from './errors.js';
import { UNIT_PRECEDENCE } from './units.js';

/**
 * Checks shared by the CloudWatch operations. Two layers, as on AWS: the service model's constraints
 * (required, length, pattern, enum, range) answer coral's ValidationError, collected in `Problems`; the
 * service's own rules answer InvalidParameterValue / InvalidParameterCombination / MissingParameter, naming
 * the parameter in Query form (`MetricData.member.1.Value`), as the recordings show.
 */

export const UNITS = UNIT_PRECEDENCE as readonly string[];

export interface WireDimension {
  Name?: string;
  Value?: string;
}

/** Model constraints of a Metric's namespace, name and dimensions; `path` is coral's member path prefix. */
export function metricShape(p: Problems, m: { Namespace?: string; MetricName?: string; Dimensions?: WireDimension[] }, path: string): void {
  p.length(m.Namespace, `${path}namespace`, 1, 255);
  p.pattern(m.Namespace, `${path}namespace`, /^[^:][\s\S]*$/, '[^:].*');
  p.length(m.MetricName, `${path}metricName`, 1, 255);
  dimensionsShape(p, m.Dimensions, `${path}dimensions`, 30);
}

export function dimensionsShape(p: Problems, dims: WireDimension[] | undefined, path: string, max: number): void {
  if (!dims) return;
  p.length(dims, path, 0, max);
  dims.forEach((d, i) => {
    const at = `${path}.${i + 1}.member`;
    if (p.required(d?.Name, `${at}.name`)) p.length(d.Name, `${at}.name`, 1, 255);
    if (p.required(d?.Value, `${at}.value`)) p.length(d.Value, `${at}.value`, 1, 1024);
  });
}

const NAMESPACE_CHARS = /^[0-9A-Za-z.\-_/#: ]+$/;

/**
 * Service rules for a namespace being written: AWS's documented character set, at least one non-space, and
 * the `AWS/` prefix reserved for AWS's own services ("The value AWS/ for parameter Namespace is invalid.",
 * AWS's wording as widely reported).
 */
export function writableNamespace(ns: string): void {
  if (ns.startsWith('AWS/')) throw invalidParameterValue('The value AWS/ for parameter Namespace is invalid.');
  if (!NAMESPACE_CHARS.test(ns) || !ns.trim()) throw invalidParameterValue(`The value ${ns} for parameter Namespace is invalid.`);
}

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/** Service rules for dimensions being written: printable ASCII, not blank, names not starting with ':' and unique. */
export function writableDimensions(dims: WireDimension[] | undefined, param: string): [string, string][] {
  const out: [string, string][] = [];
  const seen = new Set<string>();
  (dims ?? []).forEach((d, i) => {
    const at = `${param}.member.${i + 1}`;
    const name = d.Name!;
    const value = d.Value!;
    if (!PRINTABLE_ASCII.test(name) || !name.trim() || name.startsWith(':')) {
      throw invalidParameterValue(`The value ${name} for parameter ${at}.Name is invalid.`);
    }
    if (!PRINTABLE_ASCII.test(value) || !value.trim()) throw invalidParameterValue(`The value ${value} for parameter ${at}.Value is invalid.`);
    if (seen.has(name)) throw invalidParameterValue(`The value ${name} for parameter ${at}.Name is not unique.`);
    seen.add(name);
    out.push([name, value]);
  });
  return out;
}

/** An awsJson timestamp (epoch seconds, possibly fractional; the SDK never sends strings) in seconds. */
export function epochSecondsOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return Date.parse(v) / 1000;
  return undefined;
}

/** A double from the wire: awsJson sends NaN and the infinities as strings. */
export function doubleOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return undefined;
}
