/**
 * CloudWatch Logs filter patterns (metric filters and FilterLogEvents), compiled once and matched per event.
 *
 * - empty: every event;
 * - terms: `ERROR`, `"exact phrase"`, `ERROR Exception` (all), `?ERROR ?WARN` (any), `ERROR -Exiting`
 *   (exclude); case-sensitive substring matches; an unquoted term holds only letters, digits and `_`;
 * - `%regex%`: the message matches the regular expression;
 * - JSON: `{ $.status = 429 }`, `{ $.status = 4* }`, `{ ($.status = 429) && ($.apiKeyId = "x") }`,
 *   `{ $.latency > 1000 }`, `{ $.flag IS TRUE }`, `{ $.x IS NULL }`, `{ $.x NOT EXISTS }`, `||`, `&&`,
 *   parentheses, `$.a.b`, `$.a[0]`, string values quoted or bare with `*` wildcards, `%regex%` values;
 * - space-delimited: `[ip, user, ..., status = 4*, bytes > 1000]`, fields quoted `"..."` or bracketed `[...]`
 *   count as one, `...` matches any number of fields, conditions joined with `&&` / `||`.
 * A condition on a field the event does not have is false. A number compares numerically with a JSON number
 * or with a string that reads as one (API Gateway's `"status":"$context.status"` logs the status as a string).
 */

export class PatternError extends Error {}

export type PatternKind = 'all' | 'terms' | 'regex' | 'json' | 'space';

/** A matched event's fields, by reference as metric transformations write them (`$.status`, `$status`). */
export type Fields = (ref: string) => unknown;

export interface CompiledPattern {
  kind: PatternKind;
  /** The event's fields when it matches, undefined when it does not. */
  match(message: string): Fields | undefined;
}

const NO_FIELDS: Fields = () => undefined;

export function compilePattern(source: string): CompiledPattern {
  const p = source.trim();
  if (!p) return { kind: 'all', match: () => NO_FIELDS };
  if (p.startsWith('{')) return compileJson(p);
  if (p.startsWith('[')) return compileSpace(p);
  if (p.length >= 2 && p.startsWith('%') && p.endsWith('%')) {
    const re = regex(p.slice(1, -1));
    return { kind: 'regex', match: (m) => (re.test(m) ? NO_FIELDS : undefined) };
  }
  return compileTerms(p);
}

function regex(src: string): RegExp {
  try {
    return new RegExp(src);
  } catch {
    throw new PatternError(`Invalid regular expression: ${src}`);
  }
}

// ---- terms -----------------------------------------------------------------------------------------------------

function compileTerms(p: string): CompiledPattern {
  const all: string[] = [];
  const any: string[] = [];
  const none: string[] = [];
  const tokens = p.match(/[?-]?"(?:[^"\\]|\\.)*"|\S+/g) ?? [];
  for (const tok of tokens) {
    let t = tok;
    let list = all;
    if (t.startsWith('?')) {
      list = any;
      t = t.slice(1);
    } else if (t.startsWith('-')) {
      list = none;
      t = t.slice(1);
    }
    if (t.startsWith('"')) {
      if (t.length < 2 || !t.endsWith('"')) throw new PatternError(`Invalid character(s) in term '${tok}'`);
      list.push(t.slice(1, -1).replace(/\\(.)/g, '$1'));
    } else if (/^[A-Za-z0-9_]+$/.test(t)) list.push(t);
    else throw new PatternError(`Invalid character(s) in term '${t || tok}'`);
  }
  return {
    kind: 'terms',
    match: (m) =>
      all.every((t) => m.includes(t)) && (!any.length || any.some((t) => m.includes(t))) && !none.some((t) => m.includes(t))
        ? NO_FIELDS
        : undefined,
  };
}

// ---- shared value tests ------------------------------------------------------------------------------------------

type Literal = { kind: 'number'; n: number; raw: string } | { kind: 'string'; s: string; quoted: boolean } | { kind: 'regex'; re: RegExp };

function glob(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
}

function numeric(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function compare(field: unknown, op: string, lit: Literal): boolean {
  if (field === undefined) return false;
  if (lit.kind === 'regex') {
    if (typeof field !== 'string' && typeof field !== 'number') return false;
    const hit = lit.re.test(String(field));
    return op === '=' ? hit : op === '!=' ? !hit : false;
  }
  if (lit.kind === 'number') {
    const n = numeric(field);
    if (n === undefined) return op === '!=' && field !== null && typeof field !== 'object' ? String(field) !== lit.raw : false;
    switch (op) {
      case '=':
        return n === lit.n;
      case '!=':
        return n !== lit.n;
      case '<':
        return n < lit.n;
      case '<=':
        return n <= lit.n;
      case '>':
        return n > lit.n;
      case '>=':
        return n >= lit.n;
    }
    return false;
  }
  if (typeof field !== 'string' && typeof field !== 'number' && typeof field !== 'boolean') return false;
  const hit = glob(lit.s).test(String(field));
  if (op === '=') return hit;
  if (op === '!=') return !hit;
  return false;
}

// ---- tokenizer for JSON and space-delimited patterns --------------------------------------------------------------

type Tok =
  | { k: 'sel'; v: string }
  | { k: 'op'; v: string }
  | { k: 'lit'; v: Literal }
  | { k: 'word'; v: string }
  | { k: 'punct'; v: string };

const OPS = ['!=', '<=', '>=', '=', '<', '>'];

function tokenize(body: string, forJson: boolean): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const afterOp = () => out.length > 0 && out[out.length - 1]!.k === 'op';
  while (i < body.length) {
    const c = body[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = body.slice(i);
    if (rest.startsWith('&&') || rest.startsWith('||')) {
      out.push({ k: 'punct', v: rest.slice(0, 2) });
      i += 2;
      continue;
    }
    const op = OPS.find((o) => rest.startsWith(o));
    if (op) {
      out.push({ k: 'op', v: op });
      i += op.length;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      out.push({ k: 'punct', v: c });
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < body.length && body[j] !== '"') {
        if (body[j] === '\\' && j + 1 < body.length) j++;
        s += body[j];
        j++;
      }
      if (j >= body.length) throw new PatternError('Unterminated string');
      out.push({ k: 'lit', v: { kind: 'string', s, quoted: true } });
      i = j + 1;
      continue;
    }
    if (c === '%' && afterOp()) {
      const j = body.indexOf('%', i + 1);
      if (j < 0) throw new PatternError('Unterminated regular expression');
      out.push({ k: 'lit', v: { kind: 'regex', re: regex(body.slice(i + 1, j)) } });
      i = j + 1;
      continue;
    }
    if (forJson && c === '$') {
      const sel = /^\$(?:\.[A-Za-z0-9_@$-]+|\[\d+\])*/.exec(rest)![0];
      if (sel === '$') throw new PatternError('A selector needs a property: $.name');
      out.push({ k: 'sel', v: sel });
      i += sel.length;
      continue;
    }
    if (!forJson && rest.startsWith('...')) {
      out.push({ k: 'word', v: '...' });
      i += 3;
      continue;
    }
    const word = /^[^\s()=!<>,&|"]+/.exec(rest);
    if (!word) throw new PatternError(`Unexpected character '${c}'`);
    const w = word[0];
    if (afterOp()) {
      const n = Number(w);
      out.push({ k: 'lit', v: /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(w) && Number.isFinite(n) ? { kind: 'number', n, raw: w } : { kind: 'string', s: w, quoted: false } });
    } else out.push({ k: 'word', v: w });
    i += w.length;
  }
  return out;
}

// ---- JSON ----------------------------------------------------------------------------------------------------------

type Cond = (get: (ref: string) => unknown) => boolean;

function compileJson(p: string): CompiledPattern {
  if (!p.endsWith('}')) throw new PatternError('A JSON pattern ends with }');
  const toks = tokenize(p.slice(1, -1), true);
  let i = 0;
  const peek = () => toks[i];
  const isPunct = (v: string) => peek()?.k === 'punct' && peek()!.v === v;
  const isWord = (v: string) => peek()?.k === 'word' && String(peek()!.v).toUpperCase() === v;

  const or = (): Cond => {
    const parts = [and()];
    while (isPunct('||')) {
      i++;
      parts.push(and());
    }
    return parts.length === 1 ? parts[0]! : (g) => parts.some((c) => c(g));
  };
  const and = (): Cond => {
    const parts = [unit()];
    while (isPunct('&&')) {
      i++;
      parts.push(unit());
    }
    return parts.length === 1 ? parts[0]! : (g) => parts.every((c) => c(g));
  };
  const unit = (): Cond => {
    if (isPunct('(')) {
      i++;
      const c = or();
      if (!isPunct(')')) throw new PatternError('Expected )');
      i++;
      return c;
    }
    const sel = peek();
    if (sel?.k !== 'sel') throw new PatternError('Expected a selector such as $.status');
    i++;
    const ref = sel.v;
    if (isWord('IS')) {
      i++;
      const what = peek();
      i++;
      const w = what?.k === 'word' ? what.v.toUpperCase() : '';
      if (w === 'TRUE') return (g) => g(ref) === true;
      if (w === 'FALSE') return (g) => g(ref) === false;
      if (w === 'NULL') return (g) => g(ref) === null;
      throw new PatternError('IS takes TRUE, FALSE or NULL');
    }
    if (isWord('NOT')) {
      i++;
      if (!isWord('EXISTS')) throw new PatternError('Expected EXISTS');
      i++;
      return (g) => g(ref) === undefined;
    }
    const op = peek();
    if (op?.k !== 'op') throw new PatternError('Expected an operator');
    i++;
    const lit = peek();
    if (lit?.k !== 'lit') throw new PatternError('Expected a value');
    i++;
    if (lit.v.kind !== 'number' && !['=', '!='].includes(op.v)) throw new PatternError(`${op.v} compares numbers only`);
    return (g) => compare(g(ref), op.v, lit.v);
  };

  if (!toks.length) throw new PatternError('Empty JSON pattern');
  const cond = or();
  if (i < toks.length) throw new PatternError('Unexpected token');
  return {
    kind: 'json',
    match(message) {
      let doc: unknown;
      try {
        doc = JSON.parse(message);
      } catch {
        return undefined;
      }
      if (doc === null || typeof doc !== 'object') return undefined;
      const get = (ref: string) => select(doc, ref);
      return cond(get) ? get : undefined;
    },
  };
}

function select(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('$')) return undefined;
  let cur: unknown = doc;
  const re = /\.([A-Za-z0-9_@$-]+)|\[(\d+)\]/g;
  const path = ref.slice(1);
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(path))) {
    if (m.index !== consumed) return undefined;
    consumed = m.index + m[0].length;
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = m[1] !== undefined ? (Array.isArray(cur) ? undefined : (cur as Record<string, unknown>)[m[1]]) : Array.isArray(cur) ? cur[Number(m[2])] : undefined;
    if (cur === undefined) return undefined;
  }
  return consumed === path.length ? cur : undefined;
}

// ---- space-delimited -----------------------------------------------------------------------------------------------

function compileSpace(p: string): CompiledPattern {
  if (!p.endsWith(']')) throw new PatternError('A space-delimited pattern ends with ]');
  const toks = tokenize(p.slice(1, -1), false);
  const names: string[] = [];
  const conds: Cond[] = [];
  let i = 0;
  const isPunct = (v: string) => toks[i]?.k === 'punct' && toks[i]!.v === v;
  const cond = (): Cond => {
    const name = toks[i];
    if (name?.k !== 'word' || name.v === '...') throw new PatternError('Expected a field name');
    const op = toks[i + 1];
    const lit = toks[i + 2];
    if (op?.k !== 'op' || lit?.k !== 'lit') throw new PatternError('Expected a condition');
    if (lit.v.kind !== 'number' && !['=', '!='].includes(op.v)) throw new PatternError(`${op.v} compares numbers only`);
    i += 3;
    const ref = `$${name.v}`;
    return (g) => compare(g(ref), op.v, lit.v);
  };
  while (i < toks.length) {
    const t = toks[i];
    if (t?.k !== 'word') throw new PatternError('Expected a field name');
    names.push(t.v);
    if (t.v !== '...' && !/^[A-Za-z0-9_]+$/.test(t.v)) throw new PatternError(`Invalid field name ${t.v}`);
    if (toks[i + 1]?.k === 'op') {
      // Conditions of this field (they may name other fields too), joined with && and ||.
      let c = cond();
      while (isPunct('&&') || isPunct('||')) {
        const joiner = toks[i]!.v;
        i++;
        const next = cond();
        const prev = c;
        c = joiner === '&&' ? (g) => prev(g) && next(g) : (g) => prev(g) || next(g);
      }
      conds.push(c);
    } else i++;
    if (i < toks.length) {
      if (!isPunct(',')) throw new PatternError('Expected ,');
      i++;
    }
  }
  if (!names.length) throw new PatternError('Empty space-delimited pattern');
  return {
    kind: 'space',
    match(message) {
      const words = (message.match(/"[^"]*"|\[[^\]]*\]|\S+/g) ?? []).map((w) =>
        (w.startsWith('"') && w.endsWith('"') && w.length > 1) || (w.startsWith('[') && w.endsWith(']')) ? w.slice(1, -1) : w,
      );
      const assigned = assign(names, words);
      if (!assigned) return undefined;
      const get = (ref: string) => (ref.startsWith('$') && !ref.startsWith('$.') ? assigned.get(ref.slice(1)) : undefined);
      return conds.every((c) => c(get)) ? get : undefined;
    },
  };
}

/** Assigns message words to pattern fields; `...` takes any number of words (tried shortest first). */
function assign(names: string[], words: string[]): Map<string, string> | undefined {
  const out = new Map<string, string>();
  const go = (n: number, w: number): boolean => {
    if (n === names.length) return w === words.length;
    if (names[n] === '...') {
      for (let take = 0; w + take <= words.length; take++) if (go(n + 1, w + take)) return true;
      return false;
    }
    if (w >= words.length) return false;
    out.set(names[n]!, words[w]!);
    return go(n + 1, w + 1);
  };
  return go(0, 0) ? out : undefined;
}

const cache = new Map<string, CompiledPattern>();

/** compilePattern with a bounded cache: metric filters compile once, not per event. */
export function compiled(source: string): CompiledPattern {
  let c = cache.get(source);
  if (!c) {
    c = compilePattern(source);
    if (cache.size >= 1000) cache.delete(cache.keys().next().value!);
    cache.set(source, c);
  }
  return c;
}
