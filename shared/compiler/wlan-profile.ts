import { CompileError } from './errors';
import { escapeText } from '../xml/xml-escape';

export interface WlanSettings {
  ssid: string;
  /** WLANXmlSettings/SecurityType as written: `Open`, `WEP` or `WPA2-Personal` (compared upper-case). */
  securityType: string;
  securityKey?: string;
  /** Default True. */
  autoConnect?: boolean;
  /** Default False. */
  hiddenNetwork?: boolean;
}

/**
 * The profile WCD generates for a `WLANSetting/WLANConfig` item (docs/format/compile-rules.md §3.3): one line, no XML
 * declaration. WPA2-Personal is OBSERVED (odmad); the WEP and Open variants are DERIVED from ICD's WLAN
 * classes. `settingPath` names the item in errors.
 */
export function generateWlanProfile(settings: WlanSettings, settingPath: string): string {
  const name = escapeText(settings.ssid);
  let security: string;
  const type = settings.securityType.toUpperCase();
  if (type === 'OPEN') {
    security =
      '<authEncryption><authentication>open</authentication><encryption>none</encryption></authEncryption>';
  } else if (type === 'WEP' || type === 'WPA2-PERSONAL') {
    if (settings.securityKey === undefined || settings.securityKey === '') {
      throw new CompileError(
        `${settingPath}/WLANXmlSettings/SecurityKey`,
        `a security key is required for ${settings.securityType}`,
      );
    }
    const [authentication, encryption, keyType] =
      type === 'WEP' ? ['open', 'WEP', 'networkKey'] : ['WPA2PSK', 'AES', 'passPhrase'];
    security =
      `<authEncryption><authentication>${authentication}</authentication><encryption>${encryption}</encryption></authEncryption>` +
      `<sharedKey><keyType>${keyType}</keyType><protected>false</protected><keyMaterial>${escapeText(settings.securityKey)}</keyMaterial></sharedKey>`;
  } else {
    throw new CompileError(
      `${settingPath}/WLANXmlSettings/SecurityType`,
      `"${settings.securityType}" is not one of Open, WEP, WPA2-Personal`,
    );
  }
  const nonBroadcast = settings.hiddenNetwork === true ? 'true' : 'false';
  const connectionMode = settings.autoConnect === false ? 'manual' : 'auto';
  return (
    '<WLANProfile xmlns="http://www.microsoft.com/networking/WLAN/profile/v1">' +
    `<name>${name}</name><SSIDConfig><SSID><name>${name}</name></SSID><nonBroadcast>${nonBroadcast}</nonBroadcast></SSIDConfig>` +
    `<connectionType>ESS</connectionType><connectionMode>${connectionMode}</connectionMode>` +
    `<MSM><security>${security}</security></MSM></WLANProfile>`
  );
}

/**
 * An XML asset on one line without its declaration, as Serialization 1 (WlanXml) and 5 (AssetXml) inline
 * it (docs/format/compile-rules.md §2.7). The exact re-serialisation .NET does is INFERRED: declaration, comments and
 * whitespace-only text between tags are dropped, everything else is kept as written.
 */
export function xmlOnOneLine(xml: string): string {
  return xml
    .replace(/^\uFEFF/, '')
    .replace(/<\?xml[^?]*\?>/, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/>\s+</g, '><')
    .trim();
}

/** The SSID a WLAN profile file configures: `WLANProfile/SSIDConfig/SSID/name` (docs/format/compile-rules.md §2.7). */
export function ssidOfWlanProfile(xml: string, settingPath: string): string {
  const match = /<SSIDConfig\b[^>]*>[\s\S]*?<SSID\b[^>]*>[\s\S]*?<name\b[^>]*>([^<]*)<\/name>/.exec(xml);
  if (!match) throw new CompileError(settingPath, 'the WLAN profile has no WLANProfile/SSIDConfig/SSID/name');
  return match[1]!
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
