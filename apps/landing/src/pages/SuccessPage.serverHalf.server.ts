/**
 * Server mode's half of the Success page in server-mode builds: bundled with the page, no chunk
 * to wait for and no Suspense fallback before the purchase shows (see SuccessPage.serverHalf.ts).
 * @module
 */
export { default as ServerSuccessPage } from './SuccessPage.server';
