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
