import { makeStyles, tokens } from '@fluentui/react-components';

/** The Open package page's layout, shared by its sections. */
export const usePackagePageStyles = makeStyles({
  page: {
    height: '100%',
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)',
    gridTemplateRows: 'auto minmax(0, 1fr)',
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingHorizontalM,
    boxSizing: 'border-box',
  },
  header: { gridColumn: '1 / -1', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  headerRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  grow: { flexGrow: 1 },
  details: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, wordBreak: 'break-all' },
  pane: { display: 'flex', flexDirection: 'column', minHeight: 0, overflow: 'hidden' },
  scroll: { overflowY: 'auto', minHeight: 0 },
  row: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    padding: `${tokens.spacingVerticalXXS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
  heading: { display: 'block' },
  section: { display: 'block', marginTop: tokens.spacingVerticalL },
  hint: {
    display: 'block',
    color: tokens.colorNeutralForeground3,
    margin: `${tokens.spacingVerticalXXS} 0 ${tokens.spacingVerticalS}`,
  },
  differences: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingInlineStart: tokens.spacingHorizontalL },
  value2: { display: 'block', fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  size: { marginInlineStart: 'auto', color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
  comparison: {
    gridColumn: '1 / -1',
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    overflow: 'hidden',
  },
});
