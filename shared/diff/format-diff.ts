import { escapeControlCharacters } from '../text/visible-text';
import type { Change, PackageDiff } from './package-diff';

/** The diff as terminal text (`ppkg-studio diff`): sections, `-`/`+`/`~` marks, no secret value ever. */

const MARK: Record<Change | 'renumbered', string> = {
  added: '+',
  removed: '-',
  changed: '~',
  renumbered: '>',
};
const short = (sha256: string | null | undefined) => (sha256 ? sha256.slice(0, 12) : 'not found');

export function formatDiff(diff: PackageDiff): string {
  const lines: string[] = [
    `--- a: ${diff.a.label} (${diff.a.kind})`,
    `+++ b: ${diff.b.label} (${diff.b.kind})`,
    '',
  ];
  if (diff.equal) lines.push('No differences: same properties, settings, files, assets and provxml.', '');

  if (diff.properties.length > 0) {
    lines.push(`Package properties (${diff.properties.length} changed):`);
    for (const property of diff.properties)
      lines.push(`  ~ ${property.name}: ${JSON.stringify(property.a)} → ${JSON.stringify(property.b)}`);
    lines.push('');
  }
  if (diff.settings.length > 0) {
    const count = (change: Change) => diff.settings.filter((setting) => setting.change === change).length;
    lines.push(
      `Settings (${count('added')} added, ${count('removed')} removed, ${count('changed')} changed):`,
    );
    for (const setting of diff.settings) {
      const head = `  ${MARK[setting.change]} ${setting.path}`;
      if (setting.secret) lines.push(`${head}  (secret: ${setting.change}, value not shown)`);
      else if (setting.change === 'changed')
        lines.push(`${head}: ${JSON.stringify(setting.a)} → ${JSON.stringify(setting.b)}`);
      else lines.push(`${head} = ${JSON.stringify(setting.change === 'added' ? setting.b : setting.a)}`);
    }
    lines.push('');
  }
  if (diff.assets.length > 0) {
    lines.push(`Assets (${diff.assets.length}, by SHA-256):`);
    for (const asset of diff.assets) {
      const hashes =
        asset.change === 'changed'
          ? `${short(asset.a)} → ${short(asset.b)}`
          : short(asset.change === 'added' ? asset.b : asset.a);
      lines.push(`  ${MARK[asset.change]} ${asset.settingPath} (${asset.fileName}) ${hashes}`);
    }
    lines.push('');
  }
  if (diff.files.length > 0) {
    lines.push(`Files (${diff.files.length}, by SHA-256):`);
    for (const file of diff.files) {
      const detail =
        file.change === 'renumbered'
          ? `renumbered from ${file.previousPath ?? '?'}, same content`
          : file.change === 'changed'
            ? `${file.a!.size} → ${file.b!.size} bytes, ${short(file.a!.sha256)} → ${short(file.b!.sha256)}`
            : `${(file.a ?? file.b)!.size} bytes, ${short((file.a ?? file.b)!.sha256)}`;
      const renamed = file.change === 'changed' && file.previousPath ? ` (was ${file.previousPath})` : '';
      lines.push(`  ${MARK[file.change]} ${file.path}  ${detail}${renamed}`);
    }
    lines.push('');
  }
  if (diff.provxml.length > 0) {
    lines.push(`Compiled provxml (${diff.provxml.length} file(s)):`);
    for (const file of diff.provxml) {
      lines.push(
        file.change === 'added' ? '--- /dev/null' : `--- a/${file.previousPath ?? file.path}`,
        file.change === 'removed' ? '+++ /dev/null' : `+++ b/${file.path}`,
      );
      for (const hunk of file.hunks) {
        lines.push(
          `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`,
          ...hunk.lines,
        );
      }
    }
    lines.push('');
  }
  for (const warning of diff.warnings) lines.push(`warning: ${warning}`);
  if (diff.warnings.length > 0) lines.push('');
  // Names and values come from packages: control characters and terminal escapes are shown, not obeyed.
  return lines.map(escapeControlCharacters).join('\n');
}
