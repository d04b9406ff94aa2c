import { createContext, type ReactNode, useContext } from 'react';

export interface SiteLinkProps {
  readonly to: string;
  readonly className?: string;
  readonly children: ReactNode;
}

export type LinkComponent = (props: SiteLinkProps) => ReactNode;

/** An ordinary link: a full page load, marked current when it points at this page. */
function DocumentLink({ to, className, children }: SiteLinkProps) {
  const current = typeof window !== 'undefined' && window.location.pathname === to;
  return (
    <a href={to} className={className} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}

const LinkContext = createContext<LinkComponent>(DocumentLink);

/**
 * Supplies how internal links are made. The routed app provides React Router's client-side
 * links; the standalone Success page (no router on purpose, see main.tsx) keeps document links.
 */
export const LinkProvider = LinkContext.Provider;

/** A link to a page of this site. */
export function SiteLink(props: SiteLinkProps) {
  const Component = useContext(LinkContext);
  return <Component {...props} />;
}
