import { legalPages } from 'virtual:legal-pages';
import { routeMeta } from '../app/routes';
import { usePageMeta } from '../components/usePageMeta';

export type LegalDocument = keyof typeof legalPages;

const PATHS: Record<LegalDocument, string> = {
  terms: '/terms',
  privacy: '/privacy',
  refunds: '/refunds',
};

/** `/terms`, `/privacy`, `/refunds`: rendered at build time from content/*.md. */
export default function LegalPage({ document }: { document: LegalDocument }) {
  const meta = routeMeta(PATHS[document]);
  usePageMeta(meta.title, meta.description);
  return (
    <article
      className="container narrow legal"
      // Built from the operator's own Markdown at build time (vite-plugins/legalContent.ts).
      // biome-ignore lint/security/noDangerouslySetInnerHtml: trusted, build-time content
      dangerouslySetInnerHTML={{ __html: legalPages[document] }}
    />
  );
}
