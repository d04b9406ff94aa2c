import { useState } from 'react';

/**
 * Copies text and reports the outcome through `onResult`, which the page shows in its live
 * region. Falls back to a hidden textarea where the async Clipboard API is unavailable (plain
 * http, old browsers) and says so honestly when copying is impossible.
 */
export function CopyButton({
  text,
  label,
  copiedMessage,
  onResult,
}: {
  text: string;
  label: string;
  copiedMessage: string;
  onResult: (message: string) => void;
}) {
  const copy = async () => {
    const copied = await copyText(text);
    onResult(
      copied
        ? copiedMessage
        : 'Copying is blocked in this browser: select the text and copy it by hand.',
    );
  };
  return (
    <button type="button" className="button" onClick={copy}>
      {label}
    </button>
  );
}

async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the legacy path
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

/** A {@link CopyButton} and the live region right after it that announces what happened. */
export function CopyWithAnnouncement(props: {
  text: string;
  label: string;
  copiedMessage: string;
}) {
  const [announcement, setAnnouncement] = useState('');
  return (
    <>
      <div className="actions">
        <CopyButton {...props} onResult={setAnnouncement} />
      </div>
      <p className="status" role="status" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}
