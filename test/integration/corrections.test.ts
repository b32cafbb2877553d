import assert from 'node:assert/strict'
import {mkdirSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import Database from 'better-sqlite3'

import {runExtract} from '../../src/sources/run-extract.js'
import {openStaging} from '../../src/staging/index.js'
import {silentLogger} from '../../src/ui/logger.js'
import {tempDir} from '../helpers/temp.js'
import {activeCounts, books, freshToken} from './company-state.js'
import {
  allOf,
  DEMO,
  loadWorld,
  type LoadWorld,
  markerCounts,
  startLoadChild,
  TRANSACTIONS,
} from './load-harness.js'

// The demo's financial year (1 July to 30 June): its income and expense accounts show in the trial balance.
const TODAY = '2024-06-30'
const FRESH_REALM = '9341452000000002'

/**
 * The new mapping: MYOB's sales income account (which the load matched to QBO's own "Sales") onto QBO's
 * "Services", and 10% GST on purchases onto "GST on capital", another 10% code: every invoice line and
 * bill line changes account or tax code, amounts stay.
 */
function remap(db: string): void {
  const staging = openStaging(db)
  try {
    staging.mappings.setByUser('account', '4-1000', 'Services')
    staging.mappings.setByUser('taxCode', 'GST/purchases', 'GST on capital')
  } finally {
    staging.close()
  }
}

/** A second company in the same emulator, with its own migration file of the same demo (a fresh load). */
async function freshCompany(world: LoadWorld, dir: string): Promise<LoadWorld> {
  const tokens = (await (
    await fetch(`${world.emulator.url}/_emulator/tokens`, {
      method: 'POST',
      body: JSON.stringify({realmId: FRESH_REALM}),
    })
  ).json()) as {access_token: string; refresh_token: string; realmId: string}
  mkdirSync(dir, {recursive: true})
  const db = join(dir, 'migration.db')
  const staging = openStaging(db)
  await runExtract(staging, {from: 'myob', path: join(DEMO, 'myob'), dryRun: false, logger: silentLogger})
  staging.close()
  return {
    emulator: {...world.emulator, realmId: tokens.realmId},
    dir,
    db,
    accessToken: tokens.access_token,
    env: {
      ...world.env,
      QBO_TOKEN_FILE: join(dir, 'tokens.json'),
      QBO_REFRESH_TOKEN: tokens.refresh_token,
      QBO_REALM_ID: tokens.realmId,
    },
    close: async () => {},
  }
}

function parkedCount(db: string): number {
  const conn = new Database(db, {readonly: true})
  try {
    return (conn.prepare(`SELECT COUNT(*) AS n FROM parked_records`).get() as {n: number}).n
  } finally {
    conn.close()
  }
}

describe('qbo migrate load --update', () => {
  it('after a mapping change, leaves QBO as a fresh load of the new mapping would: counts, trial balance, aging; nothing twice; a second --update writes nothing', async (t) => {
    const dir = tempDir(t)
    const world = await loadWorld(dir, {timeScale: 100})
    t.after(() => world.close())
    const loaded = await startLoadChild(world, []).done
    assert.equal(loaded.code, 0, loaded.stderr)
    const asLoaded = await books(world, TODAY)

    remap(world.db)
    const plan = await startLoadChild(world, ['--json'], 'plan').done
    assert.equal(plan.code, 0, plan.stderr)
    const planned = JSON.parse(plan.stdout) as {
      entities: Record<string, {update: number; create: number}>
      updates: {entity: string; fields: string[]}[]
    }
    const updates = (entity: string) => planned.entities[entity]?.update ?? 0
    assert.ok(updates('Item') > 0, 'items change income account')
    assert.ok(updates('Bill') > 0, 'bills change tax code')
    assert.ok(
      planned.updates.every((u) => u.fields.length > 0),
      'each update names the fields it changes',
    )

    const applied = await startLoadChild(world, ['--update', '--json']).done
    assert.equal(applied.code, 0, applied.stderr + applied.stdout.slice(0, 3000))
    const result = JSON.parse(applied.stdout) as {
      corrections: {planned: number; updated: number; replaced: number; parked: number}
      duplicates: unknown[]
    }
    assert.equal(result.corrections.updated + result.corrections.replaced, result.corrections.planned)
    assert.equal(result.corrections.parked, 0)
    assert.deepEqual(result.duplicates, [])
    assert.equal(parkedCount(world.db), 0, 'no stale-object (or other) failure left')
    assert.notDeepEqual((await books(world, TODAY)).TrialBalance, asLoaded.TrialBalance)

    // The same demo, mapped the new way from the start, into a second company.
    const fresh = await freshCompany(world, join(dir, 'fresh'))
    remap(fresh.db)
    const freshLoad = await startLoadChild(fresh, []).done
    assert.equal(freshLoad.code, 0, freshLoad.stderr)

    assert.deepEqual(await activeCounts(world), await activeCounts(fresh))
    assert.deepEqual(await books(world, TODAY), await books(fresh, TODAY))
    await freshToken(world)
    for (const entity of TRANSACTIONS) {
      const doubled = [...markerCounts(await allOf(world, entity))].filter(([, n]) => n > 1)
      assert.deepEqual(doubled, [], `${entity} twice`)
    }

    // Nothing left to correct: a second --update writes nothing.
    const writes = world.emulator.stats(world.emulator.realmId).writes
    const again = await startLoadChild(world, ['--update', '--json']).done
    assert.equal(again.code, 0, again.stderr)
    assert.equal(world.emulator.stats(world.emulator.realmId).writes, writes)
  })
})
