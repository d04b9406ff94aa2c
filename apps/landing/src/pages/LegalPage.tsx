import { usePageMeta } from '../components/usePageMeta';
import { legalPages } from '../features/legal/legalPages';

export type LegalDocument = keyof typeof legalPages;

// The same titles and descriptions as src/app/routes.ts gives the prerendered documents.
const META: Record<LegalDocument, readonly [title: string, description: string]> = {
  terms: [
    'Terms of sale and license · Local Memory',
    'The terms on which Local Memory is sold and licensed: one license per person, on every computer they use.',
  ],
  privacy: [
    'Privacy · Local Memory',
    'What data this site, the Local Memory program and Stripe keep when you visit and buy, and for how long.',
  ],
  refunds: [
    'Refunds · Local Memory',
    'How to get your money back for Local Memory, within how many days, and what happens to your license.',
  ],
};

/** `/terms`, `/privacy`, `/refunds`: rendered at build time from content/*.md. */
export default function LegalPage({ document }: { document: LegalDocument }) {
  usePageMeta(...META[document]);
  return (
    <article
      className="container narrow legal"
      // Built from the operator's own Markdown at build time (vite-plugins/legalContent.ts).
      // biome-ignore lint/security/noDangerouslySetInnerHtml: trusted, build-time content
      dangerouslySetInnerHTML={{ __html: legalPages[document] }}
    />
  );
}
