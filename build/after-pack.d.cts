import type { FuseConfig } from '@electron/fuses';

interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName: string };
}

declare function afterPack(context: PackContext): Promise<void>;
declare namespace afterPack {
  const fuseConfig: FuseConfig;
  function electronBinaryPath(context: PackContext): string;
}
export = afterPack;
