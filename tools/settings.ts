/**
 * `npm run settings`: writes package.json's `contributes.configuration.properties`
 * from the settings' one definition (`SETTINGS_SCHEMA` and `DEFAULT_SETTINGS` in
 * server/src/shared/settings.ts). `npm run settings -- --check` only says
 * whether package.json is up to date (exit 1 when not); a unit test checks the same.
 *
 * To add a setting: add it to `Settings`, `DEFAULT_SETTINGS`, `SettingKey`,
 * `SETTINGS_SCHEMA` and `normaliseSettings`, then run `npm run settings`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configurationProperties } from '../server/src/shared/settings';

const file = join(__dirname, '..', 'package.json');
const text = readFileSync(file, 'utf8');
const manifest = JSON.parse(text) as { contributes: { configuration: { properties: unknown } } };
manifest.contributes.configuration.properties = configurationProperties();
const next = JSON.stringify(manifest, null, 2) + '\n';
if (process.argv.includes('--check')) {
  if (next !== text) {
    console.error('package.json: contributes.configuration is not what npm run settings writes; run it');
    process.exitCode = 1;
  } else console.log('package.json: settings up to date');
} else if (next !== text) {
  writeFileSync(file, next);
  console.log('package.json: settings written');
} else console.log('package.json: settings up to date');
