/**
 * Stage variable rules as API Gateway documents them: names of letters, digits and underscores (up to
 * 64), values of letters, digits and `-._~:/?#&=,` (up to 2048).
 */
export interface VariableRow {
  name: string;
  value: string;
}

export interface VariableErrors {
  name?: string;
  value?: string;
}

const NAME = /^[A-Za-z0-9_]{1,64}$/;
const VALUE = /^[A-Za-z0-9\-._~:/?#&=,]{1,2048}$/;

export function validateVariables(rows: readonly VariableRow[]): { value?: Record<string, string>; errors: VariableErrors[] } {
  const errors: VariableErrors[] = rows.map(() => ({}));
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const e = errors[i]!;
    if (!r.name) e.name = 'Name is required.';
    else if (!NAME.test(r.name)) e.name = 'Name may contain only letters, digits and _ (at most 64).';
    else if (seen.has(r.name)) e.name = `Name "${r.name}" is used twice.`;
    seen.set(r.name, i);
    if (!r.value) e.value = 'Value is required.';
    else if (r.value.length > 2048) e.value = 'Value may be at most 2048 characters.';
    else if (!VALUE.test(r.value)) e.value = 'Value may contain only letters, digits and - . _ ~ : / ? # & = ,';
  });
  if (errors.some((e) => e.name || e.value)) return { errors };
  return { value: Object.fromEntries(rows.map((r) => [r.name, r.value])), errors };
}
