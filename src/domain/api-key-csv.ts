import type { ApiKey } from './api-key.js';

/**
 * CSV in and out. Import follows AWS's API key file format (ImportApiKeys): a header with `Name`, `Key`,
 * `Description`, `Enabled`, `UsagePlanIds` (any order, any case), values quoted as needed. Export writes
 * the table without key values: they never leave AWS through this console in bulk.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(quote).join(',')).join('\n') + '\n';
}

export interface ImportRow {
  line: number;
  name: string;
  value: string;
  description: string;
  enabled: boolean;
  planIds: string[];
  problems: string[];
}

const KEY_VALUE = /^[\x21-\x7e]+$/;

/** Reads an import file and names every row's problem before anything is sent. */
export function readImportFile(text: string, knownPlanIds: ReadonlySet<string>): { rows: ImportRow[]; fileProblems: string[] } {
  const table = parseCsv(text);
  if (table.length === 0) return { rows: [], fileProblems: ['The file is empty.'] };
  const header = table[0]!.map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name.toLowerCase());
  const fileProblems: string[] = [];
  for (const required of ['Name', 'Key']) {
    if (col(required) < 0) fileProblems.push(`The header has no ${required} column (AWS requires Name and Key; Description, Enabled and UsagePlanIds are optional).`);
  }
  const unknown = header.filter((h) => !['name', 'key', 'description', 'enabled', 'usageplanids'].includes(h));
  if (unknown.length) fileProblems.push(`Unknown columns: ${unknown.join(', ')}.`);
  if (fileProblems.length) return { rows: [], fileProblems };

  const seen = new Map<string, number>();
  const rows = table.slice(1).map((cells, i): ImportRow => {
    const get = (name: string) => (col(name) >= 0 ? (cells[col(name)] ?? '').trim() : '');
    const line = i + 2;
    const problems: string[] = [];
    const value = get('Key');
    const enabledText = get('Enabled').toLowerCase();
    const planIds = get('UsagePlanIds')
      .replace(/^'|'$/g, '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!get('Name')) problems.push('Name is empty.');
    if (!value) problems.push('Key is empty.');
    else if (value.length < 30 || value.length > 128) problems.push(`Key must be 30 to 128 characters for an import (it has ${value.length}).`);
    else if (!KEY_VALUE.test(value)) problems.push('Key may contain only printable ASCII characters without spaces.');
    if (value && seen.has(value)) problems.push(`Same Key as line ${seen.get(value)}.`);
    if (value) seen.set(value, line);
    if (enabledText && enabledText !== 'true' && enabledText !== 'false') problems.push(`Enabled must be true or false, not "${get('Enabled')}".`);
    for (const id of planIds) if (!knownPlanIds.has(id)) problems.push(`Usage plan ${id} does not exist.`);
    if (planIds.length > 10) problems.push('A key can be in at most 10 usage plans.');
    if (cells.length > header.length) problems.push(`The row has ${cells.length} fields; the header has ${header.length}.`);
    return { line, name: get('Name'), value, description: get('Description'), enabled: enabledText !== 'false', planIds, problems };
  });
  return { rows, fileProblems };
}

/** The CSV sent to ImportApiKeys: only rows without problems, in AWS's column names. */
export function importCsvBody(rows: readonly ImportRow[]): string {
  return toCsv([
    ['Name', 'Key', 'Description', 'Enabled', 'UsagePlanIds'],
    // A comma-separated list in one (quoted) field, as AWS's format has it.
    ...rows.map((r) => [r.name, r.value, r.description, String(r.enabled), r.planIds.join(',')]),
  ]);
}

export function exportKeysCsv(keys: readonly ApiKey[], planNames: (keyId: string) => string[]): string {
  return toCsv([
    ['Name', 'Id', 'Enabled', 'CustomerId', 'Created', 'LastUpdated', 'Tags', 'UsagePlans'],
    ...keys.map((k) => [
      k.name,
      k.id,
      String(k.enabled),
      k.customerId ?? '',
      k.createdDate?.toISOString() ?? '',
      k.lastUpdatedDate?.toISOString() ?? '',
      Object.entries(k.tags).map(([a, b]) => `${a}=${b}`).join(';'),
      planNames(k.id).join(';'),
    ]),
  ]);
}
