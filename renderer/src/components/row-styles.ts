import { makeStyles, tokens } from '@fluentui/react-components';

/** A list row with a badge, a monospace path and a value at the end (diff and sandbox report rows). */
export const useBadgeRowStyles = makeStyles({
  row: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'baseline',
    padding: `${tokens.spacingVerticalXXS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  badge: { flexShrink: 0, whiteSpace: 'nowrap' },
  path: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    wordBreak: 'break-all',
    flexGrow: 1,
    minWidth: 0,
  },
  value: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    wordBreak: 'break-all',
    maxWidth: '45%',
    textAlign: 'end',
  },
});
