import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { config } from '../config/env';
import { Layout } from './Layout';

// One chunk per route: a first visit to /success never downloads the landing page, and no page
// downloads Stripe.js until the Buy button is about to be used.
const HomePage = lazy(() => import('../pages/HomePage'));
const PricingPage = lazy(() => import('../pages/PricingPage'));
const SuccessPage = lazy(() => import('../pages/SuccessPage'));
const NotFoundPage = lazy(() => import('../pages/NotFoundPage'));

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout demo={config.demo} />}>
        <Route index element={<HomePage />} />
        <Route path="pricing" element={<PricingPage />} />
        <Route path="success" element={<SuccessPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
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
