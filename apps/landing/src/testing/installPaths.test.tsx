/**
 * The download install steps (features/downloads) and the setup guide (features/setup) must name
 * the same binary path per platform. Features never import each other, so the check that both
 * agree lives here, where the test layer may see both.
 */

import { DOWNLOADS, PROGRAM_FILES } from '@local-memory/catalog/install';
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { INSTALL_STEPS } from '../features/downloads/installSteps';
import {
  BINARY_PATH,
  SETUP_PLATFORMS,
  type SetupPlatform,
  setupGuide,
} from '../features/setup/setupGuide';

/** The download's install steps for a platform, as the Success page shows them. */
function renderSteps(platform: SetupPlatform) {
  return render(
    <ol>
      {INSTALL_STEPS[platform].map((step, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static content
        <li key={i}>{step}</li>
      ))}
    </ol>,
  );
}

describe.each(SETUP_PLATFORMS)('the %s install path', (platform: SetupPlatform) => {
  const guide = setupGuide(platform, 'YOUR-LICENSE-KEY');
  const binary = BINARY_PATH[platform];

  it('installs the program where the download install steps put it', () => {
    const { container } = renderSteps(platform);
    expect(container.textContent?.replace(/\s+/g, ' ')).toContain(binary);
    const install = guide.steps.find((s) => s.id === 'install');
    expect(install?.snippet.commands.some((c) => c.includes(binary))).toBe(true);
  });

  it("names the catalogue's ZIP and the program inside it", () => {
    const { container } = renderSteps(platform);
    const text = container.textContent ?? '';
    expect(text).toContain(DOWNLOADS[platform].filename);
    const program = platform === 'macos' ? PROGRAM_FILES.macosArm : PROGRAM_FILES[platform];
    expect(text).toContain(program);
  });
});
