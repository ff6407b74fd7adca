import {
  Menu,
  MenuButton,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  MenuTrigger,
  type MenuProps,
} from '@fluentui/react-components';
import { GlobeRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { supportedLanguages } from '../../../shared/ipc/contract';
import { changeLanguage, currentLanguage, isLanguage } from '../i18n';

/** Header dropdown to switch the UI language; the choice persists and the native menu follows. */
export function LanguageMenu() {
  const { t } = useTranslation();
  const language = currentLanguage();

  const onChange: MenuProps['onCheckedValueChange'] = (_event, { checkedItems }) => {
    const picked = checkedItems[0];
    if (isLanguage(picked)) void changeLanguage(picked);
  };

  return (
    <Menu checkedValues={{ language: [language] }} onCheckedValueChange={onChange}>
      <MenuTrigger disableButtonEnhancement>
        <MenuButton
          appearance="subtle"
          icon={<GlobeRegular />}
          aria-label={`${t('header.language')}: ${t(`language.${language}`)}`}
        >
          {t(`language.${language}`)}
        </MenuButton>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {supportedLanguages.map((code) => (
            <MenuItemRadio key={code} name="language" value={code} lang={code}>
              {t(`language.${code}`)}
            </MenuItemRadio>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
