import { sha256 } from '../compiler/sha256';
import { RegistryHive } from '../regf';
import type { GeneratedCatalog, StoreFactNode, StoreInput } from './store-facts';
import { readStoreFacts } from './store-reader';

/**
 * The catalog generator's core: the Desktop store's nodes, each marked `common` when the Common store also has
 * it, with both inputs' SHA-256. Pure (bytes in, JSON out) so the CLI script and the regeneration test share it.
 */
export interface StoreFile {
  /** File name only (no directory), recorded in the output. */
  file: string;
  bytes: Uint8Array;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function generateCatalog(desktop: StoreFile, common?: StoreFile): GeneratedCatalog {
  const inputs: StoreInput[] = [
    { edition: 'desktop', file: desktop.file, sha256: hex(sha256(desktop.bytes)) },
  ];
  const nodes = readStoreFacts(RegistryHive.open(desktop.bytes), 'desktop');
  if (common) {
    inputs.push({ edition: 'common', file: common.file, sha256: hex(sha256(common.bytes)) });
    const commonPaths = new Set(
      readStoreFacts(RegistryHive.open(common.bytes), 'common').map((node) => node.path),
    );
    for (const node of nodes) if (commonPaths.has(node.path)) node.editions = ['common', 'desktop'];
  }
  return { format: 1, inputs, nodes };
}

/** Stable text form: one node per line, so a store update reviews as a readable diff. */
export function serializeCatalog(catalog: GeneratedCatalog): string {
  const lines = catalog.nodes.map((node: StoreFactNode) => `    ${JSON.stringify(node)}`);
  return [
    '{',
    `  "format": ${catalog.format},`,
    `  "inputs": ${JSON.stringify(catalog.inputs)},`,
    '  "nodes": [',
    lines.join(',\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
}
