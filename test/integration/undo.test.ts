import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {describe, it} from 'node:test'
import {setTimeout as sleep} from 'node:timers/promises'

import Database from 'better-sqlite3'

import {tempDir} from '../helpers/temp.js'
import {activeCounts, books, freshToken} from './company-state.js'
import {allOf, faultsOff, loadWorld, type LoadWorld, setFaults, startLoadChild} from './load-harness.js'

// The demo's financial year end: its income and expense accounts show in the trial balance.
const TODAY = '2024-06-30'

function createdCount(db: string): number {
  const conn = new Database(db, {readonly: true})
  try {
    return (conn.prepare(`SELECT COUNT(*) AS n FROM id_map WHERE how = 'created'`).get() as {n: number}).n
  } finally {
    conn.close()
  }
}

/** Applied writes in the emulator (a write QBO refused is not counted). */
const writes = (world: LoadWorld) => world.emulator.stats().writes

async function undo(world: LoadWorld, args: string[]) {
  return startLoadChild(world, [...args, '--json'], 'undo').done
}

/** A sparse update made in QBO by someone else after the load. */
async function editInQbo(world: LoadWorld, entity: string, record: Record<string, unknown>): Promise<void> {
  const url = `${world.emulator.url}/v3/company/${world.emulator.realmId}/${entity.toLowerCase()}`
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${world.accessToken}`,
      Accept: 'application/json',
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({
      Id: record.Id,
      SyncToken: record.SyncToken,
      sparse: true,
      CustomerMemo: {value: 'edited in QBO'},
    }),
  })
  assert.equal(res.status, 200, await res.text())
}

describe('qbo migrate undo', () => {
  it('undoes the whole demo load: counts and trial balance as before it; dry run, refusal, force, a second undo writes nothing', async (t) => {
    const world = await loadWorld(tempDir(t), {timeScale: 100})
    t.after(() => world.close())
    const before = {counts: await activeCounts(world), books: await books(world, TODAY)}
    const loaded = await startLoadChild(world, []).done
    assert.equal(loaded.code, 0, loaded.stderr)
    await faultsOff(world)
    assert.notDeepEqual((await books(world, TODAY)).TrialBalance, before.books.TrialBalance)
    const created = createdCount(world.db)
    assert.ok(created > 1000, `the demo load created ${created} records`)

    // Dry run: lists everything, writes nothing.
    let w = writes(world)
    const dry = await undo(world, ['--dry-run'])
    assert.equal(dry.code, 0, dry.stderr)
    const plan = JSON.parse(dry.stdout) as {planned: {entity: string; action: string}[]; refused: unknown[]}
    assert.equal(plan.planned.length, created)
    assert.deepEqual(plan.refused, [])
    assert.equal(plan.planned[0]?.action, 'delete')
    assert.ok(['Payment', 'BillPayment'].includes(plan.planned[0]!.entity), 'settlements go first')
    assert.equal(plan.planned.at(-1)?.action, 'deactivate')
    assert.equal(writes(world), w, 'a dry run writes nothing')
    assert.equal(createdCount(world.db), created)

    // Someone edits an invoice in QBO: the undo leaves it (and what it needs) and says so.
    // Under the time scale an access token lasts 36 s: each direct read takes a fresh one.
    await freshToken(world)
    const invoice = (await allOf(world, 'Invoice')).find((i) =>
      String(i.PrivateNote ?? '').includes('qbo-toolkit'),
    )!
    await editInQbo(world, 'Invoice', invoice)
    w = writes(world)
    const first = await undo(world, [])
    assert.equal(first.code, 3, first.stderr)
    const r1 = JSON.parse(first.stdout) as {
      refused: {entity: string; qboId: string; code: string}[]
      failed: unknown[]
      files: {undone: string; refused: string}
    }
    assert.deepEqual(r1.failed, [], 'nothing the undo tried failed: what the edited invoice needs is kept')
    assert.ok(
      r1.refused.some((r) => r.entity === 'Customer' && r.code === 'IN_USE'),
      'its customer is kept, in use',
    )
    assert.deepEqual(
      r1.refused.filter((r) => r.code !== 'IN_USE').map((r) => [r.entity, r.qboId, r.code]),
      [['Invoice', String(invoice.Id), 'CHANGED_IN_QBO']],
    )
    const left = createdCount(world.db)
    assert.ok(left >= 1 && left < 20, `${left} records left after the refusal`)
    assert.equal(writes(world) - w, created - left, 'each undone record written once')
    await freshToken(world)
    assert.ok(
      (await allOf(world, 'Invoice')).some((i) => i.Id === invoice.Id),
      'the edited invoice stays',
    )
    // The result files, as a load's: one line per record undone; what was left, with the fix.
    assert.equal(readFileSync(r1.files.undone, 'utf8').trim().split('\n').length, 1 + created - left)
    assert.match(
      readFileSync(r1.files.refused, 'utf8'),
      new RegExp(
        `CHANGED_IN_QBO,"?Invoice ${String(invoice.Id)}: .*SyncToken 0 → 1; in fields this migration did not write.*--force`,
      ),
    )

    // --force undoes the rest.
    w = writes(world)
    const forced = await undo(world, ['--force'])
    assert.equal(forced.code, 0, forced.stderr + forced.stdout.slice(0, 3000))
    assert.equal(createdCount(world.db), 0)
    assert.equal(writes(world) - w, left)

    assert.deepEqual(await activeCounts(world), before.counts)
    assert.deepEqual((await books(world, TODAY)).TrialBalance, before.books.TrialBalance)

    // Nothing left: a second undo writes nothing.
    w = writes(world)
    const again = await undo(world, ['--all'])
    assert.equal(again.code, 0, again.stderr)
    assert.equal(writes(world), w)
  })

  it('killed with SIGKILL while QBO holds an undo batch (no requestid replay), then run again: each record undone once', async (t) => {
    const world = await loadWorld(tempDir(t), {timeScale: 10, faults: 'noreplay=1'})
    t.after(() => world.close())
    const before = await activeCounts(world)
    const loaded = await startLoadChild(world, []).done
    assert.equal(loaded.code, 0, loaded.stderr)
    const created = createdCount(world.db)
    const w = writes(world)
    const child = startLoadChild(world, [], 'undo')
    const deadline = Date.now() + 120_000
    while (writes(world) - w < 40 && Date.now() < deadline) await sleep(50)
    await setFaults(world, 'latency=8000,noreplay=1')
    await sleep(1500)
    child.kill()
    const killed = await child.done
    assert.equal(killed.signal, 'SIGKILL', `the undo ended before the kill:\n${killed.stderr}`)
    await setFaults(world, 'noreplay=1')
    const resumed = await undo(world, [])
    assert.equal(resumed.code, 0, resumed.stderr)
    const r = JSON.parse(resumed.stdout) as {recovered: {writes: number; found: number}}
    assert.ok(r.recovered.writes > 0, 'the second undo settled the writes the killed one left')
    await faultsOff(world)
    assert.equal(createdCount(world.db), 0)
    assert.equal(writes(world) - w, created, 'every record undone exactly once')
    assert.deepEqual(await activeCounts(world), before)
  })
})
