import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import type afterPackModule from '../../build/after-pack.cjs';
import { REPO_ROOT } from '../support/fixtures';

const afterPack = createRequire(import.meta.url)('../../build/after-pack.cjs') as typeof afterPackModule;

describe('packaging: Electron fuses (issue #10 item 12)', () => {
  it('the afterPack hook turns off RunAsNode and NODE_OPTIONS, turns on cookie encryption and ASAR integrity', () => {
    expect(afterPack.fuseConfig).toEqual({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    });
  });

  it('electron-builder runs the hook, and the hook finds each platform binary', () => {
    const config = readFileSync(join(REPO_ROOT, 'build/electron-builder.yml'), 'utf8');
    expect(config).toMatch(/^afterPack: build\/after-pack\.cjs$/m);
    // ASAR integrity and only-load-from-asar need the app packed into app.asar.
    expect(config).not.toMatch(/^asar:\s*false/m);
    const packager = { appInfo: { productFilename: 'PPKG Studio' }, executableName: 'ppkg-studio' };
    const at = (electronPlatformName: string) =>
      afterPack.electronBinaryPath({ appOutDir: '/out', electronPlatformName, arch: 1, packager });
    expect(at('win32')).toBe(join('/out', 'PPKG Studio.exe'));
    expect(at('darwin')).toBe(join('/out', 'PPKG Studio.app'));
    expect(at('linux')).toBe(join('/out', 'ppkg-studio'));
  });
});
