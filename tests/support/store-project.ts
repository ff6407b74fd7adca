import { compileIssues, type CompileOptions } from '../../shared/compiler/compile';
import { activeCompilerStore, type CompileRule, type StoreNode } from '../../shared/compiler/rules';
import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import type { SettingNode } from '../../shared/model/settings-tree';

/**
 * Projects made from the built-in store itself, for benchmarks and property tests: every plain leaf outside
 * maps and lists with a value that fits it (first WCD label of an enum, True, 1, text), pruned of what does not
 * compile with that value, cut to the first `target` leaves in store order and topped up with local users
 * (three settings each, one of them a secret).
 */

export const value = (name: string, text: string): SettingNode => ({
  name,
  attributes: [],
  children: [],
  text,
});

export function sampleValue(rule: CompileRule): string {
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

export function countLeaves(nodes: readonly SettingNode[]): number {
  return nodes.reduce((sum, node) => sum + (node.children.length === 0 ? 1 : countLeaves(node.children)), 0);
}

/** The first `budget` leaves of a tree, in its order. */
function firstLeaves(nodes: readonly SettingNode[], budget: { left: number }): SettingNode[] {
  const kept: SettingNode[] = [];
  for (const node of nodes) {
    if (budget.left === 0) break;
    if (node.children.length === 0) {
      kept.push(node);
      budget.left--;
    } else {
      const children = firstLeaves(node.children, budget);
      if (children.length > 0) kept.push({ ...node, children });
    }
  }
  return kept;
}

function localUser(name: string): SettingNode {
  return {
    name: 'User',
    attributes: [['UserName', name]],
    children: [
      value('HomeDir', `C:\\Users\\${name}`),
      value('Password', 'p@ss"<&>'),
      value('UserGroup', 'Administrators'),
    ],
  };
}

/** A compiling project of `target` settings (leaves) from the built-in store. */
export function storeSampleProject(target: number): { doc: CustomizationsDocument; settings: number } {
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
  // Drop what does not compile with a sample value (a pattern, a range): the project compiles.
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
  if (settings > target) {
    doc.common = firstLeaves(doc.common, { left: target });
    settings = target;
  }
  const users: SettingNode[] = [];
  while (settings + 3 <= target) {
    users.push(localUser(`user${users.length}`));
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
