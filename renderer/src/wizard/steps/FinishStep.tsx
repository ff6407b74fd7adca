import { useState } from 'react';
import { useFinishStyles } from './finish-styles';
import { FinishBuild } from './FinishBuild';
import { FinishIssues } from './FinishIssues';
import { FinishPackageFields } from './FinishPackageFields';
import {
  FinishSecurity,
  initialSecurityChoice,
  type SecurityChoice,
  securityRequest,
} from './FinishSecurity';
import { FinishSummary } from './FinishSummary';

/**
 * The last wizard page, in sections of their own: the package's identity, a summary of every page, the issues
 * left, package security (its choice lives here: the build needs it) and the build.
 */
export function FinishStep() {
  const styles = useFinishStyles();
  const [security, setSecurity] = useState<SecurityChoice>(initialSecurityChoice);

  return (
    <div className={styles.layout}>
      <FinishPackageFields />
      <FinishSummary />
      <FinishIssues />
      <FinishSecurity choice={security} onChange={setSecurity} />
      <FinishBuild security={securityRequest(security)} />
    </div>
  );
}
