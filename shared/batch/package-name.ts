/** Why a PackageName cannot be a file name; undefined when it can. */
export function checkPackageFileName(name: string): string | undefined {
  if (name === '') return 'is empty';
  if (name.length > 200) return 'is longer than 200 characters';
  // Windows forbids these in file names; `/` and `\` would also leave the output folder.
  const forbidden = [...name].find((character) => character < ' ' || '<>:"/\\|?*'.includes(character));
  if (forbidden) {
    const shown =
      forbidden < ' '
        ? `U+${forbidden.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`
        : forbidden;
    return `contains "${shown}", which a file name cannot hold`;
  }
  if (/[. ]$/.test(name)) return 'ends with a dot or a space, which Windows drops from file names';
  if (/^\s/.test(name)) return 'starts with a space';
  // Reserved device names, with or without an extension (CON.ppkg opens the console on Windows).
  if (/^(CON|PRN|AUX|NUL|COM[1-9¹²³]|LPT[1-9¹²³])(\..*)?$/i.test(name))
    return 'is a name Windows reserves for a device';
  return undefined;
}

/** The package name from a cell: trimmed, and a `.ppkg` the user typed is not doubled. */
export function normalisePackageName(cell: string): string {
  return cell.trim().replace(/\.ppkg$/i, '');
}
