export { RegfFormatError } from './errors';
export type { RegfStructure } from './errors';
export { RegistryHive, RegistryKey, RegistryValue } from './hive';
export type { HiveLimits } from './hive';
export * from './value-data';
