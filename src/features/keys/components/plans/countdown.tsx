import { useEffect, useState } from 'react';

/** Seconds left until `until` (epoch ms), ticking once a second; 0 once it has passed. */
export function useSecondsUntil(until: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!until || until <= Date.now()) return;
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [until]);
  return until ? Math.max(0, Math.ceil((until - now) / 1000)) : 0;
}

/**
 * AWS's UpdateUsagePlan quota, said where the operator waits for it: the change is queued and counted down,
 * not a button that does nothing.
 */
export function SlotNotice({ sendAt, queued }: { sendAt: number | undefined; queued: boolean }) {
  const seconds = useSecondsUntil(sendAt);
  if (seconds <= 0) return null;
  return (
    <p role="status" className="rounded border border-sky-300 bg-sky-50 p-3 text-sm text-sky-900">
      AWS allows one change to a usage plan every 20 seconds; this one will be sent in {seconds} s
      {queued ? '. It is queued: the plan is read again just before it goes.' : ' after you apply it.'}
    </p>
  );
}
