/**
 * Compiler benchmark: in-process time to compile a ~200-setting project into the whole package tree (the
 * renderer preview recompiles on every keystroke; target ≤ 2 ms median).
 *
 *   npx vite build --config bench/vite.config.ts && node bench/.work/compiler.js [iterations, default 2000]
 */
import { performance } from 'node:perf_hooks';
import { compilePackage, type CompileOptions } from '../shared/compiler/compile';
import type { CustomizationsDocument } from '../shared/model/customizations-document';
import type { SettingNode } from '../shared/model/settings-tree';

const iterations = Number(process.argv[2] ?? 2000);

const value = (name: string, text: string): SettingNode => ({ name, attributes: [], children: [], text });
const node = (
  name: string,
  attributes: Array<[string, string]>,
  ...children: SettingNode[]
): SettingNode => ({
  name,
  attributes,
  children,
});

function project(): { doc: CustomizationsDocument; assets: Map<string, Uint8Array>; settings: number } {
  let settings = 0;
  const count = <T>(items: T[], per: number): T[] => ((settings += items.length * per), items);
  const users = count(
    Array.from({ length: 30 }, (_, i) =>
      node(
        'User',
        [
          ['UserName', `user${i}`],
          ['Name', `user${i}`],
        ],
        value('HomeDir', `C:\\Users\\user${i}`),
        value('Password', 'p@ss"<&>'),
        value('UserGroup', 'Administrators'),
      ),
    ),
    3,
  );
  const assets = new Map<string, Uint8Array>();
  const commands = count(
    Array.from({ length: 15 }, (_, i) => {
      const path = `C:\\Prov\\installer${i}.msi`;
      assets.set(path, new Uint8Array(4096).fill(i));
      return node(
        'CommandConfig',
        [['Name', `app${i}`]],
        value('CommandFile', path),
        value('CommandLine', `msiexec /i "installer${i}.msi" /quiet`),
        value('ContinueInstall', 'True'),
        value('RestartRequired', 'False'),
        value('ReturnCodeRestart', '3010'),
        value('ReturnCodeSuccess', '0'),
      );
    }),
    6,
  );
  const common = [
    node(
      'Accounts',
      [],
      node('ComputerAccount', [], value('ComputerName', 'CTS-%RAND:6%')),
      node('Users', [], ...users),
    ),
    node(
      'ConnectivityProfiles',
      [],
      node(
        'WLAN',
        [],
        node(
          'WLANSetting',
          [],
          node(
            'WLANConfig',
            [['SSID', 'Contoso']],
            node('WLANXmlSettings', [], value('SecurityKey', 'k'), value('SecurityType', 'WPA2-Personal')),
          ),
        ),
      ),
    ),
    node('OOBE', [], node('Desktop', [], value('HideOobe', 'True'))),
    node('Policies', [], node('ApplicationManagement', [], value('AllowAllTrustedApps', 'Yes'))),
    node('ProvisioningCommands', [], node('PrimaryContext', [], node('Command', [], ...commands))),
    node(
      'Workplace',
      [],
      node(
        'Enrollments',
        [],
        node(
          'UPN',
          [['UPN', 'e@contoso.com']],
          value('AuthPolicy', 'OnPremise'),
          value('DiscoveryServiceFullUrl', 'https://mdm/Discovery.svc'),
          value('Secret', 's'),
        ),
      ),
    ),
  ];
  settings += 8;
  const doc: CustomizationsDocument = {
    packageConfig: {
      id: '{0f9c3d8e-8a55-4d63-9a54-2f0c7e1b6a11}',
      name: 'bench',
      version: '1.0',
      ownerType: 'OEM',
      rank: 0,
      notes: '',
    },
    common,
    multivariant: [],
  };
  return { doc, assets, settings };
}

const { doc, assets, settings } = project();
const options: CompileOptions = { style: 'store', targetSkus: 'WindowsCommon,Desktop', assets };
const customizationsXml = new Uint8Array(4096);

const timings: number[] = [];
let files = 0;
for (let i = 0; i < iterations + 200; i++) {
  const start = performance.now();
  files = compilePackage(doc, customizationsXml, options).length;
  if (i >= 200) timings.push(performance.now() - start);
}
timings.sort((a, b) => a - b);
const at = (q: number): string =>
  timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!.toFixed(3);
console.log(`compilePackage: ${settings} settings, ${assets.size} assets of 4 KiB → ${files} files`);
console.log(
  `  ${iterations} runs after 200 warm-up: median ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms`,
);
