/**
 * Access logs: a stage's format with its `$context` variables filled in for one request, as API Gateway
 * writes them. A variable without a value (or one the sandbox does not know) becomes `-`, as on AWS.
 * Values are escaped for a JSON string (AWS does not escape; the sandbox's values never need it but a
 * client's User-Agent might, and a broken line would defeat the metric filters the format exists for).
 */

export type ContextValues = Record<string, string | number | undefined>;

const VARIABLE = /\$context\.([A-Za-z0-9_.]+)/g;

/** A format split once into literal text and variable names (alternating, literal first). */
const compiledFormats = new Map<string, { literals: string[]; names: string[] }>();

function compile(format: string): { literals: string[]; names: string[] } {
  let c = compiledFormats.get(format);
  if (c) return c;
  const literals: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const m of format.matchAll(VARIABLE)) {
    // `$context.status.` at the end of a sentence: the dot is not part of the name.
    const name = m[1]!.replace(/\.+$/, '');
    literals.push(format.slice(last, m.index));
    names.push(name);
    last = m.index + '$context.'.length + name.length;
  }
  literals.push(format.slice(last));
  c = { literals, names };
  if (compiledFormats.size > 1000) compiledFormats.clear();
  compiledFormats.set(format, c);
  return c;
}

/** The format with each variable's value (from a map, or a lookup by name). */
export function renderAccessLog(format: string, values: ContextValues | ((name: string) => string | number | undefined)): string {
  const { literals, names } = compile(format);
  const get = typeof values === 'function' ? values : (name: string) => values[name];
  let out = literals[0]!;
  for (let i = 0; i < names.length; i++) {
    const v = get(names[i]!);
    const text = v === undefined || v === '' ? '-' : String(v);
    out += (text.includes('"') || text.includes('\\') ? text.replace(/[\\"]/g, (ch) => `\\${ch}`) : text) + literals[i + 1]!;
  }
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** `$context.requestTime`: CLF, `21/Nov/2026:20:04:33 +0000`. */
export function clfTime(d: Date): string {
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** The log group of a CloudWatch Logs destination ARN (`...:log-group:<name>`, `:*` allowed); else undefined (Firehose). */
export function logGroupOf(destinationArn: string | undefined): string | undefined {
  const m = destinationArn ? /^arn:aws[a-z-]*:logs:[^:]*:\d{12}:log-group:(.+?)(?::\*)?$/.exec(destinationArn) : null;
  return m?.[1];
}
