import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Lazy routes import their page's module graph on first use; on a loaded 2-core CI machine that
// can take longer than Testing Library's default 1 s wait. What is awaited stays the same.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
});
