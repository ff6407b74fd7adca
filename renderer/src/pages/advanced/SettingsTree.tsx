import { Caption1, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronRightRegular } from '@fluentui/react-icons';
import { type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogEntry } from '../../../../shared/catalog/types';
import type { TreeRow } from './tree-model';

/** Every row has the same height, so the window of rows to render follows from the scroll offset alone. */
export const ROW_HEIGHT = 28;
/** Rows rendered above and below the viewport, so fast scrolling does not show blank space. */
const OVERSCAN = 12;

const useStyles = makeStyles({
  scroll: { overflowY: 'auto', minHeight: 0, flexGrow: 1, position: 'relative' },
  row: {
    position: 'absolute',
    insetInlineStart: 0,
    insetInlineEnd: 0,
    height: `${ROW_HEIGHT}px`,
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    cursor: 'pointer',
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase300,
    whiteSpace: 'nowrap',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  group: { fontWeight: tokens.fontWeightSemibold },
  selected: { backgroundColor: tokens.colorBrandBackground2 },
  chevron: { flexShrink: 0, width: '16px', display: 'inline-flex' },
  label: { overflow: 'hidden', textOverflow: 'ellipsis' },
  marker: { color: tokens.colorNeutralForeground3, flexShrink: 0 },
  empty: { padding: tokens.spacingHorizontalS },
});

/**
 * The settings tree, virtualised: only the rows in view (plus a margin) are in the DOM, so the ~2,000-node
 * store tree scrolls and filters without lag. Hand-written because the rows have one fixed height, which makes
 * windowing a few lines of arithmetic.
 */
export function SettingsTree({
  rows,
  selectedPath,
  labelOf,
  onSelect,
  onToggle,
}: {
  rows: readonly TreeRow[];
  selectedPath: string | null;
  labelOf: (entry: CatalogEntry) => string;
  onSelect: (entry: CatalogEntry) => void;
  onToggle: (entry: CatalogEntry, expand: boolean) => void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setViewport(element.clientHeight || 600);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Bring the selected setting into view when it is chosen from elsewhere (search, selected list).
  useEffect(() => {
    const element = scroller.current;
    const index = rows.findIndex((row) => row.entry.path === selectedPath);
    if (!element || index === -1) return;
    const top = index * ROW_HEIGHT;
    if (top < element.scrollTop || top + ROW_HEIGHT > element.scrollTop + element.clientHeight) {
      element.scrollTop = Math.max(0, top - element.clientHeight / 2);
      setScrollTop(element.scrollTop);
    }
  }, [rows, selectedPath]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, row: TreeRow) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(row.entry);
    } else if (event.key === 'ArrowRight' && row.hasChildren && !row.expanded) {
      event.preventDefault();
      onToggle(row.entry, true);
    } else if (event.key === 'ArrowLeft' && row.expanded) {
      event.preventDefault();
      onToggle(row.entry, false);
    }
  };

  return (
    <div
      ref={scroller}
      className={styles.scroll}
      role="tree"
      aria-label={t('pages.advanced.available')}
      data-testid="settings-tree"
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      {rows.length === 0 && <Caption1 className={styles.empty}>{t('pages.advanced.noMatches')}</Caption1>}
      <div style={{ height: `${rows.length * ROW_HEIGHT}px`, position: 'relative' }}>
        {rows.slice(first, last).map((row, offset) => {
          const { entry } = row;
          const selected = entry.path === selectedPath;
          return (
            <div
              key={entry.path}
              role="treeitem"
              tabIndex={selected || (selectedPath === null && first + offset === 0) ? 0 : -1}
              aria-level={row.depth + 1}
              aria-selected={selected}
              aria-expanded={row.hasChildren ? row.expanded : undefined}
              data-path={entry.path}
              className={mergeClasses(
                styles.row,
                row.hasChildren && styles.group,
                selected && styles.selected,
              )}
              style={{
                top: `${(first + offset) * ROW_HEIGHT}px`,
                paddingInlineStart: `${4 + row.depth * 16}px`,
              }}
              onClick={() => {
                onSelect(entry);
                if (row.hasChildren && !row.expanded) onToggle(entry, true);
              }}
              onKeyDown={(event) => onKeyDown(event, row)}
              title={`${labelOf(entry)} (${entry.path})`}
            >
              <span
                className={styles.chevron}
                aria-hidden="true"
                onClick={(event) => {
                  if (!row.hasChildren) return;
                  event.stopPropagation();
                  onToggle(entry, !row.expanded);
                }}
              >
                {row.hasChildren ? row.expanded ? <ChevronDownRegular /> : <ChevronRightRegular /> : null}
              </span>
              {/* Element names, as WCD's tree shows them (and in the order they sort); labels are the tooltip. */}
              <span className={styles.label}>{entry.name}</span>
              {entry.hidden && (
                <Caption1 className={styles.marker}>{t('pages.advanced.hiddenMarker')}</Caption1>
              )}
              {entry.facts?.source === 'user-store' && (
                <Caption1 className={styles.marker}>{t('pages.advanced.fromStoreMarker')}</Caption1>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
