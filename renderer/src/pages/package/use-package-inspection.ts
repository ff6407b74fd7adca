import { useEffect, useState } from 'react';
import type { PackageInspectionResult } from '../../../../shared/ipc/contract';
import { isPasswordFailure } from '../PackagePasswordPrompt';
import { errorMessage } from '../../../../shared/text/error-message';

export interface PackageInspectionState {
  inspection: PackageInspectionResult | null;
  error: string | null;
  /** The package is encrypted and no (right) password was given yet. */
  askPassword: boolean;
  /** A password was tried (so a new prompt means it was wrong). */
  triedPassword: boolean;
  /** The password that opened it, for other calls about this package (never stored). */
  password: string | null;
  submitPassword(password: string): void;
}

/**
 * Reads the package in main (package:inspect). An encrypted package (package-security) asks for its password
 * once; it goes to main with the call and is not kept after the page.
 */
export function usePackageInspection(path: string): PackageInspectionState {
  const [inspection, setInspection] = useState<PackageInspectionResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [password, setPassword] = useState<string | null>(null);
  const [askPassword, setAskPassword] = useState(false);

  useEffect(() => {
    let current = true;
    window.ppkg.package.inspect({ path, ...(password ? { password } : {}) }).then(
      (result) => current && setInspection(result),
      (failure: unknown) => {
        if (!current) return;
        const message = errorMessage(failure);
        if (isPasswordFailure(message)) setAskPassword(true);
        else setError(message);
      },
    );
    return () => {
      current = false;
    };
  }, [path, password]);

  return {
    inspection,
    error,
    askPassword: askPassword && !inspection,
    triedPassword: password !== null,
    password,
    submitPassword(entered) {
      setAskPassword(false);
      setPassword(entered);
    },
  };
}
