/** Where the API answers purchases (`/{sessionId}`) and resends (`/resend`). */
export const PURCHASES_PATH = '/api/purchases';
