import assert from 'node:assert/strict'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import Database from 'better-sqlite3'

import {startQboEmulator, type QboEmulator} from '../../src/emulator/qbo/index.js'
import {runExtract} from '../../src/sources/run-extract.js'
import {openStaging} from '../../src/staging/index.js'
import {silentLogger} from '../../src/ui/logger.js'
import {type CliChild, startCli} from '../helpers/cli.js'

export const DEMO = fileURLToPath(new URL('../../fixtures/demo/', import.meta.url))

export const TRANSACTIONS = [
  'Invoice',
  'CreditMemo',
  'Bill',
  'VendorCredit',
  'JournalEntry',
  'Payment',
  'BillPayment',
]
export const LISTS: Record<string, string> = {
  Account: 'Name',
  Class: 'Name',
  Department: 'Name',
  Term: 'Name',
  PaymentMethod: 'Name',
  Customer: 'DisplayName',
  Vendor: 'DisplayName',
  Item: 'Name',
}

export interface LoadWorld {
  emulator: QboEmulator
  dir: string
  db: string
  env: NodeJS.ProcessEnv
  accessToken: string
  close(): Promise<void>
}

/** An emulator, a staged demo company (MYOB exports) and the environment a `qbo` child process needs. */
export async function loadWorld(
  dir: string,
  emulatorOptions: Parameters<typeof startQboEmulator>[0],
): Promise<LoadWorld> {
  const emulator = await startQboEmulator({port: 0, ...emulatorOptions})
  const tokens = (await (
    await fetch(`${emulator.url}/_emulator/tokens`, {method: 'POST', body: '{}'})
  ).json()) as {
    access_token: string
    refresh_token: string
    realmId: string
  }
  const db = join(dir, 'migration.db')
  const staging = openStaging(db)
  await runExtract(staging, {from: 'myob', path: join(DEMO, 'myob'), dryRun: false, logger: silentLogger})
  staging.close()
  const env = {
    QBO_BASE_URL: emulator.url,
    QBO_CLIENT_ID: 'qbo-emulator-client',
    QBO_CLIENT_SECRET: 'qbo-emulator-secret',
    QBO_TOKEN_FILE: join(dir, 'tokens.json'),
    QBO_TOKEN_PASSPHRASE: 'crash-test',
    QBO_REFRESH_TOKEN: tokens.refresh_token,
    QBO_REALM_ID: tokens.realmId,
    QBO_TIME_SCALE: String(emulatorOptions?.timeScale ?? 1),
  }
  return {emulator, dir, db, env, accessToken: tokens.access_token, close: () => emulator.close()}
}

export type LoadChild = CliChild

/** Starts `qbo migrate ARGS` (a load unless the first argument names another step) as a child process. */
export function startLoadChild(world: LoadWorld, args: string[], command = 'load'): LoadChild {
  return startCli(['migrate', command, '--db', world.db, ...args], world.env)
}

/** Starts `qbo migrate load ARGS` as a child; kills it with SIGKILL after `killAfterMs` if given. */
export async function runLoadChild(
  world: LoadWorld,
  args: string[],
  killAfterMs?: number,
): Promise<{code: number | null; signal: NodeJS.Signals | null; stderr: string}> {
  const child = startLoadChild(world, args)
  const timer = killAfterMs === undefined ? undefined : setTimeout(child.kill, killAfterMs)
  const result = await child.done
  if (timer) clearTimeout(timer)
  return result
}

/** Sets the emulator's injected faults (CLI.md --faults syntax; '' turns them off). */
export async function setFaults(world: LoadWorld, spec: string): Promise<void> {
  const res = await fetch(`${world.emulator.url}/_emulator/faults`, {
    method: 'PUT',
    body: JSON.stringify({spec}),
  })
  if (res.status >= 300) throw new Error(`could not set faults ${spec}: ${res.status} ${await res.text()}`)
}

/** Whether the migration file holds a load run that did not finish (so `--resume` has something to continue). */
export function hasUnfinishedLoad(db: string): boolean {
  const conn = new Database(db, {readonly: true, fileMustExist: true})
  try {
    const row = conn
      .prepare(`SELECT COUNT(*) AS n FROM runs WHERE kind = 'load' AND status <> 'finished'`)
      .get() as {n: number}
    return row.n > 0
  } catch {
    return false
  } finally {
    conn.close()
  }
}

/** Every record of an entity in the emulator, paged through its query endpoint as any client would. */
export async function allOf(world: LoadWorld, entity: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = []
  for (let start = 1; ; start += 1000) {
    const query = `SELECT * FROM ${entity} STARTPOSITION ${start} MAXRESULTS 1000`
    const url = `${world.emulator.url}/v3/company/${world.emulator.realmId}/query?query=${encodeURIComponent(query)}`
    let res = await fetch(url, {
      headers: {Authorization: `Bearer ${world.accessToken}`, Accept: 'application/json'},
    })
    // The emulator enforces QBO's per-second limit; the check backs off as any client must.
    for (let attempt = 0; res.status === 429 && attempt < 20; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      res = await fetch(url, {
        headers: {Authorization: `Bearer ${world.accessToken}`, Accept: 'application/json'},
      })
    }
    if (res.status !== 200) throw new Error(`query ${query} answered ${res.status}`)
    const body = (await res.json()) as {QueryResponse?: Record<string, unknown>}
    const rows = (body.QueryResponse?.[entity] ?? []) as Record<string, unknown>[]
    out.push(...rows)
    if (rows.length < 1000) return out
  }
}

/** Turns the emulator's fault injection off (and takes a fresh access token), so checking what it holds is not itself disturbed. */
export async function faultsOff(world: LoadWorld): Promise<void> {
  const res = await fetch(`${world.emulator.url}/_emulator/faults`, {
    method: 'PUT',
    body: JSON.stringify({spec: ''}),
  })
  if (res.status >= 300) throw new Error(`could not turn faults off: ${res.status} ${await res.text()}`)
  // A fresh access token for the checks: under a large time scale the first one has long expired.
  const tokens = (await (
    await fetch(`${world.emulator.url}/_emulator/tokens`, {method: 'POST', body: '{}'})
  ).json()) as {
    access_token: string
  }
  world.accessToken = tokens.access_token
}

/** Source ids written into QBO PrivateNote markers, with how often each appears. */
export function markerCounts(rows: Record<string, unknown>[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const r of rows) {
    const m = /qbo-toolkit:[a-z-]+:([^\r\n]+)/.exec(String(r.PrivateNote ?? ''))
    if (m?.[1]) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1)
  }
  return counts
}

/** Every source record is in QBO exactly once: by PrivateNote marker, by list name, and per the id map. */
export async function assertExactlyOnce(world: LoadWorld, seedCounts: Record<string, number>): Promise<void> {
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
