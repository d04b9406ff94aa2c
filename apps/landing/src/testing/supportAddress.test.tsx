/**
 * Every view that asks a buyer to write shows the operator's support address (VITE_SUPPORT_EMAIL,
 * built in as `__SUPPORT_EMAIL__`) through components/SupportLink, and no other source spells an
 * address. Features never import each other, so the check across them lives here.
 */
import { SUPPORT } from '@local-memory/catalog';
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SupportLink } from '../components/SupportLink';
import { BuyButton } from '../features/checkout/BuyButton';
import { PurchaseNotFound } from '../features/purchase/PurchaseNotFound';
import {
  PurchaseRefunded,
  PurchaseWrongProduct,
  ServerUnreachable,
} from '../features/purchase/PurchaseViews';
import { readSources, SRC_DIR } from './sources';
import { renderAt } from './test-utils';

function expectOnlyTheBuildsAddress(container: HTMLElement) {
  const mailLinks = [...container.querySelectorAll('a[href^="mailto:"]')];
  expect(mailLinks.length).toBeGreaterThan(0);
  for (const link of mailLinks) {
    expect(link).toHaveAttribute('href', `mailto:${__SUPPORT_EMAIL__}`);
    expect(link).toHaveTextContent(__SUPPORT_EMAIL__);
  }
}

describe('the support address', () => {
  it('is the one the build was given, on every view that asks buyers to write', () => {
    for (const view of [
      <SupportLink key="link" />,
      <PurchaseRefunded key="refunded" />,
      <PurchaseWrongProduct key="wrong" />,
      <ServerUnreachable key="unreachable" onRetry={() => {}} />,
      <PurchaseNotFound key="not-found" reason="not found" fulfilment="browser" />,
    ]) {
      const { container, unmount } = render(view);
      expectOnlyTheBuildsAddress(container);
      unmount();
    }
    const { container } = renderAt(
      '/pricing',
      '/pricing',
      <BuyButton
        checkout={{
          mode: 'unconfigured',
          problems: [{ variable: 'VITE_STRIPE_PUBLISHABLE_KEY', message: 'not set' }],
        }}
        dev={false}
      />,
    );
    expectOnlyTheBuildsAddress(container);
  });

  it('is spelled by SupportLink alone: no source names an address or builds a mail link', () => {
    const spelled = Object.entries(readSources(SRC_DIR))
      .filter(([file]) => !/\.test\.tsx?$/.test(file) && file !== 'components/SupportLink.tsx')
      .filter(([, text]) => text.includes(SUPPORT.defaultEmail) || text.includes('mailto:'))
      .map(([file]) => file);
    expect(spelled).toEqual([]);
  });
});
