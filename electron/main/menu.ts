import { Menu, type MenuItemConstructorOptions } from 'electron';
import { supportedLanguages, type Language, type MenuCommand } from '../../shared/ipc/contract';
import { mainStrings } from './strings';

/** The application menu in the current UI language; every command goes to the renderer as an event. */
export function buildApplicationMenu(
  language: Language,
  send: (command: MenuCommand) => void,
  options: { isDevelopment: boolean },
): Menu {
  const strings = mainStrings(language).menu;
  const languageNames = mainStrings(language).languageName;
  const view: MenuItemConstructorOptions[] = [
    {
      label: strings.language,
      submenu: supportedLanguages.map((code) => ({
        label: languageNames[code],
        type: 'radio' as const,
        checked: code === language,
        click: () => send({ command: 'setLanguage', language: code }),
      })),
    },
  ];
  if (options.isDevelopment) {
    view.push({ type: 'separator' }, { role: 'reload', label: strings.reload });
    view.push({ role: 'toggleDevTools', label: strings.toggleDevTools });
  }
  const template: MenuItemConstructorOptions[] = [
    {
      label: strings.file,
      submenu: [
        {
          label: strings.newProject,
          accelerator: 'CmdOrCtrl+N',
          click: () => send({ command: 'newProject' }),
        },
        {
          label: strings.openProject,
          accelerator: 'CmdOrCtrl+O',
          click: () => send({ command: 'openProject' }),
        },
        {
          label: strings.openPackage,
          accelerator: 'CmdOrCtrl+Shift+O',
          click: () => send({ command: 'openPackage' }),
        },
        { type: 'separator' },
        { role: 'quit', label: strings.quit },
      ],
    },
    { label: strings.view, submenu: view },
    { label: strings.help, submenu: [{ label: strings.about, click: () => send({ command: 'about' }) }] },
  ];
  return Menu.buildFromTemplate(template);
}
