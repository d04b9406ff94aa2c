import { render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ReleaseDetails } from './ReleaseDetails';

const MANIFEST = {
  schemaVersion: 1,
  // 2026-11-20T09:30:00Z, in Unix seconds as download-ops' upload() writes it.
  uploadedAt: 1_795_167_000,
  build: { version: '1.4.2' },
  artifacts: {
    linux: { filename: 'local-memory-linux.zip', size: 14_234_567, sha256: 'c'.repeat(64) },
    windows: { filename: 'local-memory-windows.zip', size: 812, sha256: 'b'.repeat(64) },
  },
};

describe('ReleaseDetails', () => {
  it('shows version, date, size, SHA-256, the command naming the file, and requirements', async () => {
    render(
      <ReleaseDetails
        baseUrl="/downloads"
        fetchImpl={vi.fn(async () => Response.json(MANIFEST))}
      />,
    );
    const section = await screen.findByRole('region', { name: 'About this release' });
    expect(within(section).getByText('1.4.2')).toBeVisible();
    expect(within(section).getByText('November 20, 2026')).toBeVisible();
    const linux = within(section).getByRole('region', { name: 'Linux (x64)' });
    expect(linux).toHaveTextContent('local-memory-linux.zip, 14.2 MB (14,234,567 bytes)');
    expect(linux).toHaveTextContent('c'.repeat(64));
    expect(within(linux).getByText('sha256sum local-memory-linux.zip')).toBeVisible();
    expect(linux).toHaveTextContent(/glibc/);
    const windows = within(section).getByRole('region', { name: 'Windows (x64)' });
    expect(windows).toHaveTextContent('0.8 kB (812 bytes)');
    expect(
      within(windows).getByText('Get-FileHash local-memory-windows.zip -Algorithm SHA256'),
    ).toBeVisible();
  });

  it('says so quietly when the manifest cannot be read', async () => {
    render(
      <ReleaseDetails
        baseUrl="/downloads"
        fetchImpl={vi.fn(async () => new Response('', { status: 403 }))}
      />,
    );
    expect(await screen.findByText(/Release details .* are not available right now/)).toBeVisible();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('region')).toBeNull();
  });
});
