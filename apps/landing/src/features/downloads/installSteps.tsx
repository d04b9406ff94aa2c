import type { Platform } from '@local-memory/download-keys';
import type { ReactNode } from 'react';

/** Per-platform install steps, shown under each download. */
export const INSTALL_STEPS: Readonly<Record<Platform, readonly ReactNode[]>> = {
  macos: [
    <>
      Open <code>local-memory-macos.zip</code>. It holds two programs:{' '}
      <code>local-memory-macos-arm</code> for Apple silicon (M1 and later) and{' '}
      <code>local-memory-macos-intel</code> for Intel Macs. <code>uname -m</code> prints{' '}
      <code>arm64</code> on Apple silicon.
    </>,
    <>
      In Terminal, in the unzipped folder, clear the download quarantine so macOS lets it run:{' '}
      <code>xattr -d com.apple.quarantine local-memory-macos-arm</code> (or <code>-intel</code>).
    </>,
    <>
      Install it on your path:{' '}
      <code>
        chmod +x local-memory-macos-arm &amp;&amp; sudo mv local-memory-macos-arm
        /usr/local/bin/local-memory
      </code>
    </>,
  ],
  windows: [
    <>
      Right-click <code>local-memory-windows.zip</code> and choose <strong>Extract All</strong>.
    </>,
    <>
      Move <code>local-memory-windows.exe</code> to{' '}
      <code>C:\Program Files\Local Memory\local-memory.exe</code> (create the folder) and add{' '}
      <code>C:\Program Files\Local Memory</code> to your <code>PATH</code>. If SmartScreen warns on
      first run, choose <strong>More info → Run anyway</strong>.
    </>,
    <>
      Open a new PowerShell window and check it runs: <code>local-memory --version</code>
    </>,
  ],
  linux: [
    <>
      Unzip it: <code>unzip local-memory-linux.zip</code>
    </>,
    <>
      Install it on your path:{' '}
      <code>
        chmod +x local-memory-linux &amp;&amp; sudo mv local-memory-linux
        /usr/local/bin/local-memory
      </code>
    </>,
    <>
      Check it runs: <code>local-memory --version</code>
    </>,
  ],
  universal: [
    <>
      <code>local-memory-universal.zip</code> holds the macOS (Apple silicon and Intel), Windows and
      Linux programs, for installing on several machines or keeping an offline copy.
    </>,
    <>Follow the steps for each operating system above with the matching program.</>,
  ],
};
