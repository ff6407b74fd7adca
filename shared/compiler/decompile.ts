import { isSecretSetting } from '../catalog';
import type { SettingNode } from '../model/settings-tree';
import { ProjectFileError } from '../xml/errors';
import { decodeXmlText } from '../xml/xml-text';
import { parseXmlTree } from '../xml/xml-tree';
import { splitCspPath } from './characteristic-tree';
import { activeCompilerStore, type CompileRule, type CompilerStore, type StoreNode } from './rules';
import type { EventType } from './runtime-index';

/**
 * The reverse of the compiler: what Windows applies from a package — the RunTime.xml / User_RunTime.xml
 * indexes and every provxml they list — read back into parms and, where the settings catalog knows the CSP
 * path, into setting paths. `inspect` and Open package show this instead of trusting the embedded
 * customizations.xml, which the provisioning engine never reads.
 */

export interface AppliedSetting {
  eventType: EventType;
  /** Package path of the provxml, e.g. `Multivariant/0/Prov/RunTime/0__Accounts_Users_alice.provxml`. */
  file: string;
  /** Characteristic path and parm name, `/`-separated: `Accounts/Users/alice/Password`. */
  cspPath: string;
  /** Setting path with map keys / list indices in brackets (`Accounts/Users/User[alice]/Password`), when known. */
  settingPath: string | null;
  value: string;
  datatype: string;
  exec: boolean;
  delete: boolean;
  secret: boolean;
}

export interface RuntimeIndexEntry {
  eventType: EventType;
  settingsGroup: string;
  /** Package path the `Data` attribute points at. */
  file: string;
}

// ---------------------------------------------------------------------------------------------------------
// Reverse index: CSP path pattern → setting path

interface ReversePattern {
  regex: RegExp;
  /** Placeholder names in capture order. */
  placeholders: string[];
  rule: CompileRule;
  /** Manifest segments; an item segment of a map/list names the placeholder that fills its brackets. */
  segments: Array<{ name: string; placeholder?: string }>;
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const reversePatternsByStore = new WeakMap<CompilerStore, ReversePattern[]>();

function buildReversePatterns(store: CompilerStore): ReversePattern[] {
  const out: ReversePattern[] = [];
  // `self` is the placeholder that fills this node's brackets when it is the item of a map or list.
  const walk = (node: StoreNode, segments: ReversePattern['segments'], self?: string): void => {
    const here = self === undefined ? { name: node.name } : { name: node.name, placeholder: self };
    switch (node.kind) {
      case 'leaf': {
        const target = node.rule.target;
        if (target?.kind !== 'csp' || node.rule.serialization === 'file-copy') return;
        const placeholders: string[] = [];
        const source = splitCspPath(target.path)
          // The compiler writes a `__X` segment as `$(__X)` (characteristic-tree.ts); match what it writes.
          .map((segment) => (segment.startsWith('__') ? `$(${segment})` : segment))
          .map((segment) =>
            escapeRegex(segment)
              .replace(/~(\w+)~/g, (_, name: string) => {
                placeholders.push(name);
                return '([^/]*)';
              })
              .replaceAll('@CertificateHash@', '[0-9A-Fa-f]+'),
          )
          .join('/');
        out.push({
          regex: new RegExp(`^${source}$`, 'i'),
          placeholders,
          rule: node.rule,
          segments: [...segments, here],
        });
        return;
      }
      case 'tree':
        for (const child of node.children) walk(child, [...segments, here]);
        return;
      case 'map':
      case 'list':
        walk(node.item, [...segments, here], node.kind === 'map' ? node.key : node.name);
        return;
    }
  };
  for (const group of [...store.commonGroups, ...store.desktopGroups]) walk(group, []);
  return out;
}

/** Setting path (keys in brackets) and manifest path for a CSP path, or null when no supported setting has it. */
export function settingForCspPath(
  cspPath: string,
  store: CompilerStore = activeCompilerStore(),
): { settingPath: string; manifestPath: string } | null {
  let patterns = reversePatternsByStore.get(store);
  if (!patterns) reversePatternsByStore.set(store, (patterns = buildReversePatterns(store)));
  for (const pattern of patterns) {
    const match = pattern.regex.exec(cspPath);
    if (!match) continue;
    const values = new Map(pattern.placeholders.map((name, index) => [name, match[index + 1] ?? '']));
    const settingPath = pattern.segments
      .map(({ name, placeholder }) =>
        placeholder !== undefined && values.has(placeholder) ? `${name}[${values.get(placeholder)}]` : name,
      )
      .join('/');
    return { settingPath, manifestPath: pattern.rule.path };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Reading the files

/** Names of parms whose values are secrets even when the catalog does not know the path (or the key). */
const SECRET_NAME = /password|secret|securitykey|token|bprt|wlanxml|pin$|key$/i;

function attribute(node: SettingNode, name: string): string | undefined {
  return node.attributes.find(([key]) => key === name)?.[1];
}

/** Characteristic segment as the compiler's input spells it: `type`, or `type!scope=…` with an attribute. */
function segmentOf(node: SettingNode): string {
  const type = attribute(node, 'type') ?? '';
  const extra = node.attributes.filter(([key]) => key !== 'type');
  return extra.length > 0 ? `${type}!${extra.map(([k, v]) => `${k}=${v}`).join('!')}` : type;
}

/** Every parm of one provxml, in document order. Throws ProjectFileError('provxml') when it is not one. */
export function decompileProvxml(bytes: Uint8Array, file: string, eventType: EventType): AppliedSetting[] {
  const root = parseXmlTree(decodeXmlText(bytes, 'provxml').text, 'provxml');
  if (root.name !== 'wap-provisioningdoc')
    throw new ProjectFileError(
      'provxml',
      file,
      `the root element is <${root.name}>, not <wap-provisioningdoc>`,
    );
  const out: AppliedSetting[] = [];
  const walk = (nodes: readonly SettingNode[], segments: string[]): void => {
    for (const node of nodes) {
      if (node.name === 'characteristic') {
        walk(node.children, [...segments, segmentOf(node)]);
        continue;
      }
      // Anything but parm/noparm is something the engine may act on that we cannot describe: keep it visible.
      const name = attribute(node, 'name') ?? `<${node.name}>`;
      const cspPath = [...segments, name].join('/');
      const known = settingForCspPath(cspPath);
      const registry = segments[0] === 'MCSF' ? [...segments.slice(1), name].join('/') : null;
      out.push({
        eventType,
        file,
        cspPath,
        settingPath: known?.settingPath ?? registry,
        value: attribute(node, 'value') ?? node.text ?? '',
        datatype: attribute(node, 'datatype') ?? '',
        exec: attribute(node, 'exec') === '1',
        delete: node.name === 'noparm',
        secret: (known ? isSecretSetting(known.manifestPath) : false) || SECRET_NAME.test(name),
      });
    }
  };
  walk(root.children, []);
  return out;
}

/** `$(_prov)\RunTime\x.provxml` relative to `Multivariant/<n>/Prov/`. */
function dataToPackagePath(data: string, provFolder: string): string {
  const relative = data.replace(/^\$\(_prov\)[\\/]/i, '').replaceAll('\\', '/');
  return `${provFolder}/${relative}`;
}

/** The ConfigurationSets of a RunTime.xml / User_RunTime.xml, with the package path of each provxml. */
export function readRuntimeIndex(
  bytes: Uint8Array,
  indexPath: string,
  eventType: EventType,
): RuntimeIndexEntry[] {
  const root = parseXmlTree(decodeXmlText(bytes, 'RunTime.xml').text, 'RunTime.xml');
  if (root.name !== 'ConfigurationSource')
    throw new ProjectFileError('RunTime.xml', indexPath, `the root element is <${root.name}>`);
  const provFolder = indexPath.slice(0, indexPath.lastIndexOf('/'));
  return root.children
    .filter((node) => node.name === 'ConfigurationSet')
    .map((node) => ({
      eventType,
      settingsGroup: attribute(node, 'SettingsGroup') ?? '',
      file: dataToPackagePath(attribute(node, 'Data') ?? '', provFolder),
    }));
}

const INDEX_PATH = /^Multivariant\/\d+\/Prov\/(RunTime|User_RunTime)\.xml$/i;

export interface DecompiledPackage {
  applied: AppliedSetting[];
  /** Problems reading what Windows applies: a listed provxml missing or unreadable (messages, no values). */
  problems: Array<{ path: string; message: string }>;
}

/**
 * Decompiles every index and provxml among `files` (package path → bytes; only the XML files are needed).
 * Lookups ignore case, as Windows does.
 */
export function decompilePackage(files: ReadonlyMap<string, Uint8Array>): DecompiledPackage {
  const byLowerPath = new Map([...files].map(([path, bytes]) => [path.toLowerCase(), { path, bytes }]));
  const applied: AppliedSetting[] = [];
  const problems: DecompiledPackage['problems'] = [];
  const indexes = [...files.keys()].filter((path) => INDEX_PATH.test(path)).sort();
  for (const indexPath of indexes) {
    const eventType = (
      /(User_RunTime|RunTime)\.xml$/i.exec(indexPath)![1]!.toLowerCase() === 'runtime'
        ? 'RunTime'
        : 'User_RunTime'
    ) as EventType;
    let entries: RuntimeIndexEntry[];
    try {
      entries = readRuntimeIndex(files.get(indexPath)!, indexPath, eventType);
    } catch (error) {
      problems.push({ path: indexPath, message: (error as Error).message });
      continue;
    }
    for (const entry of entries) {
      const found = byLowerPath.get(entry.file.toLowerCase());
      if (!found) {
        problems.push({
          path: entry.file,
          message: `${indexPath} lists ${entry.file}, which is not in the package`,
        });
        continue;
      }
      try {
        applied.push(...decompileProvxml(found.bytes, found.path, eventType));
      } catch (error) {
        problems.push({ path: found.path, message: (error as Error).message });
      }
    }
  }
  return { applied, problems };
}
