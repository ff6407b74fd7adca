import { Button } from '@fluentui/react-components';
import { DocumentRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { AssetKind } from '../../../shared/ipc/contract';
import type { SettingNode } from '../../../shared/model/settings-tree';
import { useShowError } from '../state/store';
import { withPickedFile } from '../state/wizard-ui';
import { useEditDocument, useUpdateWizardUi, useWizardUi } from './use-wizard';

/** Which open dialog fits the setting that names the file. */
function assetKindFor(settingPath: string): AssetKind {
  if (/ClientCertificate/i.test(settingPath)) return 'pfx';
  if (/Certificate/i.test(settingPath)) return 'certificate';
  if (/CommandFile/i.test(settingPath)) return 'installer';
  return 'dependency';
}

function replacePath(nodes: SettingNode[], from: string, to: string): void {
  for (const node of nodes) {
    if (node.children.length === 0 && node.text === from) node.text = to;
    replacePath(node.children, from, to);
  }
}

/**
 * "Choose file…" for a file a reopened project names but this session has not chosen: the pick replaces the
 * recorded path everywhere in the document and becomes readable for the build.
 */
export function RepickButton({ recordedPath, settingPath }: { recordedPath: string; settingPath: string }) {
  const { t } = useTranslation();
  const edit = useEditDocument();
  const ui = useWizardUi();
  const updateUi = useUpdateWizardUi();
  const showError = useShowError();
  const kind = assetKindFor(settingPath);

  const choose = async () => {
    try {
      const picked = await window.ppkg.dialog.openAsset({ kind });
      if (!picked) return;
      const files = withPickedFile(ui.files, picked);
      if (kind === 'certificate') {
        const inspection = await window.ppkg.cert.inspect({ path: picked.path });
        updateUi({
          files,
          ...(inspection.ok ? { certificates: { ...ui.certificates, [picked.path]: inspection } } : {}),
        });
      } else updateUi({ files });
      edit((draft) => replacePath(draft.common, recordedPath, picked.path));
    } catch (error) {
      showError(error);
    }
  };

  return (
    <Button size="small" icon={<DocumentRegular />} onClick={() => void choose()} data-testid="repick">
      {t('wizard.issues.choose')}
    </Button>
  );
}
