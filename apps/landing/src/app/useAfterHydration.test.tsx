import { act } from '@testing-library/react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { useAfterHydration } from './useAfterHydration';

function Probe({ onRender }: { onRender: (after: boolean) => void }) {
  const after = useAfterHydration();
  onRender(after);
  return <p>{after ? 'after' : 'before'}</p>;
}

describe('useAfterHydration', () => {
  it('is false in the prerendered HTML', () => {
    expect(renderToString(<Probe onRender={() => undefined} />)).toBe('<p>before</p>');
  });

  it('hydrates the HTML unchanged, then renders once more with true', async () => {
    const container = document.createElement('div');
    container.innerHTML = renderToString(<Probe onRender={() => undefined} />);
    document.body.append(container);
    const seen: boolean[] = [];
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await act(async () => {
      hydrateRoot(
        container,
        <Probe onRender={(after) => seen.push(after)} />,
        // A mismatch would make React render from scratch and report it here.
        { onRecoverableError: (error) => errors(error) },
      );
    });
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
    expect(seen[0]).toBe(false);
    expect(seen.at(-1)).toBe(true);
    expect(container.textContent).toBe('after');
    container.remove();
  });
});
