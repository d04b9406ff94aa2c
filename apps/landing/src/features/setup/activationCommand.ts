/**
 * The activation command, alone in a module: the Success page shows it on first paint, while the
 * rest of the setup guide loads lazily. download-keys spells it, for the API's email too.
 * @module
 */
export { activationCommand } from '@local-memory/download-keys/activation';
