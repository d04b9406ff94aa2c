/**
 * The support address as a mail link: the operator's `VITE_SUPPORT_EMAIL`, or the catalogue's
 * default in the labelled demo, written into the build as a constant by vite-plugins/storefront.ts
 * (a constant, not an import of `virtual:storefront`: the Success page's first visit stays within
 * its byte budget). The one place the site spells it.
 */
export function SupportLink() {
  return <a href={`mailto:${__SUPPORT_EMAIL__}`}>{__SUPPORT_EMAIL__}</a>;
}
