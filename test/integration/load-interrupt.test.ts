// Ctrl-C during `qbo migrate load`, as a person at the terminal does it: the load stops after the batch in
// hand and says how to go on; `status` shows the run interrupted with the command to resume; the resume
// finishes with every record once.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {setTimeout as sleep} from 'node:timers/promises'

import {tempDir} from '../helpers/temp.js'
import {assertExactlyOnce, loadWorld, startLoadChild} from './load-harness.js'

describe('qbo migrate load: Ctrl-C', () => {
  it('stops after the batch in hand, status says interrupted and how to resume, and the resume finishes', async (t) => {
    const world = await loadWorld(tempDir(t), {timeScale: 60, faults: 'latency=20-60', seed: 5})
    t.after(() => world.close())
    const seed = world.emulator.stats().entities
    const written = () => (world.emulator.stats().entities.Invoice ?? 0) - (seed.Invoice ?? 0)

    const child = startLoadChild(world, [])
    const deadline = Date.now() + 120_000
    while (written() === 0 && Date.now() < deadline) await sleep(20)
    assert.ok(written() > 0, 'the load got as far as invoices')
    child.interrupt()
    const stopped = await child.done
    assert.equal(stopped.signal, null, 'it stopped by itself, not killed by the signal')
    assert.equal(stopped.code, 1, stopped.stderr)
    assert.match(stopped.stderr, /Stopping after the batch in hand/)
    assert.match(stopped.stderr, /qbo migrate load --resume/)
    assert.doesNotMatch(stopped.stderr, /This is a bug/)

    const status = await startLoadChild(world, [], 'status').done
    assert.equal(status.code, 0, status.stderr)
    assert.match(status.stdout, /interrupted/)
    assert.match(status.stdout, /--resume/)

    const resumed = await startLoadChild(world, ['--resume']).done
    assert.equal(resumed.code, 0, resumed.stderr)
    await assertExactlyOnce(world, seed)
  })
})
