/**
 * The settings of a command (src/model/settings.ts), read once at its start: a bad
 * `KHABAR_*` value stops it with the settings' own message and exit status 2, not a stack.
 */
import { settings, SettingsError, type Settings } from '../../src/model/settings.ts';

export function commandSettings(): Settings {
  try {
    return settings();
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}
