import { DESKTOP_WIZARD_SCENARIO_ID } from '../../shared/xml/icdproj';

/**
 * The shape of every package the app builds — Build, Batch, and the project side of "changed since the last
 * build": WCD's store style, WindowsCommon + Desktop, and the desktop wizard's ScenarioId in NOTES
 * (docs/format/icd-package-properties.md §2, item 3). One owner, so the three paths give equal packages.
 */
export const WIZARD_PACKAGE_SHAPE = {
  style: 'store',
  targetSkus: 'WindowsCommon,Desktop',
  scenarioId: DESKTOP_WIZARD_SCENARIO_ID,
} as const;
