import { makeStyles, tokens } from '@fluentui/react-components';

export const useUsbStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  grow: { flexGrow: 1 },
  driveLabel: { display: 'flex', flexDirection: 'column' },
  steps: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  hash: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
});
