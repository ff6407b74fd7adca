/**
 * Compiler benchmark: in-process time to compile a 1,000-setting project into the whole package tree, against
 * the built-in (generated) store. The project is made from the store itself: every plain leaf outside maps and
 * lists with a value that fits it (first WCD label of an enum, True, 1, text), topped up with local users.
 *
 * Peer, measured in the same run: xmlbuilder2 (a well-kept XML library, already a dependency) serializing the
 * same provxml documents from the compiled parms, i.e. the writing step alone with a general-purpose writer.
 * Also printed: the one-time cost of building the compiler's view of the store from the catalog.
 *
 *   npm run bench:compiler [-- iterations, default 200]
 */
import { performance } from 'node:perf_hooks';
import { create } from 'xmlbuilder2';
import {
  compileIssues,
  compilePackage,
  compileProvxmlFiles,
  type CompileOptions,
} from '../shared/compiler/compile';
import { builtinFacts } from '../shared/catalog/facts';
import {
  activeCompilerStore,
  createCompilerStore,
  type CompileRule,
  type StoreNode,
} from '../shared/compiler/rules';
import type { CustomizationsDocument } from '../shared/model/customizations-document';
import type { SettingNode } from '../shared/model/settings-tree';

const iterations = Number(process.argv[2] ?? 200);
const TARGET_SETTINGS = 1000;

const value = (name: string, text: string): SettingNode => ({ name, attributes: [], children: [], text });

function sampleValue(rule: CompileRule): string {
  if (rule.enumValues) return rule.enumValues[0]![1];
  if (rule.textValues) return rule.textValues[0]![1];
  if (rule.type === 'bool') return 'True';
  if (rule.type === 'int') return '1';
  return 'bench-value';
}

/** Plain leaves (no map or list above them) that compile to a parm of their own: CSP or registry targets. */
function plainLeaves(nodes: readonly StoreNode[]): SettingNode[] {
  const out: SettingNode[] = [];
  for (const node of nodes) {
    if (node.kind === 'tree') {
      const children = plainLeaves(node.children);
      if (children.length > 0) out.push({ name: node.name, attributes: [], children });
    } else if (node.kind === 'leaf') {
      const { rule } = node;
      if (rule.unsupported || !rule.target || rule.target.kind === 'file-copy' || rule.type === 'asset')
        continue;
      if (rule.target.kind === 'csp' && /~\w+~|@\w+@/.test(rule.target.path)) continue;
      out.push(value(node.name, sampleValue(rule)));
    }
  }
  return out;
}

function countLeaves(nodes: readonly SettingNode[]): number {
  return nodes.reduce((sum, node) => sum + (node.children.length === 0 ? 1 : countLeaves(node.children)), 0);
}

function project(): { doc: CustomizationsDocument; settings: number } {
  const store = activeCompilerStore();
  const doc: CustomizationsDocument = {
    packageConfig: {
      id: '{0f9c3d8e-8a55-4d63-9a54-2f0c7e1b6a11}',
      name: 'bench',
      version: '1.0',
      ownerType: 'OEM',
      rank: 0,
      notes: '',
    },
    common: plainLeaves([...store.commonGroups, ...store.desktopGroups]),
    multivariant: [],
  };
  // Drop what does not compile with a sample value (a pattern, a range): the benchmark compiles, it does not fail.
  const options: CompileOptions = { style: 'store', targetSkus: 'WindowsCommon,Desktop', assets: new Map() };
  const bad = new Set(compileIssues(doc, options).map((issue) => issue.settingPath));
  const prune = (nodes: SettingNode[], prefix: string): SettingNode[] =>
    nodes
      .filter((node) => !bad.has(prefix + node.name))
      .map((node) =>
        node.children.length === 0
          ? node
          : { ...node, children: prune(node.children, `${prefix}${node.name}/`) },
      )
      .filter((node) => node.children.length > 0 || node.text !== undefined);
  doc.common = prune(doc.common, '');
  let settings = countLeaves(doc.common);
  if (settings > TARGET_SETTINGS) {
    // Keep the first 1,000 leaves in store order.
    let budget = TARGET_SETTINGS;
    const take = (nodes: SettingNode[]): SettingNode[] => {
      const kept: SettingNode[] = [];
      for (const node of nodes) {
        if (budget === 0) break;
        if (node.children.length === 0) {
          kept.push(node);
          budget--;
        } else {
          const children = take(node.children);
          if (children.length > 0) kept.push({ ...node, children });
        }
      }
      return kept;
    };
    doc.common = take(doc.common);
    settings = TARGET_SETTINGS;
  }
  // Top up with local users (3 settings each) to reach 1,000.
  const users: SettingNode[] = [];
  while (settings + 3 <= TARGET_SETTINGS) {
    const name = `user${users.length}`;
    users.push({
      name: 'User',
      attributes: [['UserName', name]],
      children: [
        value('HomeDir', `C:\\Users\\${name}`),
        value('Password', 'p@ss"<&>'),
        value('UserGroup', 'Administrators'),
      ],
    });
    settings += 3;
  }
  if (users.length > 0) {
    const accounts = doc.common.find((node) => node.name === 'Accounts');
    const usersNode: SettingNode = { name: 'Users', attributes: [], children: users };
    if (accounts) accounts.children.push(usersNode);
    else doc.common.unshift({ name: 'Accounts', attributes: [], children: [usersNode] });
  }
  return { doc, settings };
}

function quantiles(timings: number[]): string {
  timings.sort((a, b) => a - b);
  const at = (q: number): string =>
    timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!.toFixed(2);
  return `median ${at(0.5)} ms, p90 ${at(0.9)} ms`;
}

function measure(run: () => void): number[] {
  for (let i = 0; i < Math.min(20, iterations); i++) run();
  const timings: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    run();
    timings.push(performance.now() - start);
  }
  return timings;
}

const storeStart = performance.now();
createCompilerStore(builtinFacts(), 'bench');
const storeMs = performance.now() - storeStart;
const warmStart = performance.now();
createCompilerStore(builtinFacts(), 'bench');
const storeWarmMs = performance.now() - warmStart;

const { doc, settings } = project();
const options: CompileOptions = { style: 'store', targetSkus: 'WindowsCommon,Desktop', assets: new Map() };
const customizationsXml = new Uint8Array(4096);
const issues = compileIssues(doc, options);
if (issues.length > 0) throw new Error(`the benchmark project does not compile: ${issues[0]!.settingPath}`);

let files = 0;
const ours = measure(() => {
  files = compilePackage(doc, customizationsXml, options).length;
});

// Peer: xmlbuilder2 writes the same documents (characteristics and parms) from the compiled parms.
const compiled = compileProvxmlFiles(doc, options).files;
const peer = measure(() => {
  for (const file of compiled) {
    const root = create({ version: '1.0', encoding: 'utf-8', standalone: true }).ele('wap-provisioningdoc');
    for (const parm of file.parms) {
      let at = root;
      for (const segment of parm.segments) at = at.ele('characteristic', { type: segment });
      at.ele('parm', {
        SettingsPath: parm.settingsPath,
        name: parm.name,
        value: parm.value,
        datatype: parm.datatype,
      });
    }
    root.end({ prettyPrint: true, newline: '\r\n', indent: '  ' });
  }
});

console.log(
  `store view from the generated catalog (${builtinFacts().nodes.length} nodes): ${storeMs.toFixed(1)} ms cold (once per process), ${storeWarmMs.toFixed(1)} ms warm`,
);
console.log(
  `compilePackage: ${settings} settings → ${files} files (${compiled.length} provxml), ${iterations} runs`,
);
console.log(`  PPKG Studio compiler (walk, values, grouping, provxml + indexes): ${quantiles(ours)}`);
console.log(`  peer, xmlbuilder2 writing the same provxml documents only:        ${quantiles(peer)}`);
