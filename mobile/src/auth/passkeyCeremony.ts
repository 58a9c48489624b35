import * as Passkeys from 'react-native-passkeys';

/**
 * The two WebAuthn ceremonies through react-native-passkeys (iOS/Android native APIs, and
 * navigator.credentials on web). Both take the server's options JSON and return the credential
 * JSON the server verifies; null when the user dismissed the prompt.
 */
export async function assertPasskey(optionsJson: string): Promise<string | null> {
  const options = JSON.parse(optionsJson) as Parameters<typeof Passkeys.get>[0];
  const result = await Passkeys.get(options);
  return result ? JSON.stringify(result) : null;
}

export async function createPasskey(optionsJson: string): Promise<string | null> {
  const options = JSON.parse(optionsJson) as Parameters<typeof Passkeys.create>[0];
  const result = await Passkeys.create(options);
  return result ? JSON.stringify(result) : null;
}

export function passkeysSupported(): boolean {
  try {
    return Passkeys.isSupported();
  } catch {
    return false;
  }
}
