// This file exists only to fail the type check: react is mapped here by tsconfig "paths",
// because shared/node/ must not import it (the product's process boundaries).
const forbiddenImport: 'react cannot be imported from shared/node/' = 'see the tsconfig paths mapping';
export default forbiddenImport;
