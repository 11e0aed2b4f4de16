import { AwsError } from '../../../core/errors.js';
import { badRequest, enumProblem, validationError } from '../errors.js';
import { createApiKey, MAX_DESCRIPTION, MAX_NAME, valueProblem } from './api-keys.js';
import { epochSeconds, type StoreEnv } from './env.js';
import { checkKeyCanJoin, plansOfKey } from './usage-plans.js';
import type { ApiGatewayState, ApiKeyRecord, UsagePlanRecord } from './types.js';

/**
 * ImportApiKeys (`POST /apikeys?mode=import&format=csv[&failonwarnings=true]`, the CSV file as the body)
 * in AWS's documented file format ("API Gateway API key file format"): a header row naming the columns in
 * any order and any case; `Name` and `Key` are required, `Description`, `Enabled` and `UsagePlanIds` optional,
 * others ignored; `Enabled` defaults to true; `UsagePlanIds` is a comma-separated list, quoted with double or
 * single quotes. Key values are 20..128 characters, names at most 1024. A row whose key value already exists
 * updates that key (the most recent import wins). A bad row is skipped with a warning; with failonwarnings
 * any warning fails the whole import and nothing changes. Warning and error texts are the sandbox's (†).
 */
export interface ImportResult {
  ids: string[];
  warnings: string[];
}

const FORMATS = ['csv'] as const;

export function importApiKeys(
  state: ApiGatewayState,
  input: { body?: unknown; format?: string; failOnWarnings?: boolean },
  env: StoreEnv,
): ImportResult {
  if (input.format === undefined) throw validationError(["Value null at 'format' failed to satisfy constraint: Member must not be null"]);
  if (!FORMATS.includes(input.format as never)) throw validationError([enumProblem(input.format, 'format', FORMATS)]);
  const raw = input.body;
  const text = (typeof raw === 'string' ? raw : raw instanceof Uint8Array ? Buffer.from(raw).toString('utf8') : '').replace(/^\uFEFF/, '');
  // Records keep their number in the file (blank lines are skipped but counted).
  const rows = parseCsv(text)
    .map((cells, i) => ({ cells, line: i + 1 }))
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!rows.length) throw badRequest('Invalid API Key file: the file is empty. It must have a header row naming at least the Name and Key columns');
  const header = rows[0]!.cells.map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const missing = ['Name', 'Key'].filter((n) => col(n.toLowerCase()) < 0);
  if (missing.length) throw badRequest(`Invalid API Key file: the header row has no ${missing.join(' or ')} column. Name and Key are required`);

  // Work on the live state, restoring it if failonwarnings refuses the import: imports are rare, keys many.
  const snapshot = input.failOnWarnings ? structuredClone({ apiKeys: state.apiKeys, usagePlans: state.usagePlans }) : undefined;
  const byValue = new Map<string, ApiKeyRecord>();
  for (const k of Object.values(state.apiKeys)) byValue.set(k.value, k);
  const plansOf = plansOfKey(state);
  const ids: string[] = [];
  const warnings: string[] = [];

  rows.slice(1).forEach(({ cells, line }) => {
    const cell = (name: string) => {
      const at = col(name);
      return at >= 0 ? (cells[at] ?? '') : '';
    };
    const value = cell('key').trim();
    const name = cell('name');
    const description = cell('description');
    const enabledText = cell('enabled').trim();
    const planIds = unquote(cell('usageplanids').trim())
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const skip = (why: string) => warnings.push(`Line ${line}: ${why}. The API key was not imported.`);

    if (!value) return skip('Missing API key value');
    const problem = valueProblem(value);
    if (problem) return skip(problem);
    if (name.length > MAX_NAME) return skip(`Invalid API Key name, can be at most ${MAX_NAME} characters`);
    if (description.length > MAX_DESCRIPTION) return skip('Invalid API Key description specified');
    const unknownPlan = planIds.find((id) => !state.usagePlans[id]);
    if (unknownPlan) return skip(`Invalid Usage Plan ID specified: ${unknownPlan}`);
    const enabled = enabledText === '' ? true : enabledText.toLowerCase() === 'true';

    let key = byValue.get(value);
    // Plan checks first, against the key's plans and those joined earlier on this line, so a refused row
    // changes nothing.
    const joined: UsagePlanRecord[] = key ? [...plansOf(key.id)] : [];
    try {
      for (const id of planIds) {
        const plan = state.usagePlans[id]!;
        if (joined.some((p) => p.id === plan.id)) continue;
        checkKeyCanJoin(plan, key?.id ?? `(line ${line})`, () => joined);
        joined.push(plan);
      }
    } catch (e) {
      return skip(e instanceof AwsError ? e.message : String(e));
    }
    if (key) {
      if (name) key.name = name;
      else delete key.name;
      if (description) key.description = description;
      else delete key.description;
      key.enabled = enabled;
      key.lastUpdatedDate = epochSeconds(env.now);
    } else {
      key = createApiKey(state, { name: name || undefined, value, enabled, description: description || undefined }, env);
      byValue.set(value, key);
    }
    for (const id of planIds) {
      const plan = state.usagePlans[id]!;
      if (!plan.keyIds.includes(key.id)) plan.keyIds.push(key.id);
    }
    if (!ids.includes(key.id)) ids.push(key.id);
  });

  if (snapshot && warnings.length) {
    state.apiKeys = snapshot.apiKeys;
    state.usagePlans = snapshot.usagePlans;
    throw badRequest(`API keys were not imported because the file has warnings and failonwarnings is true: ${warnings.join(' ')}`);
  }
  return { ids, warnings };
}

/** A field quoted with single quotes keeps them through the CSV parser (only double quotes are CSV's). */
function unquote(s: string): string {
  return s.length >= 2 && s.startsWith("'") && s.endsWith("'") ? s.slice(1, -1) : s;
}

/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF or LF, double-quoted fields may hold commas,
 * line breaks and doubled quotes. Single-quoted fields (AWS allows them for UsagePlanIds) are also read whole.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let atFieldStart = true;
  while (i < text.length) {
    const c = text[i]!;
    if (atFieldStart && (c === '"' || c === "'")) {
      // A quoted field runs to the matching quote (doubled inside), then to the next separator.
      const q = c;
      i++;
      let value = '';
      for (;;) {
        if (i >= text.length) break;
        if (text[i] === q) {
          if (text[i + 1] === q) {
            value += q;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      field = q === "'" ? `'${value}'` : value;
      atFieldStart = false;
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
      atFieldStart = true;
      i++;
      continue;
    }
    if (c === '\n' || c === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      atFieldStart = true;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += c;
    atFieldStart = false;
    i++;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
