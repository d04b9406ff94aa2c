import type { ReactNode } from 'react';
import { NavLink } from 'react-router-dom';
import { LinkProvider, type SiteLinkProps } from '../components/SiteLink';

/** Client-side navigation, with aria-current="page" on the link to the current page. */
function RouterLink({ to, className, children }: SiteLinkProps) {
  return (
    <NavLink to={to} end className={className}>
      {children}
    </NavLink>
  );
}

/** Makes every SiteLink below a React Router link. Inside a router only. */
export function RouterLinks({ children }: { children: ReactNode }) {
  return <LinkProvider value={RouterLink}>{children}</LinkProvider>;
}
