import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import Database from 'better-sqlite3'

import {tempDir} from '../helpers/temp.js'
import {
  allOf,
  faultsOff,
  hasUnfinishedLoad,
  LISTS,
  loadWorld,
  markerCounts,
  runLoadChild,
  TRANSACTIONS,
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

/** Every source record is in QBO exactly once: by PrivateNote marker, by list name, and per the id map. */
async function assertExactlyOnce(world: LoadWorld, seedCounts: Record<string, number>): Promise<void> {
  await faultsOff(world)
  const db = new Database(world.db, {readonly: true})
  try {
    const idMap = db.prepare(`SELECT entity, how, COUNT(*) AS n FROM id_map GROUP BY entity, how`).all() as {
      entity: string
      how: string
      n: number
    }[]
    const created = (entity: string) =>
      idMap.filter((r) => r.entity === entity && r.how === 'created').reduce((a, r) => a + r.n, 0)
    const parked = (
      db
        .prepare(
          `SELECT COUNT(*) AS n FROM parked_records p JOIN runs r ON r.id = p.run_id WHERE r.status = 'finished'`,
        )
        .get() as {n: number}
    ).n
    assert.equal(parked, 0, 'the demo company has nothing to park')
    for (const entity of TRANSACTIONS) {
      const rows = await allOf(world, entity)
      const markers = markerCounts(rows)
      const doubled = [...markers].filter(([, n]) => n > 1)
      assert.deepEqual(doubled, [], `${entity} written twice`)
      assert.equal(
        rows.length - (seedCounts[entity] ?? 0),
        created(entity),
        `${entity}: QBO holds what the id map says`,
      )
      const staged = db.prepare(`SELECT COUNT(*) AS n FROM id_map WHERE entity = ?`).get(entity) as {
        n: number
      }
      assert.equal(markers.size, staged.n, `${entity}: every loaded record carries its marker once`)
    }
    for (const [entity, field] of Object.entries(LISTS)) {
      const rows = await allOf(world, entity)
      const names = rows.map((r) => String(r[field]).toLowerCase())
      assert.equal(new Set(names).size, names.length, `${entity}: a name appears twice`)
      assert.equal(
        rows.length - (seedCounts[entity] ?? 0),
        created(entity),
        `${entity}: QBO holds what the id map says`,
      )
    }
  } finally {
    db.close()
  }
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
