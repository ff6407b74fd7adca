import { getCatalogEntry } from '../catalog';
import { compileIssues, type CompileOptions } from '../compiler/compile';
import type { CustomizationsDocument } from '../model/customizations-document';
import type { SettingNode } from '../model/settings-tree';
import { formatFinding } from './messages';
import { sortFindings, validateDocument } from './validate';
import type { Severity, ValidationOptions } from './types';

/**
 * The one pipeline `validate` and `build` share, so that validate predicts build: the validation rules,
 * plus what only the compiler would otherwise find out (a setting it does not know, a value it cannot
 * compile), plus two checks neither did: a single-valued element given twice (which one wins is
 * undefined) and an empty enrollment secret (the device would fail to enroll).
 */

export interface ProjectCheck {
  severity: Severity;
  ruleId: string;
  /** Setting path the check is about. */
  path: string;
  /** English text; never holds a secret value. */
  message: string;
}

const ENROLLMENT_SECRET = 'Workplace/Enrollments/UPN/Secret';

function structuralChecks(doc: CustomizationsDocument): ProjectCheck[] {
  const out: ProjectCheck[] = [];
  const walk = (nodes: readonly SettingNode[], manifest: string, instance: string): void => {
    const seen = new Set<string>();
    for (const node of nodes) {
      const manifestPath = manifest ? `${manifest}/${node.name}` : node.name;
      const key = node.attributes[0]?.[1];
      const instancePath = `${instance ? `${instance}/` : ''}${node.name}${key !== undefined ? `[${key}]` : ''}`;
      const entry = getCatalogEntry(manifestPath);
      if (entry && entry.kind.kind !== 'item') {
        if (seen.has(node.name))
          out.push({
            severity: 'error',
            ruleId: 'setting.duplicate-element',
            path: instancePath,
            message: `${node.name} is given more than once; keep one`,
          });
        seen.add(node.name);
      }
      if (manifestPath === ENROLLMENT_SECRET && node.children.length === 0 && (node.text ?? '').trim() === '')
        out.push({
          severity: 'error',
          ruleId: 'enrollment.empty-secret',
          path: instancePath,
          message: 'the enrollment secret is empty; the device could not enroll',
        });
      walk(node.children, manifestPath, instancePath);
    }
  };
  walk(doc.common, '', '');
  return out;
}

/**
 * Every finding for a project about to be built (or validated): rules, structure, then a trial compile
 * with the same options the build uses. Errors first, in path order.
 */
export function checkProjectForBuild(
  doc: CustomizationsDocument,
  compile: CompileOptions,
  validation: ValidationOptions = {},
): ProjectCheck[] {
  const checks: ProjectCheck[] = sortFindings(validateDocument(doc, validation)).map((finding) => ({
    severity: finding.severity,
    ruleId: finding.ruleId,
    path: finding.path,
    message: formatFinding(finding, 'en'),
  }));
  checks.push(...structuralChecks(doc));
  // Everything the compiler cannot compile, each by path (compileIssues: the build's own check).
  for (const issue of compileIssues(doc, compile, true)) {
    if (!checks.some((check) => check.severity === 'error' && check.path === issue.settingPath))
      checks.push({ severity: 'error', ruleId: 'compile', path: issue.settingPath, message: issue.detail });
  }
  return checks.sort(
    (a, b) => Number(b.severity === 'error') - Number(a.severity === 'error') || a.path.localeCompare(b.path),
  );
}
