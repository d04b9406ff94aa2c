/** `cdk synth|deploy` entry: the app from the CLI's context, synthesised. */

import { buildApp } from '../lib/app';
import { ConfigError } from '../lib/config';

try {
  buildApp().app.synth();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`${error.message}\nSet them in infra/cdk.json or with -c key=value.`);
    process.exit(1);
  }
  throw error;
}
