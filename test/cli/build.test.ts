/**
 * The build script: refuses what it does not understand, and --watch rebuilds
 * (issue 14: it used to accept --watch and do nothing).
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const BUILD = path.join(ROOT, 'tools', 'build.mjs');

describe('tools/build.mjs', function () {
  this.timeout(60000);

  it('rejects an unknown option with a one-line reason and exit code 2', () => {
    const r = spawnSync(process.execPath, [BUILD, '--wacth'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^build: unknown option --wacth \(use --watch, --production, --bench\)\n$/);
  });

  it('--watch builds, then keeps watching until stopped', async () => {
    const child = spawn(process.execPath, [BUILD, '--watch'], { cwd: ROOT });
    let out = '';
    const watching = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "watching" line within 30 s: ${out}`)), 30000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('build: watching for changes')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    try {
      await watching;
      assert.equal(child.exitCode, null, 'still running');
    } finally {
      child.kill();
    }
  });
});
