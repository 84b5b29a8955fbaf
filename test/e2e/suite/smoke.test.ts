// Proves the harness: this runs inside VS Code's extension host with the real API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, test } from 'mocha';

suite('harness', () => {
  test('runs inside VS Code with the vscode API', () => {
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
    assert.ok(vscode.workspace.workspaceFolders?.length, 'a workspace folder is open');
  });
});
