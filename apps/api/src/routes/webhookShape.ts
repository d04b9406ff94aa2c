/**
 * The shape a verified Stripe event must have before `handleStripeEvent` reads it. A signed body
 * of another shape (never sent by Stripe, but signed with our secret) is refused with a reason
 * instead of failing as a TypeError deep inside.
 * @module
 */

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A `payment_intent` as Stripe writes it: an id, an expanded object with an id, or null. */
const isIntentRef = (value: unknown): boolean =>
  value === null || typeof value === 'string' || (isObject(value) && typeof value.id === 'string');

/**
 * What is wrong with a verified event, for the fields the handled types read.
 * @param event - the parsed, signature-checked body
 * @returns a short reason, or null when the event can be handled
 */
export function eventShapeProblem(event: unknown): string | null {
  if (!isObject(event)) return 'the body is not a JSON object';
  if (typeof event.id !== 'string') return 'the event has no string "id"';
  if (typeof event.type !== 'string') return 'the event has no string "type"';
  const data = event.data;
  if (!isObject(data) || !isObject(data.object)) return 'the event has no "data.object" object';
  const object = data.object;
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
    case 'checkout.session.async_payment_failed':
      return typeof object.id === 'string' ? null : 'the Checkout Session has no string "id"';
    case 'charge.refunded':
      if (typeof object.refunded !== 'boolean') return 'the charge has no boolean "refunded"';
      return isIntentRef(object.payment_intent)
        ? null
        : 'the charge\'s "payment_intent" is not an id, an object with an id, or null';
    case 'charge.dispute.created':
      return isIntentRef(object.payment_intent)
        ? null
        : 'the dispute\'s "payment_intent" is not an id, an object with an id, or null';
    default:
      return null;
  }
}
