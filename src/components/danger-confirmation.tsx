import { useState, type ReactNode } from 'react';
import { dangerButton, secondaryButton } from './buttons.js';
import { TypedConfirmation } from './typed-confirmation.js';

/**
 * The red box a destructive action opens: what will happen, the name to type, and the two buttons. The
 * typed text lives here, so it is gone whenever the box closes and a second action starts from empty.
 */
export function DangerConfirmation(props: {
  children: ReactNode;
  expected: string;
  /** Completes "To …, type <name>". */
  action: string;
  confirmLabel: string;
  cancelLabel?: string;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const [typed, setTyped] = useState('');
  return (
    <div className="space-y-2 rounded border border-red-300 bg-red-50 p-3 text-sm">
      <p>{props.children}</p>
      <TypedConfirmation expected={props.expected} value={typed} onChange={setTyped} action={props.action} />
      <div className="flex gap-2">
        <button type="button" className={dangerButton} disabled={typed !== props.expected || props.busy} onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
        <button type="button" className={secondaryButton} onClick={props.onCancel}>
          {props.cancelLabel ?? 'Cancel'}
        </button>
      </div>
    </div>
  );
}
