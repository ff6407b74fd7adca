/** The product version, written into package NOTES and the CLI's --version. Keep in step with package.json. */
export const APP_VERSION = '0.1.0';
export const APP_NAME = 'PPKG Studio';
