import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the extension manifest promises VS Code about untrusted workspaces. */
describe('manifest: untrusted workspaces', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));

  it('declares limited support, so the extension runs in restricted mode', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  });

  it('lets VS Code ignore a corpus database set by an untrusted workspace (a connection the user did not choose)', () => {
    assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('factCheck.corpus.database'));
    assert.ok(manifest.contributes.configuration.properties['factCheck.corpus.database'], 'the setting exists');
  });
});

describe('manifest: settings, commands and the walkthrough', () => {
  const root = join(__dirname, '..', '..');
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const properties = manifest.contributes.configuration.properties as Record<string, { default: unknown }>;

  it("gives every setting the server's default", async () => {
    const { DEFAULT_SETTINGS } = await import('../../server/src/shared/settings');
    const flat = (o: object, prefix: string): [string, unknown][] =>
      Object.entries(o).flatMap(([k, v]) =>
        v && typeof v === 'object' && !Array.isArray(v) ? flat(v as object, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]],
      );
    for (const [key, value] of flat(DEFAULT_SETTINGS, 'factCheck.')) {
      assert.ok(properties[key], `${key} is declared in package.json`);
      assert.deepEqual(properties[key].default, value, `${key} has the same default`);
    }
  });

  it('declares the settings exactly as their one definition says (npm run settings writes them)', async () => {
    const { configurationProperties } = await import('../../server/src/shared/settings');
    // Compared as text, so the order of settings and of their fields is the generated one too.
    assert.equal(JSON.stringify(properties, null, 2), JSON.stringify(configurationProperties(), null, 2));
  });

  it('checks numbers against the bounds VS Code is given', async () => {
    const { SETTINGS_SCHEMA, normaliseSettings, DEFAULT_SETTINGS } = await import('../../server/src/shared/settings');
    const max = SETTINGS_SCHEMA.typingPause.maximum!;
    const problems: string[] = [];
    assert.equal(normaliseSettings({ typingPause: max }, problems).typingPause, max);
    assert.equal(normaliseSettings({ typingPause: max + 1 }, problems).typingPause, DEFAULT_SETTINGS.typingPause);
    assert.equal(normaliseSettings({ corpus: { maxFiles: 2.5 } }, problems).corpus.maxFiles, DEFAULT_SETTINGS.corpus.maxFiles);
    assert.deepEqual(problems, [
      `factCheck.typingPause must be a whole number from 0 to ${max} (got ${max + 1})`,
      `factCheck.corpus.maxFiles must be a whole number from 1 to ${SETTINGS_SCHEMA['corpus.maxFiles'].maximum} (got 2.5)`,
    ]);
  });

  it('walks through steps whose commands exist and whose pages ship with the extension', () => {
    const commands = new Set((manifest.contributes.commands as { command: string }[]).map((c) => c.command));
    const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');
    const [walkthrough] = manifest.contributes.walkthroughs as { steps: { description: string; media: { markdown: string } }[] }[];
    assert.equal(walkthrough.steps.length, 3);
    for (const step of walkthrough.steps) {
      for (const [, command] of step.description.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(commands.has(command), `${command} is contributed`);
      assert.ok(readFileSync(join(root, step.media.markdown), 'utf8').startsWith('# '), `${step.media.markdown} exists`);
    }
    assert.match(ignore, /^!media\/\*\*$/m, 'the walkthrough pages are packaged');
    assert.match(ignore, /^!examples\/draft\.md$/m, 'the sample draft is packaged');
  });
});
