/**
 * The one error model of the landing app: {@link LandingError} with a code from
 * {@link LandingErrorCode} (SCREAMING_SNAKE, the library casing; the API's wire codes the pages
 * read are snake_case) and the error it explains kept as `cause`.
 * @module
 */

/** Every code a {@link LandingError} carries. */
export type LandingErrorCode =
  // build time: the storefront's variables
  | 'INVALID_PRICE'
  | 'INVALID_STOREFRONT_CONFIG'
  // the release manifest (release.json)
  | 'RELEASE_MANIFEST_UNAVAILABLE'
  | 'INVALID_RELEASE_MANIFEST'
  // starting a checkout
  | 'CHECKOUT_UNREACHABLE'
  | 'CHECKOUT_REFUSED'
  | 'CHECKOUT_UNEXPECTED'
  | 'CHECKOUT_UNKNOWN_EDITION';

/** A failure with a sentence that says what to do, and the error it explains as `cause`. */
export class LandingError<Code extends LandingErrorCode = LandingErrorCode> extends Error {
  override readonly name: string = 'LandingError';
  readonly code: Code;

  /**
   * @param code - the machine-readable code
   * @param message - what went wrong and what to do
   * @param options - the error this one explains
   */
  constructor(code: Code, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
