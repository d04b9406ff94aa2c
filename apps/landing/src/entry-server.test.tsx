// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ROUTES } from './app/routes';
import { render } from './entry-server';

describe('prerendering (the server bundle the build imports)', () => {
  it.each(
    ROUTES.filter((r) => r.path !== '/success').map((r) => [r.path === '*' ? '/404' : r.path, r]),
  )(
    '%s renders its whole page, lazy parts resolved, with the site around it',
    async (path, route) => {
      const html = await render(path);
      const heading = route.title.split(' · ')[0]?.split(':')[0] ?? '';
      expect(html).toMatch(/<h1[^>]*>/);
      if (path !== '/') expect(html).toContain(`>${heading}</h1>`);
      expect(html).toContain('aria-label="Legal and pricing"');
      expect(html).toContain('<main id="main"');
    },
  );

  it('renders /pricing with its price (en-US until hydrated) and Buy button', async () => {
    const html = await render('/pricing');
    expect(html).toContain('$49.00');
    expect(html).toContain('Buy Local Memory');
  });

  it('renders /success as a shell: headings and a key-sized placeholder, never a key', async () => {
    const html = await render('/success');
    expect(html).toContain('<h1>Thank you for buying Local Memory</h1>');
    expect(html).toContain('LM-0000-0000-0000-0000-0000');
    expect(html).not.toMatch(/LM-(?!0000)[0-9A-Z]{4}/);
    expect(html).not.toContain('<output');
  });
});
