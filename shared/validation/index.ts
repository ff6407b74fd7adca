export { validateDocument, validateProject, sortFindings } from './validate';
export { formatFinding } from './messages';
export { VALIDATION_RULES, type RuleId } from './rules';
export type { Finding, Severity, ValidationOptions } from './types';
export { checkDeviceName, checkServiceUrl, checkSsid, checkUpn, checkWifiKey } from './formats';
