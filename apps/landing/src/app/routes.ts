/**
 * Every page the build prerenders, in one list: the prerender step writes one HTML document per
 * entry, the sitemap lists the indexable ones, and main.tsx hydrates a document only when it was
 * prerendered for the address it is showing. Adding a page is one line here (and its route in
 * App.tsx). Pages set the same title and description for client-side navigation; App.test.tsx
 * checks that they agree, so the browser bundle need not carry this whole list.
 * @module
 */

import { PRIVACY_PATH, REFUNDS_PATH, TERMS_PATH } from '../config/paths';

export interface RouteEntry {
  /** The address, or `*` for the not-found page. */
  readonly path: string;
  /** The file the build writes, relative to the output folder. */
  readonly file: string;
  readonly title: string;
  readonly description: string;
  /** Listed in sitemap.xml and open to search engines; false adds `noindex`. */
  readonly indexable: boolean;
}

export const NOT_FOUND_PATH = '*';

export const ROUTES: readonly RouteEntry[] = [
  {
    path: '/',
    file: 'index.html',
    title: 'Local Memory: persistent memory for your AI agents, on your machine',
    description:
      'Local Memory gives Claude, Cursor and every MCP-capable agent a long-term memory that stays on your computer. One binary, MCP, REST and CLI.',
    indexable: true,
  },
  {
    path: '/pricing',
    file: 'pricing.html',
    title: 'Pricing · Local Memory',
    description:
      'Buy Local Memory once and get a license key and downloads for macOS, Windows and Linux straight away. Secure checkout by Stripe.',
    indexable: true,
  },
  {
    path: TERMS_PATH,
    file: 'terms.html',
    title: 'Terms of sale and license · Local Memory',
    description:
      'The terms on which Local Memory is sold and licensed: one license per person, on every computer they use.',
    indexable: true,
  },
  {
    path: PRIVACY_PATH,
    file: 'privacy.html',
    title: 'Privacy · Local Memory',
    description:
      'What data this site, the Local Memory program and Stripe keep when you visit and buy, and for how long.',
    indexable: true,
  },
  {
    path: REFUNDS_PATH,
    file: 'refunds.html',
    title: 'Refunds · Local Memory',
    description:
      'How to get your money back for Local Memory, within how many days, and what happens to your license.',
    indexable: true,
  },
  {
    path: '/docs/setup',
    file: 'docs/setup.html',
    title: 'Set up Local Memory and connect your AI tools · Local Memory',
    description:
      'Install and activate Local Memory on macOS, Windows or Linux, add Ollama for semantic search, and connect Claude Code, Claude Desktop, VS Code, Cursor and Windsurf over MCP.',
    indexable: true,
  },
  {
    path: '/success',
    file: 'success.html',
    title: 'Your license key and downloads · Local Memory',
    description:
      'Your Local Memory license key, activation command and download links for macOS, Windows and Linux.',
    indexable: false,
  },
  {
    path: '/account',
    file: 'account.html',
    title: 'Your purchases · Local Memory',
    description:
      'Sign in with the email address you paid with to see every Local Memory purchase: license keys, downloads, machines and receipts.',
    indexable: false,
  },
  {
    path: NOT_FOUND_PATH,
    file: '404.html',
    title: 'Page not found · Local Memory',
    description:
      'This page does not exist. Find Local Memory, persistent memory for AI agents, on the home page.',
    indexable: false,
  },
];
