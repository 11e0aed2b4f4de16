import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { parseTimeRange, serializeTimeRange, type TimeRangeView } from '../../../domain/time-range.js';

/** The screen's time range and auto-refresh, read from and written to the URL (other parameters kept). */
export function useTimeRangeParams() {
  const [params, setParams] = useSearchParams();
  const parsed = useMemo(() => parseTimeRange(params), [params]);
  const setView = useCallback((view: TimeRangeView) => setParams((p) => serializeTimeRange(view, p)), [setParams]);
  const view: TimeRangeView = useMemo(() => ({ range: parsed.range, refresh: parsed.refresh }), [parsed]);
  /** The range part of the URL, to carry into links between health screens. */
  const carry = useMemo(() => {
    const s = serializeTimeRange(view).toString();
    return s ? `?${s}` : '';
  }, [view]);
  return { view, problem: parsed.problem, setView, params, setParams, carry };
}
