import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {tempDir} from '../helpers/temp.js'
import {
  assertExactlyOnce,
  hasUnfinishedLoad,
  loadWorld,
  runLoadChild,
  type LoadWorld,
} from './load-harness.js'

/** A small seeded generator, so a failing run can be repeated (the seed is in the assertion message). */
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

/** Kills `qbo migrate load` at random moments, resuming each time, then lets it finish. */
async function crashAndResume(world: LoadWorld, kills: number, seed: number): Promise<void> {
  const rand = random(seed)
  for (let i = 0; i < kills; i++) {
    // Children take about 1.5 s to start; a full load about 10 s: kills land in startup, batches and commits.
    const killAfter = 1200 + Math.floor(rand() * 5000)
    const resume = hasUnfinishedLoad(world.db)
    const r = await runLoadChild(world, resume ? ['--resume'] : [], killAfter)
    if (r.signal !== 'SIGKILL') {
      assert.ok(r.code === 0 || r.code === 1, `load ${i} ended with ${r.code} (seed ${seed}):\n${r.stderr}`)
    }
  }
  for (let attempt = 0; attempt < 4; attempt++) {
    const r = await runLoadChild(world, hasUnfinishedLoad(world.db) ? ['--resume'] : [])
    if (r.code === 0) return
    assert.ok(r.code === 1, `final load exited ${r.code} (seed ${seed}):\n${r.stderr}`)
  }
  assert.fail(`the load did not finish after the crashes (seed ${seed})`)
}

describe('qbo migrate load: crash safety', () => {
  it('killed with SIGKILL at 10 random moments and resumed, the emulator holds every record exactly once', async (t) => {
    const world = await loadWorld(tempDir(t), {timeScale: 60, faults: 'latency=5-40', seed: 3})
    t.after(() => world.close())
    const seedCounts = world.emulator.stats().entities
    await crashAndResume(world, 10, 20261124)
    await assertExactlyOnce(world, seedCounts)
  })

  it('with faults on (500s, 429s, resets, lost answers) and short-lived access tokens, still exactly once', async (t) => {
    const world = await loadWorld(tempDir(t), {
      // timeScale 600: access tokens live 6 s, so they expire several times during the run.
      timeScale: 600,
      faults: 'http500=0.05,throttle=0.02,reset=0.01,timeout=0.01',
      seed: 11,
    })
    t.after(() => world.close())
    const seedCounts = world.emulator.stats().entities
    await crashAndResume(world, 3, 777)
    const injected = world.emulator.stats().faultsInjected
    await assertExactlyOnce(world, seedCounts)
    assert.ok(
      injected.http500 > 0 && injected.timeout > 0,
      `faults were injected: ${JSON.stringify(injected)}`,
    )
  })
})
