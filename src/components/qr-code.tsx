import { useMemo } from 'react';
import { encodeQr } from './qr-encode.js';

/**
 * A QR code drawn as inline SVG from the text, in the page itself: no image request and no QR service
 * ever sees the text (a TOTP set-up link carries the secret). Sized by class, coloured by attributes, so
 * it needs no inline style under the CSP.
 */
export function QrCode({ text, label, className = 'h-48 w-48' }: { text: string; label: string; className?: string }) {
  const { size, path } = useMemo(() => {
    const modules = encodeQr(text);
    const quiet = 4;
    let d = '';
    modules.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (dark) d += `M${x + quiet} ${y + quiet}h1v1h-1z`;
      }),
    );
    return { size: modules.length + quiet * 2, path: d };
  }, [text]);
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} className={className} shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
