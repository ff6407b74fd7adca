import { describe, expect, it } from 'vitest';
import { isSecretSetting } from '../../shared/catalog';
import { createWcdProject } from '../../shared/model/project';
import { getSetting, redactSecrets, setSetting } from '../../shared/model/settings-edit';

describe('product keys are secrets (issue #10 item 12)', () => {
  it('are masked in a saved project like passwords', () => {
    expect(isSecretSetting('EditionUpgrade/UpgradeEditionWithProductKey')).toBe(true);
    expect(isSecretSetting('EditionUpgrade/ChangeProductKey')).toBe(true);
    const doc = createWcdProject({
      name: 'K',
      id: '{0f9c3d8e-8a55-4d63-9a54-2f0c7e1b6a11}',
      wizard: true,
    }).customizations;
    setSetting(doc, 'EditionUpgrade/UpgradeEditionWithProductKey', 'NPPR9-FWDCX-D2C8J-H872K-2YT43');
    const redacted = redactSecrets(doc);
    expect(getSetting(redacted, 'EditionUpgrade/UpgradeEditionWithProductKey')).toBe('********');
    expect(JSON.stringify(redacted)).not.toContain('NPPR9');
  });
});
