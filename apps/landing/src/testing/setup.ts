import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Lazy routes import their page's module graph on first use; on a loaded 2-core CI machine that
// can take longer than Testing Library's default 1 s wait (seen: over 5 s at load average 20).
// What is awaited stays the same; only how long a slow machine may take to show it.
configure({ asyncUtilTimeout: 15_000 });

afterEach(() => {
  cleanup();
});
