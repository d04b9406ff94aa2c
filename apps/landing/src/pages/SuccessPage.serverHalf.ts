/**
 * Server mode's half of the Success page, as browser-mode builds (and the tests) get it: loaded
 * lazily, so a browser-mode visit never downloads the API client and its views. Server-mode
 * builds resolve this module to SuccessPage.serverHalf.server.ts instead (vite-plugins/serverMode.ts),
 * which bundles the half with the page: the purchase then renders as soon as the API answers.
 * @module
 */
import { lazy } from 'react';

export const ServerSuccessPage = lazy(() => import('./SuccessPage.server'));
