import { DEFAULT_EDITION, EDITIONS } from '@local-memory/catalog';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckoutConfig } from '../config/env';
import { _resetStripeForTests } from '../features/checkout/checkout';
import { renderAt } from '../testing/test-utils';
import PricingPage from './PricingPage';

// Stripe is stubbed at the module boundary: the real loader would fetch js.stripe.com.
const loadStripe = vi.fn(async (_key: string) => ({ stub: true }));
vi.mock('@stripe/stripe-js/pure', () => ({ loadStripe: (key: string) => loadStripe(key) }));

const PK = 'pk_test_51H8abcdefghijklmnopqrstuv';
const PAYMENT_LINK: CheckoutConfig = {
  mode: 'payment-link',
  publishableKey: PK,
  urls: Object.fromEntries(
    Object.keys(EDITIONS).map((id) => [
      id,
      id === DEFAULT_EDITION
        ? 'https://buy.stripe.com/test_4gw5kD2Pz'
        : `https://buy.stripe.com/test_${id}`,
    ]),
  ),
};

let assign: ReturnType<typeof vi.fn>;
beforeEach(() => {
  loadStripe.mockClear();
  _resetStripeForTests();
  assign = vi.fn();
  vi.stubGlobal('location', { ...window.location, assign });
  vi.spyOn(window, 'alert').mockImplementation(() => {
    throw new Error('alert() must never be used');
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** The default edition's plan (every edition has its own card, Buy button and notes). */
const defaultPlan = () =>
  within(screen.getByRole('region', { name: EDITIONS[DEFAULT_EDITION].name }));

describe('PricingPage', () => {
  it('shows one plan per edition: its name, machine limit, price and own Buy button', () => {
    renderAt('/pricing', '/pricing', <PricingPage checkout={{ mode: 'demo' }} dev={false} />);
    for (const edition of Object.values(EDITIONS)) {
      const plan = within(screen.getByRole('region', { name: edition.name }));
      expect(plan.getByRole('heading', { level: 2 })).toHaveTextContent(edition.name);
      expect(
        plan.getByText(`Active on up to ${edition.activationLimit} computers at a time`),
      ).toBeInTheDocument();
      expect(plan.getByText(/one payment/)).toBeInTheDocument();
      expect(plan.getAllByRole('button')).toHaveLength(1);
    }
    expect(screen.getAllByRole('region')).toHaveLength(Object.keys(EDITIONS).length);
  });

  it('loads Stripe.js only when the customer shows intent, then goes to Checkout', async () => {
    const user = userEvent.setup();
    renderAt('/pricing', '/pricing', <PricingPage checkout={PAYMENT_LINK} dev={false} />);
    expect(screen.getByRole('heading', { level: 1, name: 'Pricing' })).toBeInTheDocument();
    expect(loadStripe).not.toHaveBeenCalled();
    const buy = screen.getByRole('button', { name: 'Buy Local Memory' });
    await user.hover(buy);
    await waitFor(() => expect(loadStripe).toHaveBeenCalledWith(PK));
    await user.click(buy);
    await waitFor(() =>
      expect(assign).toHaveBeenCalledWith('https://buy.stripe.com/test_4gw5kD2Pz'),
    );
    expect(loadStripe).toHaveBeenCalledTimes(1);
  });

  it('in the demo, buying lands on the Success page with a demo session id', async () => {
    const user = userEvent.setup();
    renderAt('/pricing', '/pricing', <PricingPage checkout={{ mode: 'demo' }} dev={false} />);
    expect(defaultPlan().getByText(/no payment is taken/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Buy Local Memory' }));
    expect(await screen.findByTestId('location')).toHaveTextContent(
      /^\/success\?session_id=cs_test_demo[A-Za-z0-9]{24}$/,
    );
    expect(loadStripe).not.toHaveBeenCalled();
  });

  it('shows the operator what is missing in development, and customers a way to reach us', () => {
    const unconfigured: CheckoutConfig = {
      mode: 'unconfigured',
      problems: [
        {
          variable: 'VITE_STRIPE_PUBLISHABLE_KEY',
          message: 'VITE_STRIPE_PUBLISHABLE_KEY is not set.',
        },
      ],
    };
    const { unmount } = renderAt(
      '/pricing',
      '/pricing',
      <PricingPage checkout={unconfigured} dev />,
    );
    expect(defaultPlan().getByRole('alert')).toHaveTextContent(
      'VITE_STRIPE_PUBLISHABLE_KEY is not set.',
    );
    expect(screen.queryByRole('button', { name: 'Buy Local Memory' })).toBeNull();
    unmount();
    renderAt('/pricing', '/pricing', <PricingPage checkout={unconfigured} dev={false} />);
    expect(defaultPlan().getByRole('alert')).toHaveTextContent('support@localmemory.co');
    expect(defaultPlan().getByRole('alert')).not.toHaveTextContent('VITE_STRIPE');
  });

  it('says what went wrong when the checkout endpoint fails, and lets the customer retry', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('nope', { status: 500 })),
    );
    const user = userEvent.setup();
    renderAt(
      '/pricing',
      '/pricing',
      <PricingPage
        checkout={{ mode: 'endpoint', publishableKey: PK, endpoint: '/api/checkout' }}
        dev={false}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Buy Local Memory' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('error (500)');
    expect(screen.getByRole('button', { name: 'Buy Local Memory' })).toBeEnabled();
    expect(assign).not.toHaveBeenCalled();
  });
});
