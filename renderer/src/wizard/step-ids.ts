/** The wizard's steps in order. The UI for each lives in ./steps; add an id here, then its page there. */
export const wizardStepIds = [
  'device',
  'network',
  'accounts',
  'applications',
  'certificates',
  'enrollment',
  'finish',
] as const;

export type WizardStepId = (typeof wizardStepIds)[number];
