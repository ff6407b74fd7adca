/** A signing certificate that cannot be used (bad PFX, wrong password, no private key, unknown thumbprint). */
export class SigningError extends Error {
  override readonly name = 'SigningError';
}
