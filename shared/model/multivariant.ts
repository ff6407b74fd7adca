import type { CustomizationsDocument } from './customizations-document';
import type { SettingNode } from './settings-tree';

/**
 * Multivariant projects (docs/format/wcd-settings.md §1.3; Microsoft Learn "Create a provisioning package with
 * multivariant settings"): `Customizations/Targets` declares named Targets, each an OR of TargetStates, each
 * an AND of Conditions; every `Customizations/Variant` applies its Settings (same shape as Common) on
 * devices matching any of its TargetRefs. The document keeps these elements verbatim
 * (`CustomizationsDocument.multivariant`), so a project round-trips byte for byte; this module gives them
 * meaning and edits them in place.
 */

export interface TargetCondition {
  /** `Name`: ProcessorName, Model, Edition, Architecture, Region, Lang, MCC, MNC, … (not checked: the device decides). */
  name: string;
  /** `Value`: a literal, `Pattern:<regex>`, `Range:a, b` or `!Range:a, b`. */
  value: string;
}

export interface Target {
  id: string;
  /** TargetStates (OR) of Conditions (AND). */
  states: TargetCondition[][];
}

export interface Variant {
  /** Position among the Variant elements (0-based), as messages name it: `Variant[1]`. */
  index: number;
  targetRefs: string[];
  /** The Variant's Settings children: top-level groups, as under Common. */
  settings: SettingNode[];
}

export interface Multivariant {
  targets: Target[];
  variants: Variant[];
}

/** A problem in Targets/Variant, by path (`Targets/Target[2]`, `Variant[0]/TargetRefs`). */
export interface MultivariantIssue {
  path: string;
  detail: string;
}

const attribute = (node: SettingNode, name: string): string | undefined =>
  node.attributes.find(([key]) => key === name)?.[1];

/** The Targets and Variants of a document, with every structural problem found (nothing is thrown). */
export function readMultivariant(doc: Pick<CustomizationsDocument, 'multivariant'>): {
  multivariant: Multivariant;
  issues: MultivariantIssue[];
} {
  const targets: Target[] = [];
  const variants: Variant[] = [];
  const issues: MultivariantIssue[] = [];
  let variantIndex = 0;
  for (const part of doc.multivariant) {
    if (part.name === 'Targets') {
      part.children.forEach((target, t) => {
        const where = `Targets/Target[${t}]`;
        if (target.name !== 'Target') {
          issues.push({ path: `Targets/${target.name}`, detail: 'expected <Target> elements' });
          return;
        }
        const id = attribute(target, 'Id');
        if (!id) {
          issues.push({ path: where, detail: 'the Id attribute is missing' });
          return;
        }
        if (targets.some((known) => known.id === id)) {
          issues.push({ path: where, detail: `Target Id "${id}" appears twice` });
          return;
        }
        const states: TargetCondition[][] = [];
        for (const state of target.children) {
          if (state.name !== 'TargetState') {
            issues.push({ path: `${where}/${state.name}`, detail: 'expected <TargetState> elements' });
            continue;
          }
          const conditions: TargetCondition[] = [];
          for (const condition of state.children) {
            const name = attribute(condition, 'Name');
            const value = attribute(condition, 'Value');
            if (condition.name !== 'Condition' || !name || value === undefined) {
              issues.push({
                path: `${where}/TargetState/${condition.name}`,
                detail: 'expected <Condition Name="…" Value="…" />',
              });
              continue;
            }
            conditions.push({ name, value });
          }
          if (conditions.length === 0)
            issues.push({
              path: `${where}/TargetState`,
              detail: 'a TargetState needs at least one Condition',
            });
          else states.push(conditions);
        }
        if (states.length === 0)
          issues.push({ path: where, detail: `Target "${id}" needs at least one TargetState` });
        targets.push({ id, states });
      });
    } else if (part.name === 'Variant') {
      const index = variantIndex++;
      const where = `Variant[${index}]`;
      const refs = part.children.find((child) => child.name === 'TargetRefs');
      const settings = part.children.find((child) => child.name === 'Settings');
      for (const child of part.children) {
        if (child.name !== 'TargetRefs' && child.name !== 'Settings')
          issues.push({ path: `${where}/${child.name}`, detail: 'expected TargetRefs and Settings' });
      }
      const targetRefs: string[] = [];
      for (const ref of refs?.children ?? []) {
        const id = ref.name === 'TargetRef' ? attribute(ref, 'Id') : undefined;
        if (!id) issues.push({ path: `${where}/TargetRefs`, detail: 'expected <TargetRef Id="…" />' });
        else targetRefs.push(id);
      }
      if (targetRefs.length === 0)
        issues.push({ path: `${where}/TargetRefs`, detail: 'a Variant needs at least one TargetRef' });
      variants.push({ index, targetRefs, settings: settings?.children ?? [] });
    } else {
      issues.push({ path: part.name, detail: 'expected Common, Targets or Variant' });
    }
  }
  // Targets must be declared before a Variant can use them (Microsoft Learn); declared anywhere in the file
  // is what matters to the reader, so only unknown ids are reported.
  for (const variant of variants) {
    for (const id of variant.targetRefs) {
      if (!targets.some((target) => target.id === id))
        issues.push({ path: `Variant[${variant.index}]/TargetRefs`, detail: `no Target has Id "${id}"` });
    }
  }
  return { multivariant: { targets, variants }, issues };
}

/** Whether a document has any Variant (Targets alone change nothing that is compiled). */
export function hasVariants(doc: Pick<CustomizationsDocument, 'multivariant'>): boolean {
  return doc.multivariant.some((part) => part.name === 'Variant');
}

const element = (
  name: string,
  attributes: Array<[string, string]>,
  children: SettingNode[] = [],
): SettingNode => ({
  name,
  attributes,
  children,
});

/** Writes Targets/Variant back into the document's verbatim parts (Targets first, then the Variants). */
export function writeMultivariant(doc: CustomizationsDocument, multivariant: Multivariant): void {
  const parts: SettingNode[] = [];
  if (multivariant.targets.length > 0) {
    parts.push(
      element(
        'Targets',
        [],
        multivariant.targets.map((target) =>
          element(
            'Target',
            [['Id', target.id]],
            target.states.map((state) =>
              element(
                'TargetState',
                [],
                state.map((condition) =>
                  element('Condition', [
                    ['Name', condition.name],
                    ['Value', condition.value],
                  ]),
                ),
              ),
            ),
          ),
        ),
      ),
    );
  }
  for (const variant of multivariant.variants) {
    parts.push(
      element(
        'Variant',
        [],
        [
          element(
            'TargetRefs',
            [],
            variant.targetRefs.map((id) => element('TargetRef', [['Id', id]])),
          ),
          element('Settings', [], variant.settings),
        ],
      ),
    );
  }
  doc.multivariant = parts;
}
