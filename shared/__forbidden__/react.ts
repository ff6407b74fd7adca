// This file exists only to fail the type check: react is mapped here by tsconfig "paths",
// because shared/ must not import it (the product's process boundaries).
const forbiddenImport: 'react cannot be imported from shared/' = 'see the tsconfig paths mapping';
export default forbiddenImport;
