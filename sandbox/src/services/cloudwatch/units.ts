/**
 * CloudWatch's units, in the order AWS itself walks them. When a query names no Unit and a metric holds data
 * in several units, AWS answers from one unit only, the first of this list that has data, and says so in a
 * `MultipleUnits` message (recorded: Milliseconds wins over Seconds, Count over both). The same order shows in
 * AWS's enum validation message for units.
 */
export const UNIT_PRECEDENCE = [
  'Megabits',
  'Terabits',
  'Gigabits',
  'Count',
  'Bytes',
  'Gigabytes',
  'Gigabytes/Second',
  'Kilobytes',
  'Kilobits/Second',
  'Terabytes',
  'Terabits/Second',
  'Bytes/Second',
  'Percent',
  'Megabytes',
  'Megabits/Second',
  'Milliseconds',
  'Microseconds',
  'Kilobytes/Second',
  'Gigabits/Second',
  'Megabytes/Second',
  'Bits',
  'Bits/Second',
  'Count/Second',
  'Seconds',
  'Kilobits',
  'Terabytes/Second',
  'None',
] as const;

export type Unit = (typeof UNIT_PRECEDENCE)[number];

export const isUnit = (u: unknown): u is Unit => typeof u === 'string' && (UNIT_PRECEDENCE as readonly string[]).includes(u);

export function unitRank(u: string): number {
  const i = (UNIT_PRECEDENCE as readonly string[]).indexOf(u);
  return i < 0 ? UNIT_PRECEDENCE.length : i;
}
