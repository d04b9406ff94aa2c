import { lazy, Suspense } from 'react';
import { BrowserRouter, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import { config } from '../config/env';
import type { SuccessPageProps } from '../pages/SuccessPage';
import { RouterLinks } from './routerLinks';
import { Shell } from './Shell';

// One chunk per route: a first visit never downloads another route's page, and no page downloads
// Stripe.js until the Buy button is about to be used. (A first visit to /success does not load
// this module at all: main.tsx renders the standalone Success page, without the router.)
const HomePage = lazy(() => import('../pages/HomePage'));
const PricingPage = lazy(() => import('../pages/PricingPage'));
const SuccessPage = lazy(() => import('../pages/SuccessPage'));
const SetupGuidePage = lazy(() => import('../pages/SetupGuidePage'));
const NotFoundPage = lazy(() => import('../pages/NotFoundPage'));
const LegalPage = lazy(() => import('../pages/LegalPage'));
const AccountPage = lazy(() => import('../pages/AccountPage'));

function RoutedLayout() {
  return (
    <Shell demo={config.demo}>
      <Outlet />
    </Shell>
  );
}

/** The Success page reached by client-side navigation (the demo's Buy button). */
export function RoutedSuccessPage(props: Omit<SuccessPageProps, 'search'>) {
  const { search } = useLocation();
  return <SuccessPage {...props} search={search} />;
}

export function AppRoutes() {
  return (
    <RouterLinks>
      <Routes>
        <Route element={<RoutedLayout />}>
          <Route index element={<HomePage />} />
          <Route path="pricing" element={<PricingPage />} />
          <Route path="success" element={<RoutedSuccessPage />} />
          <Route path="account" element={<AccountPage />} />
          <Route path="docs/setup" element={<SetupGuidePage />} />
          <Route path="terms" element={<LegalPage document="terms" />} />
          <Route path="privacy" element={<LegalPage document="privacy" />} />
          <Route path="refunds" element={<LegalPage document="refunds" />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </RouterLinks>
  );
}

export function App() {
  return (
    <BrowserRouter>
      {/* Above the layout so the first paint has the page in it (no layout shift); later
          navigations keep the old page up while the next one loads. */}
      <Suspense fallback={null}>
        <AppRoutes />
      </Suspense>
    </BrowserRouter>
  );
}
