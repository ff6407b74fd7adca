/**
 * CSP path → nested `<characteristic>` elements (docs/format/compile-rules.md §2.3, DERIVED from ICDProvisioning
 * `GetProvisioningPathFromApplyInfo` / `ProvXmlWriter`, validated on every observed path).
 */

/** One `<parm>` (or `<noparm>`) and the characteristic path it sits under. */
export interface ProvParm {
  /** Characteristic segments as they appear in the path (`Policy!scope=User`, `$(__PackageID)`, `{guid}`). */
  segments: readonly string[];
  name: string;
  value: string;
  datatype: 'string' | 'integer' | 'boolean' | 'binary';
  /** Manifest path of the originating setting, written only in Store-app style (docs/format/compile-rules.md §2.9). */
  settingsPath: string;
  /** Action 2 (Exec) adds `exec="1"` after `datatype`. */
  exec?: boolean;
  /** Action 3 (Delete) writes `<noparm>`. */
  delete?: boolean;
}

export interface Characteristic {
  kind: 'characteristic';
  type: string;
  /** From a `type!attr=value` segment: the only source of `scope="Device"` / `scope="User"`. */
  attributes: Array<[string, string]>;
  children: CharacteristicChild[];
}
export type CharacteristicChild = Characteristic | { kind: 'parm'; parm: ProvParm };

/**
 * Splits a store CSP path into segments: empty segments dropped and a leading `./Vendor/MSFT` removed
 * (paths without that exact prefix, e.g. `DevDetail/Ext/Microsoft/…`, stay whole).
 */
export function splitCspPath(path: string): string[] {
  const segments = path.split('/').filter((segment) => segment !== '');
  if (segments[0] === '.' && segments[1] === 'Vendor' && segments[2] === 'MSFT') return segments.slice(3);
  return segments;
}

const SCOPED_SEGMENT = /^(\w+)!(\w+)=(\w+)$/i;

function characteristicFor(segment: string): Characteristic {
  const scoped = SCOPED_SEGMENT.exec(segment);
  if (scoped) {
    return { kind: 'characteristic', type: scoped[1]!, attributes: [[scoped[2]!, scoped[3]!]], children: [] };
  }
  const type = segment.startsWith('__') ? `$(${segment})` : segment;
  return { kind: 'characteristic', type, attributes: [], children: [] };
}

/**
 * Builds the element tree of one provxml. Merge rule: a characteristic is reused only when it is the
 * *last* child of the current element and has the same type (case-insensitive); otherwise a new one is
 * appended — which is why ForceSettingReload becomes its own top-level `Provisioning` block.
 */
export function buildCharacteristicTree(parms: readonly ProvParm[]): CharacteristicChild[] {
  const root: CharacteristicChild[] = [];
  for (const parm of parms) {
    let children = root;
    for (const segment of parm.segments) {
      const wanted = characteristicFor(segment);
      const last = children[children.length - 1];
      if (last?.kind === 'characteristic' && last.type.toLowerCase() === wanted.type.toLowerCase()) {
        children = last.children;
      } else {
        children.push(wanted);
        children = wanted.children;
      }
    }
    children.push({ kind: 'parm', parm });
  }
  return root;
}
