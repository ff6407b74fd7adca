import { Button, Caption1, makeStyles, Subtitle2, tokens, Tooltip } from '@fluentui/react-components';
import { SearchRegular } from '@fluentui/react-icons';
import { xml as xmlLanguage } from '@codemirror/lang-xml';
import { highlightSelectionMatches, openSearchPanel, search, searchKeymap } from '@codemirror/search';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { minimalSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import en from '../locales/en.json';

const useStyles = makeStyles({
  pane: { display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 },
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  titles: { display: 'flex', flexDirection: 'column', flexGrow: 1 },
  subtitle: { color: tokens.colorNeutralForeground3 },
  editor: {
    flexGrow: 1,
    minHeight: 0,
    overflow: 'hidden',
    '& .cm-editor': { height: '100%', fontSize: '12.5px' },
    '& .cm-scroller': { fontFamily: tokens.fontFamilyMonospace },
  },
});

const editorTheme = EditorView.theme({
  '&': { backgroundColor: tokens.colorNeutralBackground1 },
  '.cm-gutters': {
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground4,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  '&.cm-focused': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  // CodeMirror's search panel, restyled to match the Fluent controls around it.
  '.cm-panels': {
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
  },
  '.cm-panels.cm-panels-top': { borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  '.cm-panel.cm-search': {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} 36px ${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    fontSize: tokens.fontSizeBase200,
  },
  '.cm-panel.cm-search br': { display: 'none' },
  '.cm-textfield': {
    margin: 0,
    minWidth: '180px',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderBottomColor: tokens.colorNeutralStrokeAccessible,
    borderRadius: tokens.borderRadiusMedium,
    outline: 'none',
  },
  '.cm-textfield:focus': { borderBottom: `2px solid ${tokens.colorCompoundBrandStroke}` },
  '.cm-button': {
    margin: 0,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    backgroundImage: 'none',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    cursor: 'pointer',
  },
  '.cm-button:hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  '.cm-button:active': { backgroundImage: 'none', backgroundColor: tokens.colorNeutralBackground1Pressed },
  '.cm-panel.cm-search label': {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    margin: 0,
    fontSize: tokens.fontSizeBase200,
  },
  '.cm-panel.cm-search label input': { margin: 0, accentColor: tokens.colorBrandBackground },
  '.cm-panel.cm-search [name=close]': {
    top: '6px',
    right: '8px',
    fontSize: '18px',
    color: tokens.colorNeutralForeground3,
  },
  '.cm-searchMatch': {
    backgroundColor: tokens.colorPaletteYellowBackground2,
    outline: `1px solid ${tokens.colorPaletteYellowBorder2}`,
  },
  '.cm-searchMatch.cm-searchMatch-selected': { backgroundColor: tokens.colorPaletteYellowBorder1 },
});

/** CodeMirror's own UI texts (search panel), taken from the locale files like every other string. */
function editorPhrases(t: TFunction): Record<string, string> {
  const phrases: Record<string, string> = {};
  for (const phrase of Object.keys(en.codemirror)) {
    phrases[phrase] = t(`codemirror.${phrase as keyof typeof en.codemirror}`);
  }
  return phrases;
}

/** Read-only, highlighted, searchable view of an XML document (Ctrl+F or the search button). */
export function XmlPreview({
  xml,
  title,
  subtitle,
  testId = 'xml-preview',
}: {
  xml: string;
  /** Defaults to the customizations.xml titles. */
  title?: string;
  subtitle?: string;
  testId?: string;
}) {
  const styles = useStyles();
  const { t, i18n } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const phrases = useRef(new Compartment());
  const label = useRef(new Compartment());

  // Created once; later props and language changes are applied as transactions below.
  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: '',
        extensions: [
          minimalSetup,
          lineNumbers(),
          xmlLanguage(),
          EditorState.readOnly.of(true),
          EditorView.lineWrapping,
          search({ top: true }),
          highlightSelectionMatches(),
          keymap.of(searchKeymap),
          phrases.current.of([]),
          label.current.of([]),
          editorTheme,
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: xml } });
  }, [xml]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    editor.dispatch({
      effects: [
        phrases.current.reconfigure(EditorState.phrases.of(editorPhrases(t))),
        label.current.reconfigure(
          // A tab stop, so keyboard users can scroll the preview (axe: scrollable-region-focusable).
          EditorView.contentAttributes.of({ 'aria-label': t('preview.editorLabel'), tabindex: '0' }),
        ),
      ],
    });
  }, [t, i18n.resolvedLanguage]);

  return (
    <div className={styles.pane} data-testid={testId}>
      <div className={styles.toolbar}>
        <div className={styles.titles}>
          <Subtitle2 as="h2">{title ?? t('preview.title')}</Subtitle2>
          <Caption1 className={styles.subtitle}>{subtitle ?? t('preview.subtitle')}</Caption1>
        </div>
        <Tooltip content={t('preview.search')} relationship="label">
          <Button
            appearance="subtle"
            icon={<SearchRegular />}
            onClick={() => {
              if (view.current) openSearchPanel(view.current);
            }}
          />
        </Tooltip>
      </div>
      <div className={styles.editor} ref={host} />
    </div>
  );
}
