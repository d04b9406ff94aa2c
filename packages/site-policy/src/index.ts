/**
 * The storefront's response headers: {@link headersFor} and the pieces CloudFront needs.
 * @module
 */
export {
  type CspDirectives,
  NON_HTML_CSP,
  NON_HTML_CSP_DIRECTIVES,
  SITE_CSP,
  SITE_CSP_DIRECTIVES,
  STRIPE_SOURCES,
  SUCCESS_CSP,
  SUCCESS_CSP_DIRECTIVES,
  serializeCsp,
} from './csp';
export {
  BEHAVIOUR_PATTERNS,
  CACHE_CONTROL,
  classifyPath,
  FULFILMENT_MODES,
  type FulfilmentMode,
  type HeaderOptions,
  HSTS,
  HSTS_MAX_AGE_SECONDS,
  headersFor,
  headersForClass,
  PATH_CLASSES,
  type PathClass,
  PERMISSIONS_POLICY,
  TIME_PATH,
} from './headers';
