/**
 * Real packages built with a settings store other than the built-in one (the 2024 Desktop store), where the
 * compiler follows its store and so cannot reproduce the package (store drift). Each entry says what differs;
 * tests/oracle/compile-fidelity.test.ts checks the exact messages.
 */
export const STORE_DRIFT_PACKAGES: Readonly<Record<string, string>> = {
  // Policies/Start/HideRecommendedSection appeared after the 2024 store.
  'avd-08ae4b38-Win11-HideRecommendedSection.ppkg':
    'Policies/Start/HideRecommendedSection is newer than the store',
  'avd-92984aa6-Start-HideRecommendedSection.ppkg':
    'Policies/Start/HideRecommendedSection is newer than the store',
  // Policies/Search/DisableSearch is Bool in the 2024 store, an int enum (Yes → 1, integer) in the 2025 one.
  'avd-f05b960e-DisableSearch.ppkg': 'Policies/Search/DisableSearch changed from Bool to an int enum',
  'avd-head-HideStartMenuElements.ppkg': 'both of the above',
};
