// electron-builder's afterPack hook (build/electron-builder.yml): flips Electron's fuses in the packaged
// binary before it is signed, so a shipped PPKG Studio cannot be turned into a general Node runtime or made
// to load code from outside its (integrity-checked) app.asar. Plain CommonJS: electron-builder requires it.
const path = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');

/** The fuses every packaged build gets (unit-tested in tests/unit/packaging-fuses.test.ts). */
const fuseConfig = Object.freeze({
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE would make the signed binary run any script as Node.
  [FuseV1Options.RunAsNode]: false,
  // NODE_OPTIONS could preload code into main.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect on the command line would open a debugger into main.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Cookies and local storage encrypted with an OS-protected key.
  [FuseV1Options.EnableCookieEncryption]: true,
  // app.asar is checked against the hash recorded at packaging time...
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // ...and is the only place the app's code may come from.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
});

/** The Electron executable electron-builder just laid out for one platform. */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas')
    return path.join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${name}.exe`);
  return path.join(appOutDir, packager.executableName);
}

async function afterPack(context) {
  // arm64 macOS refuses a modified binary unless its ad-hoc signature is redone (real signing follows).
  const isMacArm = context.electronPlatformName === 'darwin' && context.arch === 3; // Arch.arm64
  await flipFuses(electronBinaryPath(context), { ...fuseConfig, resetAdHocDarwinSignature: isMacArm });
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.fuseConfig = fuseConfig;
module.exports.electronBinaryPath = electronBinaryPath;
