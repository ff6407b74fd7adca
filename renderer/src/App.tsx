import {
  FluentProvider,
  makeStaticStyles,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { useEffect } from 'react';
import type { LaunchFile, MenuCommand } from '../../shared/ipc/contract';
import { changeLanguage } from './i18n';
import { AdvancedEditorPage } from './pages/AdvancedEditorPage';
import { BatchPage } from './pages/batch/BatchPage';
import { OpenPackagePage } from './pages/OpenPackagePage';
import { AboutDialog } from './shell/AboutDialog';
import { AppHeader } from './shell/AppHeader';
import { ErrorBar } from './shell/ErrorBar';
import { StoreRestoreBar } from './shell/StoreRestoreBar';
import { useShellCommands, type ShellCommands } from './shell/useShellCommands';
import { StartPage } from './start/StartPage';
import { AppStateProvider, useAppDispatch, useAppState } from './state/store';
import { WizardFrame } from './wizard/WizardFrame';

// The shell fills the window; panes scroll inside it, never the page itself.
const useGlobalStyles = makeStaticStyles({
  'html, body, #root': { height: '100%', margin: 0 },
  // Sized here, not with a className: FluentProvider copies its className onto portal nodes (menus,
  // dialogs), and a full-height portal node would cover the app behind a dialog's backdrop.
  '#root > .fui-FluentProvider': { height: '100%' },
  body: { overflow: 'hidden' },
  // Fluent typography components render real headings; spacing comes from the layouts, not UA margins.
  'h1, h2, h3, h4, p': { margin: 0 },
});

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    height: '100%',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  content: { flexGrow: 1, minHeight: 0 },
});

function runMenuCommand(command: MenuCommand, commands: ShellCommands): void {
  switch (command.command) {
    case 'newProject':
      return commands.newProject();
    case 'openProject':
      return void commands.openProject();
    case 'openPackage':
      return void commands.openPackage();
    case 'about':
      return commands.showAbout();
    case 'setLanguage':
      return void changeLanguage(command.language);
  }
}

function Shell() {
  const styles = useStyles();
  const state = useAppState();
  const commands = useShellCommands();

  // The native application menu sends its commands as events from main.
  useEffect(
    () => window.ppkg.events.on('menu:command', (command) => runMenuCommand(command, commands)),
    [commands],
  );

  // A .ppkg the OS handed to main (command line, file association, second launch): main granted it.
  const dispatch = useAppDispatch();
  useEffect(() => {
    const show = (file: LaunchFile) =>
      dispatch({ type: 'showPage', page: { kind: 'package', path: file.path } });
    const unsubscribe = window.ppkg.events.on('app:openFile', show);
    void window.ppkg.app.takeLaunchFile().then(
      (file) => file && show(file),
      () => undefined,
    );
    return unsubscribe;
  }, [dispatch]);

  let page;
  switch (state.page.kind) {
    case 'start':
      page = <StartPage commands={commands} />;
      break;
    case 'wizard':
      page = state.project ? (
        <WizardFrame project={state.project} stepIndex={state.stepIndex} />
      ) : (
        <StartPage commands={commands} />
      );
      break;
    case 'advanced':
      page = state.document ? (
        <AdvancedEditorPage document={state.document} />
      ) : (
        <StartPage commands={commands} />
      );
      break;
    case 'package':
      page = <OpenPackagePage key={state.page.path} path={state.page.path} onBack={commands.goHome} />;
      break;
    case 'batch':
      page = state.document ? (
        <BatchPage document={state.document.customizations} />
      ) : (
        <StartPage commands={commands} />
      );
      break;
  }

  return (
    <div className={styles.root}>
      <AppHeader commands={commands} />
      <ErrorBar />
      <StoreRestoreBar />
      <main className={styles.content}>{page}</main>
      <AboutDialog />
    </div>
  );
}

export function App() {
  useGlobalStyles();
  return (
    <FluentProvider theme={webLightTheme}>
      <AppStateProvider>
        <Shell />
      </AppStateProvider>
    </FluentProvider>
  );
}
