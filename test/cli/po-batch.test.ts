import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, it} from 'node:test'

import Database from 'better-sqlite3'
import {PDFDocument} from 'pdf-lib'

import {startQboEmulator} from '../../src/emulator/qbo/index.js'
import {tempDir} from '../helpers/temp.js'
import {connectedClient} from '../qbo/helpers.js'
import {seedPurchaseOrders} from '../po/world.js'

const DEV = fileURLToPath(new URL('../../bin/dev.js', import.meta.url))
const TIME_SCALE = 60

/** A small seeded generator, so a failing run can be repeated (the seed is in the messages). */
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

interface Child {
  done: Promise<{code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string}>
  kill(): void
}

function qbo(args: string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, [DEV, ...args], {
    env: {...process.env, ...env, CI: '1', NO_COLOR: '1'},
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  return {
    kill: () => void child.kill('SIGKILL'),
    done: new Promise((resolve, reject) => {
      child.on('error', reject)
      child.on('close', (code, signal) => resolve({code, signal, stdout, stderr}))
    }),
  }
}

function openBatch(db: string): boolean {
  if (!existsSync(db)) return false
  const conn = new Database(db, {readonly: true})
  try {
    return (
      (conn.prepare(`SELECT COUNT(*) AS n FROM po_batches WHERE status = 'open'`).get() as {n: number}).n > 0
    )
  } catch {
    return false
  } finally {
    conn.close()
  }
}

describe('qbo po batch, as a user runs it', () => {
  it('300 purchase orders: a dry run changes and sends nothing; killed with SIGKILL five times and resumed, each is tagged, dated, saved as a PDF that opens and emailed exactly once', async (t) => {
    const dir = tempDir(t, 'qbo-po-cli-')
    const emu = await startQboEmulator({port: 0, timeScale: TIME_SCALE, faults: 'latency=2-25', seed: 23})
    t.after(() => emu.close())
    const {client} = await connectedClient(t, emu.url, emu.realmId, {timeScale: TIME_SCALE})
    const ids = await seedPurchaseOrders(client, 300)
    const grant = (await (
      await fetch(`${emu.url}/_emulator/tokens`, {method: 'POST', body: '{}'})
    ).json()) as {
      refresh_token: string
      realmId: string
    }
    const db = join(dir, 'migration.db')
    const pdfDir = join(dir, 'pdfs')
    const env = {
      QBO_BASE_URL: emu.url,
      QBO_CLIENT_ID: 'qbo-emulator-client',
      QBO_CLIENT_SECRET: 'qbo-emulator-secret',
      QBO_TOKEN_FILE: join(dir, 'tokens.json'),
      QBO_TOKEN_PASSPHRASE: 'po-test',
      QBO_REFRESH_TOKEN: grant.refresh_token,
      QBO_REALM_ID: grant.realmId,
      QBO_TIME_SCALE: String(TIME_SCALE),
      QBO_MIGRATION_DB: db,
    }
    const emails = async () =>
      ((await (await fetch(`${emu.url}/_emulator/emails`)).json()) as {emails: {id: string}[]}).emails
    const batchArgs = [
      'po',
      'batch',
      '--status',
      'open',
      '--tag',
      'wave-12',
      '--ship-date',
      '2025-03-14',
      '--pdf',
      pdfDir,
      '--email',
      'warehouse@example.com',
    ]

    const writesBefore = emu.stats().writes
    const dry = await qbo([...batchArgs, '--dry-run', '--json'], env).done
    assert.equal(dry.code, 0, dry.stderr)
    const plan = JSON.parse(dry.stdout) as {counts: {purchaseOrders: number; updates: number; emails: number}}
    assert.deepEqual([plan.counts.purchaseOrders, plan.counts.updates, plan.counts.emails], [300, 300, 300])
    assert.equal(emu.stats().writes, writesBefore, 'the dry run wrote nothing to QBO')
    assert.equal((await emails()).length, 0, 'and sent nothing')
    assert.equal(existsSync(pdfDir), false, 'and saved no PDF')
    assert.equal(openBatch(db), false, 'and recorded no batch')

    const seed = 20261203
    const rand = random(seed)
    for (let kill = 0; kill < 5; kill++) {
      const child = qbo(openBatch(db) ? ['po', 'batch', '--resume'] : batchArgs, env)
      // The first kill lands in start-up, selection or the updates; the others while emails go out.
      const threshold = kill === 0 ? 0 : Math.min(290, (await emails()).length + 20 + Math.floor(rand() * 40))
      const startedAt = Date.now()
      const killAfterMs = 1500 + Math.floor(rand() * 2500)
      let finished = false
      void child.done.then(() => (finished = true))
      while (!finished) {
        await new Promise((r) => setTimeout(r, 40))
        const due =
          threshold === 0 ? Date.now() - startedAt >= killAfterMs : (await emails()).length >= threshold
        if (due) {
          child.kill()
          break
        }
      }
      const r = await child.done
      if (r.signal !== 'SIGKILL')
        assert.ok(r.code === 0, `run ${kill} ended with ${r.code} (seed ${seed}):\n${r.stderr}`)
    }
    const last = await qbo(['po', 'batch', '--resume', '--json'], env).done
    assert.equal(last.code, 0, `final resume (seed ${seed}):\n${last.stderr}\n${last.stdout}`)
    const result = JSON.parse(last.stdout) as {
      status: string
      steps: Record<string, Record<string, number>>
      resultFile: string
    }
    assert.equal(result.status, 'finished')
    assert.deepEqual(result.steps, {update: {done: 300}, pdf: {saved: 300}, email: {sent: 300}})

    const sent = await emails()
    const perPo = new Map<string, number>()
    for (const e of sent) perPo.set(e.id, (perPo.get(e.id) ?? 0) + 1)
    assert.equal(sent.length, 300, `exactly 300 emails (seed ${seed})`)
    assert.deepEqual(new Set(perPo.keys()), new Set(ids))
    const files = readdirSync(pdfDir).filter((f) => f.endsWith('.pdf'))
    assert.equal(files.length, 300)
    assert.equal(readdirSync(pdfDir).filter((f) => f.endsWith('.part')).length, 0)
    for (const f of files) await PDFDocument.load(readFileSync(join(pdfDir, f)))
    const pos = await client.queryAll('SELECT * FROM PurchaseOrder')
    assert.equal(
      pos.filter((p) => p.DueDate === '2025-03-14' && String(p.PrivateNote).startsWith('Tags: wave-12'))
        .length,
      300,
    )
    assert.equal(readFileSync(result.resultFile, 'utf8').trim().split('\n').length, 301)
    // The kills landed while emails were on their way: some were settled by looking them up, none resent blind.
    const conn = new Database(db, {readonly: true})
    t.after(() => conn.close())
    const settled = conn
      .prepare(
        `SELECT COUNT(*) AS n FROM outbox WHERE job = 'po' AND operation = 'send' AND (last_error LIKE '%found sent%' OR last_error LIKE '%sent again after%')`,
      )
      .get() as {n: number}
    assert.ok(settled.n > 0, `some emails were in flight at a kill and settled on resume (seed ${seed})`)

    const [list, status, bad] = await Promise.all([
      qbo(['po', 'list', '--tag', 'wave-12', '--vendor', 'Acme Supplies', '--json'], env).done,
      qbo(['po', 'status', '--json'], env).done,
      qbo(['po', 'batch', '--ship-date', '2025-02-30', '--json'], env).done,
    ])
    const listed = JSON.parse(list.stdout) as {
      count: number
      purchaseOrders: {shipDate: string; tags: string[]}[]
    }
    assert.equal(listed.count, 100, list.stderr)
    assert.deepEqual(
      listed.purchaseOrders[0] && [listed.purchaseOrders[0].shipDate, listed.purchaseOrders[0].tags],
      ['2025-03-14', ['wave-12']],
    )
    const batches = (JSON.parse(status.stdout) as {batches: {status: string; emailed: number}[]}).batches
    assert.deepEqual(
      batches.map((b) => [b.status, b.emailed]),
      [['finished', 300]],
    )
    assert.equal(bad.code, 2)
    assert.equal((JSON.parse(bad.stdout) as {error: {code: string}}).error.code, 'USAGE')
    // One batch in full, as a person reads it (not a JSON dump).
    const batchId = (JSON.parse(status.stdout) as {batches: {batchId: string}[]}).batches[0]!.batchId
    const one = await qbo(['po', 'status', '--batch', batchId], env).done
    assert.equal(one.code, 0, one.stderr)
    assert.match(one.stdout, new RegExp(`^Batch ${batchId} \\(finished\\): 300 purchase orders`))
    assert.match(one.stdout, /email: 300 sent/)
    assert.doesNotMatch(one.stdout, /^\s*[{[]/m)
  })
})
