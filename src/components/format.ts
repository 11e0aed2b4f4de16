const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDateTime(d: Date | undefined): string {
  return d ? dateTime.format(d) : '—';
}

export function isoOrEmpty(d: Date | undefined): string | undefined {
  return d ? d.toISOString() : undefined;
}
