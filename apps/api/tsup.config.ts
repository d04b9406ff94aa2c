import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    app: 'src/app.ts',
    node: 'src/node.ts',
    lambda: 'src/lambda.ts',
    standin: 'src/stripe-standin/standin.ts',
    'testing-mailbox': 'src/testing/mailbox.ts',
    'testing-dynamo': 'src/testing/dynamo.ts',
    'backfill-licenses': 'src/licensing/backfillCli.ts',
  },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  dts: true,
  sourcemap: true,
  clean: true,
  skipNodeModulesBundle: true,
});
