// `qbo prices apply` killed with SIGKILL while QBO holds a batch of its writes, then run again: every change
// is written once (no item written twice, none missing), with QBO's requestid replay switched off so the
// outbox's wait-and-look-up is all that stands against a duplicate (docs/exactly-once.md).
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {setTimeout as sleep} from 'node:timers/promises'

import {createPriceDiff, type ApplyResult, saveProfile} from '../../src/load/prices/index.js'
import {silentLogger} from '../../src/ui/logger.js'
import {startCli} from '../helpers/cli.js'
import {pricesWorld, type PricesWorld} from '../prices/world.js'

const SUPPLIER = 'Smith & Jones <Wholesale>'
const ITEMS = 120
const NO_REPLAY = 'noreplay=1'

function applyChild(w: PricesWorld, diffId: number) {
  return startCli(['prices', 'apply', String(diffId), '--db', w.db, '--json'], w.env)
}

async function faults(w: PricesWorld, spec: string): Promise<void> {
  const res = await fetch(`${w.emulator.url}/_emulator/faults`, {method: 'PUT', body: JSON.stringify({spec})})
  assert.ok(res.status < 300, `faults ${spec}: ${res.status}`)
}

async function until(what: string, ok: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!ok()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`)
    await sleep(20)
  }
}

describe('qbo prices apply: killed mid-apply and run again', () => {
  it('writes every change exactly once', {timeout: 180_000}, async (t) => {
    // Time scale 60: QBO gives up on a request after 2 s, so an apply that finds an unanswered write waits
    // 2.5 s (timeout and margin) before it looks for it.
    const w = await pricesWorld(t, {extra: ITEMS, faults: NO_REPLAY})
    saveProfile(w.staging, {
      name: 'Smith',
      supplier: SUPPLIER,
      codeColumn: 'Code',
      costColumn: 'Price Ex GST',
    })
    const csv = [
      'Code,Price Ex GST',
      ...Array.from({length: ITEMS}, (_, i) => `GEN-${String(i + 1).padStart(5, '0')},1.50`),
    ].join('\n')
    const view = await createPriceDiff(
      {
        staging: w.staging,
        qbo: w.qbo,
        logger: silentLogger,
        actor: 'tester',
        now: Date.now,
        sleep: (ms: number) => sleep(ms),
      },
      {file: {name: 'smith.csv', bytes: Buffer.from(csv)}, supplier: SUPPLIER},
    )
    assert.equal(view.counts.change, ITEMS)
    const seeded = w.emulator.stats().writes
    const writes = () => w.emulator.stats().writes - seeded

    for (let kill = 0; kill < 2; kill++) {
      const started = writes()
      const child = applyChild(w, view.id)
      // A batch of this run has landed; the next one is held by QBO (1.5 s, inside its 2 s timeout, so QBO
      // applies it after the process is gone) when the process is killed.
      await until('a batch of writes', () => writes() >= started + 30)
      await faults(w, `latency=1500,${NO_REPLAY}`)
      await sleep(600)
      child.kill()
      const r = await child.done
      assert.equal(r.signal, 'SIGKILL', `the apply ended before the kill:\n${r.stderr}`)
      await faults(w, NO_REPLAY)
    }
    assert.ok(writes() < ITEMS, 'the kills left changes to write')

    const last = await applyChild(w, view.id).done
    assert.equal(last.code, 0, last.stdout + last.stderr)
    const result = JSON.parse(last.stdout) as ApplyResult
    assert.ok(result.recovered.writes > 0, 'the last run settled writes a killed run left without an answer')
    assert.ok(result.recovered.found > 0, 'and found the held batch applied by QBO')

    const items = await w.items()
    for (let i = 1; i <= ITEMS; i++) {
      const sku = `GEN-${String(i).padStart(5, '0')}`
      assert.equal(items.get(sku)?.PurchaseCost, 1.5, `${sku} written`)
      assert.equal(items.get(sku)?.SyncToken, '1', `${sku} written once`)
    }
    const audit = w.staging.prices.auditLog({diffId: view.id})
    assert.equal(audit.length, ITEMS, 'one audit row per change')
    assert.ok(audit.every((a) => a.outcome === 'written'))
    assert.equal(new Set(audit.map((a) => a.line)).size, ITEMS)
    assert.equal(writes(), ITEMS, 'QBO applied one write per change')
  })
})
