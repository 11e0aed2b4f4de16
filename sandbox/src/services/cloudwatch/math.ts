/**
 * Metric math for GetMetricData: the simple expressions a console needs, evaluated as CloudWatch does.
 *
 * Grammar: numbers, query ids, `+ - * / ^`, unary minus, parentheses, comparisons (`> < >= <= == !=`,
 * giving 1 or 0), `AND`/`&&`, `OR`/`||`, arrays `[m1, m2]`, strings for METRICS, and the functions
 * SUM, AVG, MIN, MAX (of an array: one series, per timestamp, of the values present; of one series: a scalar),
 * METRICS([filter]), FILL(series, value | REPEAT), IF(condition, then[, else]), ABS, CEIL, FLOOR, PERIOD.
 * Arithmetic between two series pairs values by timestamp; a timestamp missing from either has no result
 * (use FILL), and a result that is not a finite number (x/0) is left out. An operation between an array and
 * a scalar or series applies to each member.
 */

export interface Grid {
  start: number;
  period: number;
  end: number;
}

export interface Series {
  kind: 'series';
  /** Ascending epoch seconds. */
  ts: number[];
  vals: number[];
  label: string;
  grid?: Grid;
}

export interface ArrayValue {
  kind: 'array';
  items: Series[];
}

export type Value = { kind: 'scalar'; v: number } | Series | ArrayValue | { kind: 'string'; s: string };

export class MathError extends Error {}

type Node =
  | { t: 'num'; v: number }
  | { t: 'str'; s: string }
  | { t: 'id'; name: string }
  | { t: 'neg'; a: Node }
  | { t: 'bin'; op: string; a: Node; b: Node }
  | { t: 'call'; fn: string; args: Node[] }
  | { t: 'list'; items: Node[] };

const FUNCTIONS = new Set(['SUM', 'AVG', 'MIN', 'MAX', 'METRICS', 'FILL', 'IF', 'ABS', 'CEIL', 'FLOOR', 'PERIOD']);

// ---- parsing -------------------------------------------------------------------------------------------------

type Tok = { k: 'num'; v: number } | { k: 'id'; v: string } | { k: 'str'; v: string } | { k: 'op'; v: string };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ k: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) {
      out.push({ k: 'id', v: id[0] });
      i += id[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new MathError(`Unterminated string at position ${i + 1}`);
      out.push({ k: 'str', v: src.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const op = /^(>=|<=|==|!=|&&|\|\||[-+*/^()<>[\],])/.exec(src.slice(i));
    if (op) {
      out.push({ k: 'op', v: op[0] });
      i += op[0].length;
      continue;
    }
    throw new MathError(`Unexpected character '${c}' at position ${i + 1}`);
  }
  return out;
}

export function parseExpression(src: string): Node {
  const toks = tokenize(src);
  let i = 0;
  const peek = () => toks[i];
  const isOp = (v: string) => peek()?.k === 'op' && peek()!.v === v;
  const isWord = (v: string) => peek()?.k === 'id' && (peek()!.v as string).toUpperCase() === v;
  const expect = (v: string) => {
    if (!isOp(v)) throw new MathError(`Expected '${v}'${peek() ? ` but found '${String(peek()!.v)}'` : ' at the end'}`);
    i++;
  };

  const or = (): Node => {
    let a = and();
    while (isOp('||') || isWord('OR')) {
      i++;
      a = { t: 'bin', op: 'OR', a, b: and() };
    }
    return a;
  };
  const and = (): Node => {
    let a = cmp();
    while (isOp('&&') || isWord('AND')) {
      i++;
      a = { t: 'bin', op: 'AND', a, b: cmp() };
    }
    return a;
  };
  const cmp = (): Node => {
    const a = add();
    for (const op of ['>=', '<=', '==', '!=', '>', '<']) {
      if (isOp(op)) {
        i++;
        return { t: 'bin', op, a, b: add() };
      }
    }
    return a;
  };
  const add = (): Node => {
    let a = mul();
    while (isOp('+') || isOp('-')) {
      const op = (toks[i++] as { v: string }).v;
      a = { t: 'bin', op, a, b: mul() };
    }
    return a;
  };
  const mul = (): Node => {
    let a = pow();
    while (isOp('*') || isOp('/')) {
      const op = (toks[i++] as { v: string }).v;
      a = { t: 'bin', op, a, b: pow() };
    }
    return a;
  };
  const pow = (): Node => {
    const a = unary();
    if (isOp('^')) {
      i++;
      return { t: 'bin', op: '^', a, b: pow() };
    }
    return a;
  };
  const unary = (): Node => {
    if (isOp('-')) {
      i++;
      return { t: 'neg', a: unary() };
    }
    return primary();
  };
  const primary = (): Node => {
    const tok = peek();
    if (!tok) throw new MathError('Unexpected end of expression');
    if (tok.k === 'num') {
      i++;
      return { t: 'num', v: tok.v };
    }
    if (tok.k === 'str') {
      i++;
      return { t: 'str', s: tok.v };
    }
    if (tok.k === 'id') {
      i++;
      if (isOp('(')) {
        const fn = tok.v.toUpperCase();
        if (!FUNCTIONS.has(fn)) throw new MathError(`Unknown function ${tok.v}`);
        i++;
        const args: Node[] = [];
        if (!isOp(')')) {
          args.push(or());
          while (isOp(',')) {
            i++;
            args.push(or());
          }
        }
        expect(')');
        return { t: 'call', fn, args };
      }
      return { t: 'id', name: tok.v };
    }
    if (isOp('(')) {
      i++;
      const e = or();
      expect(')');
      return e;
    }
    if (isOp('[')) {
      i++;
      const items: Node[] = [];
      if (!isOp(']')) {
        items.push(or());
        while (isOp(',')) {
          i++;
          items.push(or());
        }
      }
      expect(']');
      return { t: 'list', items };
    }
    throw new MathError(`Unexpected '${String(tok.v)}'`);
  };

  const node = or();
  if (i < toks.length) throw new MathError(`Unexpected '${String(toks[i]!.v)}'`);
  return node;
}

/** Query ids an expression refers to (for dependency order and unknown-id errors). */
export function referencedIds(node: Node): string[] {
  const out: string[] = [];
  const walk = (n: Node) => {
    if (n.t === 'id') out.push(n.name);
    else if (n.t === 'neg') walk(n.a);
    else if (n.t === 'bin') {
      walk(n.a);
      walk(n.b);
    } else if (n.t === 'call') n.args.forEach(walk);
    else if (n.t === 'list') n.items.forEach(walk);
  };
  walk(node);
  return out;
}

/** Whether an expression calls METRICS(), so it depends on every metric query. */
export function usesMetrics(node: Node): boolean {
  if (node.t === 'call') return node.fn === 'METRICS' || node.args.some(usesMetrics);
  if (node.t === 'bin') return usesMetrics(node.a) || usesMetrics(node.b);
  if (node.t === 'neg') return usesMetrics(node.a);
  if (node.t === 'list') return node.items.some(usesMetrics);
  return false;
}

// ---- evaluation ----------------------------------------------------------------------------------------------

export interface Scope {
  /** The value of a query id (evaluating expressions on demand). */
  lookup(id: string): Value;
  /** Metric (MetricStat) results of the request, in request order, with their ids. */
  metrics(): { id: string; series: Series }[];
}

export function evaluate(node: Node, scope: Scope): Value {
  switch (node.t) {
    case 'num':
      return { kind: 'scalar', v: node.v };
    case 'str':
      return { kind: 'string', s: node.s };
    case 'id':
      return scope.lookup(node.name);
    case 'neg':
      return unaryMap(evaluate(node.a, scope), (v) => -v);
    case 'list': {
      const items: Series[] = [];
      for (const n of node.items) {
        const v = evaluate(n, scope);
        if (v.kind === 'series') items.push(v);
        else if (v.kind === 'array') items.push(...v.items);
        else throw new MathError('Arrays may only contain time series');
      }
      return { kind: 'array', items };
    }
    case 'bin':
      return binary(node.op, evaluate(node.a, scope), evaluate(node.b, scope));
    case 'call':
      return call(node.fn, node.args, scope);
  }
}

function unaryMap(v: Value, f: (x: number) => number): Value {
  if (v.kind === 'scalar') return { kind: 'scalar', v: f(v.v) };
  if (v.kind === 'series') return mapSeries(v, f);
  if (v.kind === 'array') return { kind: 'array', items: v.items.map((s) => mapSeries(s, f)) };
  throw new MathError('A string cannot be used in arithmetic');
}

function mapSeries(s: Series, f: (x: number) => number): Series {
  const ts: number[] = [];
  const vals: number[] = [];
  s.ts.forEach((t, i) => {
    const r = f(s.vals[i]!);
    if (Number.isFinite(r)) {
      ts.push(t);
      vals.push(r);
    }
  });
  return { kind: 'series', ts, vals, label: s.label, grid: s.grid };
}

const OPS: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '^': (a, b) => Math.pow(a, b),
  '>': (a, b) => +(a > b),
  '<': (a, b) => +(a < b),
  '>=': (a, b) => +(a >= b),
  '<=': (a, b) => +(a <= b),
  '==': (a, b) => +(a === b),
  '!=': (a, b) => +(a !== b),
  AND: (a, b) => +(a !== 0 && b !== 0),
  OR: (a, b) => +(a !== 0 || b !== 0),
};

function binary(op: string, a: Value, b: Value): Value {
  const f = OPS[op]!;
  if (a.kind === 'string' || b.kind === 'string') throw new MathError('A string cannot be used in arithmetic');
  if (a.kind === 'array') return { kind: 'array', items: a.items.map((s) => binary(op, s, b) as Series) };
  if (b.kind === 'array') return { kind: 'array', items: b.items.map((s) => binary(op, a, s) as Series) };
  if (a.kind === 'scalar' && b.kind === 'scalar') return { kind: 'scalar', v: f(a.v, b.v) };
  if (a.kind === 'scalar') return mapSeries(b as Series, (x) => f(a.v, x));
  if (b.kind === 'scalar') return mapSeries(a, (x) => f(x, b.v));
  return zip(a, b as Series, f, a.label);
}

function zip(a: Series, b: Series, f: (x: number, y: number) => number, label: string): Series {
  const bAt = new Map<number, number>();
  b.ts.forEach((t, i) => bAt.set(t, b.vals[i]!));
  const ts: number[] = [];
  const vals: number[] = [];
  a.ts.forEach((t, i) => {
    const y = bAt.get(t);
    if (y === undefined) return;
    const r = f(a.vals[i]!, y);
    if (Number.isFinite(r)) {
      ts.push(t);
      vals.push(r);
    }
  });
  return { kind: 'series', ts, vals, label, grid: a.grid ?? b.grid };
}

function call(fn: string, args: Node[], scope: Scope): Value {
  const arg = (i: number) => {
    const n = args[i];
    if (!n) throw new MathError(`${fn} needs more arguments`);
    return evaluate(n, scope);
  };
  switch (fn) {
    case 'METRICS': {
      const filter = args.length ? arg(0) : undefined;
      if (filter && filter.kind !== 'string') throw new MathError('METRICS takes a string');
      const items = scope
        .metrics()
        .filter((m) => !filter || m.id.includes(filter.s))
        .map((m) => m.series);
      return { kind: 'array', items };
    }
    case 'SUM':
    case 'AVG':
    case 'MIN':
    case 'MAX': {
      const v = arg(0);
      const reduce = REDUCERS[fn]!;
      if (v.kind === 'scalar') return v;
      if (v.kind === 'series') return { kind: 'scalar', v: v.vals.length ? reduce(v.vals) : NaN };
      if (v.kind === 'array') return combine(v.items, reduce, v.items[0]?.label ?? fn);
      throw new MathError(`${fn} takes a time series or an array`);
    }
    case 'FILL': {
      const v = arg(0);
      const fillArg = args[1];
      if (!fillArg) throw new MathError('FILL needs a value');
      const repeat = fillArg.t === 'id' && fillArg.name.toUpperCase() === 'REPEAT';
      const with_ = repeat ? undefined : evaluate(fillArg, scope);
      if (with_ && with_.kind !== 'scalar') throw new MathError('FILL takes a number or REPEAT');
      const fillOne = (s: Series) => fill(s, repeat ? 'repeat' : (with_ as { v: number }).v);
      if (v.kind === 'series') return fillOne(v);
      if (v.kind === 'array') return { kind: 'array', items: v.items.map(fillOne) };
      throw new MathError('FILL takes a time series or an array');
    }
    case 'IF': {
      const cond = arg(0);
      const then = arg(1);
      const otherwise = args.length > 2 ? arg(2) : undefined;
      if (cond.kind !== 'series') {
        if (cond.kind !== 'scalar') throw new MathError('IF takes a condition');
        return cond.v !== 0 ? then : (otherwise ?? { kind: 'series', ts: [], vals: [], label: 'IF' });
      }
      const at = (v: Value | undefined, t: number): number | undefined => {
        if (!v) return undefined;
        if (v.kind === 'scalar') return v.v;
        if (v.kind === 'series') {
          const i = v.ts.indexOf(t);
          return i < 0 ? undefined : v.vals[i];
        }
        throw new MathError('IF takes time series or numbers');
      };
      const ts: number[] = [];
      const vals: number[] = [];
      cond.ts.forEach((t, i) => {
        const r = cond.vals[i] !== 0 ? at(then, t) : at(otherwise, t);
        if (r !== undefined && Number.isFinite(r)) {
          ts.push(t);
          vals.push(r);
        }
      });
      return { kind: 'series', ts, vals, label: cond.label, grid: cond.grid };
    }
    case 'ABS':
      return unaryMap(arg(0), Math.abs);
    case 'CEIL':
      return unaryMap(arg(0), Math.ceil);
    case 'FLOOR':
      return unaryMap(arg(0), Math.floor);
    case 'PERIOD': {
      const v = arg(0);
      if (v.kind !== 'series' || !v.grid) throw new MathError('PERIOD takes a metric');
      return { kind: 'scalar', v: v.grid.period };
    }
  }
  throw new MathError(`Unknown function ${fn}`);
}

const REDUCERS: Record<string, (xs: number[]) => number> = {
  SUM: (xs) => xs.reduce((a, b) => a + b, 0),
  AVG: (xs) => xs.reduce((a, b) => a + b, 0) / xs.length,
  MIN: (xs) => Math.min(...xs),
  MAX: (xs) => Math.max(...xs),
};

function combine(items: Series[], reduce: (xs: number[]) => number, label: string): Series {
  const byT = new Map<number, number[]>();
  for (const s of items) s.ts.forEach((t, i) => (byT.get(t) ?? byT.set(t, []).get(t)!).push(s.vals[i]!));
  const ts = [...byT.keys()].sort((a, b) => a - b);
  const vals = ts.map((t) => reduce(byT.get(t)!));
  return { kind: 'series', ts, vals, label, grid: items.find((s) => s.grid)?.grid };
}

function fill(s: Series, with_: number | 'repeat'): Series {
  if (!s.grid) return s;
  const { start, period, end } = s.grid;
  const at = new Map<number, number>();
  s.ts.forEach((t, i) => at.set(t, s.vals[i]!));
  const ts: number[] = [];
  const vals: number[] = [];
  let last: number | undefined;
  for (let t = start; t < end; t += period) {
    const v = at.get(t);
    if (v !== undefined) last = v;
    const out = v ?? (with_ === 'repeat' ? last : with_);
    if (out === undefined) continue;
    ts.push(t);
    vals.push(out);
  }
  return { kind: 'series', ts, vals, label: s.label, grid: s.grid };
}
