import { primaryButton, secondaryButton } from './buttons.js';

/** The submit and cancel pair every edit form ends with. */
export function FormActions({ submitLabel, onCancel }: { submitLabel: string; onCancel(): void }) {
  return (
    <div className="flex gap-2">
      <button type="submit" className={primaryButton}>
        {submitLabel}
      </button>
      <button type="button" className={secondaryButton} onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
