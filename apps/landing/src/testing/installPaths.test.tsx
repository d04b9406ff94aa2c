/**
 * The download install steps (features/downloads) and the setup guide (features/setup) must name
 * the same binary path per platform. Features never import each other, so the check that both
 * agree lives here, where the test layer may see both.
 */
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { INSTALL_STEPS } from '../features/downloads/installSteps';
import {
  BINARY_PATH,
  SETUP_PLATFORMS,
  type SetupPlatform,
  setupGuide,
} from '../features/setup/setupGuide';

describe.each(SETUP_PLATFORMS)('the %s install path', (platform: SetupPlatform) => {
  const guide = setupGuide(platform, 'YOUR-LICENSE-KEY');
  const binary = BINARY_PATH[platform];

  it('installs the program where the download install steps put it', () => {
    const { container } = render(
      <ol>
        {INSTALL_STEPS[platform].map((step, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static content
          <li key={i}>{step}</li>
        ))}
      </ol>,
    );
    expect(container.textContent?.replace(/\s+/g, ' ')).toContain(binary);
    const install = guide.steps.find((s) => s.id === 'install');
    expect(install?.snippet.commands.some((c) => c.includes(binary))).toBe(true);
  });
});
