/**
 * API key fields as AWS accepts them: a value of 20 to 128 printable ASCII characters (AWS generates
 * 40 when none is given), at most 10 usage plans, tags of at most 128 / 256 characters outside the
 * reserved `aws:` prefix, at most 50 of them.
 */
export interface KeyForm {
  name: string;
  description: string;
  value: string;
  customerId: string;
  tags: string;
  enabled: boolean;
  planIds: string[];
}

export type KeyFormErrors = Partial<Record<keyof KeyForm, string>>;

export function parseTags(text: string): { tags: Record<string, string>; error?: string } {
  const tags: Record<string, string> = {};
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf('=');
    const key = (eq < 0 ? line : line.slice(0, eq)).trim();
    const value = eq < 0 ? '' : line.slice(eq + 1).trim();
    if (!key) return { tags, error: `Line ${i + 1}: a tag needs a key before "=".` };
    if (key.length > 128) return { tags, error: `Line ${i + 1}: tag keys may be at most 128 characters.` };
    if (value.length > 256) return { tags, error: `Line ${i + 1}: tag values may be at most 256 characters.` };
    if (key.toLowerCase().startsWith('aws:')) return { tags, error: `Line ${i + 1}: the aws: prefix is reserved by AWS.` };
    tags[key] = value;
  }
  if (Object.keys(tags).length > 50) return { tags, error: 'At most 50 tags.' };
  return { tags };
}

export function validateKeyForm(f: KeyForm): KeyFormErrors {
  const e: KeyFormErrors = {};
  if (!f.name.trim()) e.name = 'Name is required.';
  else if (f.name.length > 1024) e.name = 'Name may be at most 1024 characters.';
  if (f.value && (f.value.length < 20 || f.value.length > 128)) e.value = `Value must be 20 to 128 characters (it has ${f.value.length}), or empty for a generated one.`;
  else if (f.value && !/^[\x21-\x7e]+$/.test(f.value)) e.value = 'Value may contain only printable ASCII characters without spaces.';
  if (f.description.length > 1024) e.description = 'Description may be at most 1024 characters.';
  const tags = parseTags(f.tags);
  if (tags.error) e.tags = tags.error;
  if (f.planIds.length > 10) e.planIds = 'A key can be in at most 10 usage plans.';
  return e;
}
