/**
 * Expo config plugin for the iOS widgets (kept for when the app is built on a Mac; NOT run or
 * built here — see docs/widgets.md "iOS").
 *
 * What it does at `expo prebuild --platform ios`:
 * 1. adds the App Group `group.<bundle id>` to the app's entitlements, so the app can hand the
 *    widget token, API URL and snapshots to the extension;
 * 2. copies ios/widgets/*.swift into ios/CryptoOrchestratorWidgets/ of the generated project.
 * What it does not do: create the Xcode widget-extension target (add it in Xcode, or with a
 * target plugin such as @bacons/apple-targets pointing at those files), give the extension
 * the same App Group, or write to the App Group from JavaScript (needs a small native module).
 *
 * app.json: "plugins": [..., "../ios/plugin/withIosWidgets.js"]
 */
const fs = require('fs');
const path = require('path');
const { withDangerousMod, withEntitlementsPlist } = require('expo/config-plugins');

const TARGET_DIR = 'CryptoOrchestratorWidgets';

function appGroup(config) {
  return `group.${config.ios?.bundleIdentifier ?? 'dev.cryptoorchestrator.app'}`;
}

function withAppGroup(config) {
  return withEntitlementsPlist(config, (mod) => {
    const key = 'com.apple.security.application-groups';
    const groups = new Set(mod.modResults[key] ?? []);
    groups.add(appGroup(mod));
    mod.modResults[key] = [...groups];
    return mod;
  });
}

function withWidgetSources(config) {
  return withDangerousMod(config, [
    'ios',
    async (mod) => {
      const source = path.resolve(__dirname, '..', 'widgets');
      const target = path.join(mod.modRequest.platformProjectRoot, TARGET_DIR);
      fs.mkdirSync(target, { recursive: true });
      for (const file of fs.readdirSync(source).filter((name) => name.endsWith('.swift'))) {
        fs.copyFileSync(path.join(source, file), path.join(target, file));
      }
      return mod;
    },
  ]);
}

module.exports = function withIosWidgets(config) {
  return withWidgetSources(withAppGroup(config));
};
