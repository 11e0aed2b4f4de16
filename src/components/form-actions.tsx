import { primaryButton, secondaryButton } from './buttons.js';

/** The submit and cancel pair every edit form ends with. */
export function FormActions({ submitLabel, onCancel, busy }: { submitLabel: string; onCancel(): void; busy?: boolean }) {
  return (
    <div className="flex gap-2">
      <button type="submit" className={primaryButton} disabled={busy}>
        {submitLabel}
      </button>
      <button type="button" className={secondaryButton} onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
