// Unit tests of the Mirrors panel's model (webroot/mirrorview.js), run by node's own test runner:
// `node --test mirrorview.test.mjs`. No browser needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupMirrors, mirrorView, recoverEffect, verifyVerdict, failures, formatBytes }
  from '../src/main/resources/webroot/mirrorview.js';

const entry = (server, o) => ({ name: 'md1', group: 'g1', server, mode: 'sync', state: 'up-to-date', upToDate: true,
  role: server === 'node1' ? 'primary' : 'secondary', diskState: 'up-to-date', peerState: 'streaming',
  syncPercent: 100, dirtyBytes: 0, lagBytes: 0, splitBrain: false, paused: false, ...o });

test('two streaming copies are up to date with the link up', () => {
  const v = mirrorView('md1', [entry('node1'), entry('node2')]);
  assert.equal(v.state, 'up-to-date');
  assert.deepEqual([v.link.state, v.link.tone, v.link.label], ['up', 'ok', 'streaming']);
  assert.equal(v.progress, null);
  assert.deepEqual(v.servers, ['node1', 'node2']);
  assert.equal(v.lagBytes, null, 'sync mode has no lag line');
});

test('a paused copy pauses the mirror and takes the link down, whatever the other copy reports', () => {
  const v = mirrorView('md1', [entry('node1', { state: 'paused', upToDate: false, peerState: 'paused', paused: true }),
    entry('node2', { state: 'disconnected', upToDate: false, peerState: 'disconnected' })]);
  assert.equal(v.state, 'paused');
  assert.deepEqual([v.link.state, v.link.peerState, v.link.tone], ['down', 'paused', 'warn']);
  assert.equal(v.paused, true);
  assert.equal(v.allPaused, false, 'node2 is not paused yet');
});

test('progress and bytes left come from the source of the resync, not the target', () => {
  const v = mirrorView('md1', [
    entry('node1', { state: 'resync', upToDate: false, peerState: 'resync', syncDirection: 'source', syncPercent: 61.2,
      dirtyBytes: 5000 }),
    entry('node2', { state: 'resync', upToDate: false, peerState: 'resync', syncDirection: 'target', syncPercent: 100,
      diskState: 'inconsistent' })]);
  assert.equal(v.state, 'syncing');
  assert.equal(v.stateText, 'resync 61.2%');
  assert.deepEqual(v.progress, { kind: 'resync', percent: 61.2, leftBytes: 5000, from: 'node1', to: 'node2' });
  assert.equal(v.link.state, 'up');
  assert.equal(v.copies[1].tone, 'warn', 'an inconsistent copy is not shown as healthy');
});

test('a resync seen only from its target has unknown progress', () => {
  const v = mirrorView('md1', [entry('node1', { state: 'unknown', upToDate: false, peerState: undefined, role: undefined }),
    entry('node2', { state: 'full-sync', upToDate: false, peerState: 'full-sync', syncDirection: 'target' })]);
  assert.equal(v.progress.percent, null);
  assert.equal(v.progress.leftBytes, null);
  assert.equal(v.stateText, 'full sync');
});

test('split brain wins over everything and an unheard server degrades the mirror', () => {
  const split = mirrorView('md1', [entry('node1', { state: 'split-brain', splitBrain: true, peerState: 'split-brain' }),
    entry('node2', { state: 'paused', paused: true, peerState: 'paused' })]);
  assert.deepEqual([split.state, split.link.peerState, split.link.tone], ['split-brain', 'split-brain', 'bad']);
  const lone = mirrorView('md1', [entry('node1', { state: 'disconnected', upToDate: false, peerState: 'disconnected' }),
    { name: 'md1', server: 'node2', state: 'unknown', upToDate: false }]);
  assert.equal(lone.state, 'degraded');
  assert.equal(lone.stateText, 'degraded: node2 not heard');
  assert.equal(lone.copies[1].tone, 'off');
});

test('async mode shows the primary\'s lag', () => {
  const v = mirrorView('md1', [entry('node1', { mode: 'async', lagBytes: 2048 }), entry('node2', { mode: 'async' })]);
  assert.equal(v.lagBytes, 2048);
});

test('entries are grouped per mirror in status order', () => {
  const vs = groupMirrors([entry('node1', { name: 'b' }), entry('node1', { name: 'a' }), entry('node2', { name: 'b' }), null]);
  assert.deepEqual(vs.map((v) => [v.name, v.copies.length]), [['b', 2], ['a', 1]]);
});

test('the recover effect names the kept copy, the one that discards its changes, and a primary in the way', () => {
  const copies = [{ server: 'node1', role: 'primary' }, { server: 'node2', role: 'secondary' }];
  assert.match(recoverEffect('md1', copies, null), /Choose/);
  const keep1 = recoverEffect('md1', copies, 'node1');
  assert.match(keep1, /copy on node1 is kept/);
  assert.match(keep1, /node2 discards every change made to md1/);
  assert.match(keep1, /full copy from node1/);
  assert.doesNotMatch(keep1, /1303/);
  assert.match(recoverEffect('md1', copies, 'node2'), /node1 is primary now and will refuse \(error 1303\): move the group to node2/);
});

test('verify verdicts: in sync, differing ranges, or none when no primary answered', () => {
  const ok = (data) => ({ results: [{ server: 'node2', ok: true, data: { skipped: true } }, { server: 'node1', ok: true, data }] });
  assert.deepEqual(verifyVerdict(ok({ differingRanges: [], differingBytes: 0 })),
    { inSync: true, server: 'node1', ranges: [], bytes: 0 });
  const d = verifyVerdict(ok({ differingRanges: [{ offset: 0, length: 4096 }, { offset: 8192, length: 4096 }] }));
  assert.deepEqual([d.inSync, d.ranges.length, d.bytes], [false, 2, 8192]);
  assert.equal(verifyVerdict({ results: [{ server: 'node1', ok: false, code: 1308, message: 'x' }] }), null);
  assert.deepEqual(failures({ results: [{ server: 'node1', ok: true }, { server: 'node2', ok: false, code: 1308, message: 'x' }] }),
    [{ server: 'node2', code: 1308, message: 'x' }]);
});

test('bytes are shown in binary units', () => {
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(9 * 1024 * 1024), '9.0 MiB');
  assert.equal(formatBytes(300 * 1024 * 1024), '300 MiB');
  assert.equal(formatBytes(undefined), '?');
});
