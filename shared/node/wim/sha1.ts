import { createHash } from 'node:crypto';
import type { Sha1Hasher } from '../../wim/reader';

export function createSha1(): Sha1Hasher {
  const hash = createHash('sha1');
  return {
    update(bytes) {
      hash.update(bytes);
    },
    digest() {
      return new Uint8Array(hash.digest());
    },
  };
}

export function sha1Of(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha1').update(bytes).digest());
}
