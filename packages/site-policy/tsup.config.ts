import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  platform: 'neutral',
  target: 'es2022',
  dts: { compilerOptions: { noCheck: true } },
  sourcemap: true,
  clean: true,
  treeshake: true,
});
