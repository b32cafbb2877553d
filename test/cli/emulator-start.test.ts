import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {fileURLToPath} from 'node:url'
import {describe, it} from 'node:test'

import {runCli} from '../helpers/cli.js'

const DEV = fileURLToPath(new URL('../../bin/dev.js', import.meta.url))

describe('qbo emulator start', () => {
  it('prints the listening line, serves, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [DEV, 'emulator', 'start', '--port', '0', '--time-scale', '60'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {...process.env, NO_COLOR: '1'},
    })
    const line = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString()
        if (out.includes('\n')) resolve(out.split('\n')[0]!)
      })
      child.on('exit', (code) => reject(new Error(`exited ${code} before listening`)))
    })
    const m = /^QBO emulator listening on (http:\/\/127\.0\.0\.1:\d+) \(realm (\d+)\)$/.exec(line)
    assert.ok(m, line)
    const stats = (await (await fetch(`${m[1]}/_emulator/stats`)).json()) as {
      writes: number
      entities: {Account: number}
    }
    assert.equal(stats.writes, 0)
    assert.ok(stats.entities.Account > 0)
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    child.kill('SIGTERM')
    assert.equal(await exited, 0)
  })

  it('--provider xero serves the demo company and stops cleanly on SIGINT', async () => {
    const child = spawn(
      process.execPath,
      [DEV, 'emulator', 'start', '--provider', 'xero', '--time-scale', '60'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {...process.env, NO_COLOR: '1'},
      },
    )
    const line = await firstLine(child)
    const m = /^Xero emulator listening on (http:\/\/127\.0\.0\.1:\d+) \(tenant ([0-9a-f-]{36})\)$/.exec(line)
    assert.ok(m, line)
    const [, url, tenant] = m
    const tokens = (await (await fetch(`${url}/_emulator/tokens`, {method: 'POST'})).json()) as {
      access_token: string
    }
    const org = (await (
      await fetch(`${url}/api.xro/2.0/Organisation`, {
        headers: {
          authorization: `Bearer ${tokens.access_token}`,
          'xero-tenant-id': tenant!,
          accept: 'application/json',
        },
      })
    ).json()) as {Organisations: {Name: string}[]}
    assert.equal(org.Organisations[0]?.Name, 'Harbourside Trading Pty Ltd')
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    child.kill('SIGINT')
    assert.equal(await exited, 0)
  })

  it('refuses a missing --company folder, --company without xero and a bad --faults spec (exit 2)', async () => {
    const missing = await runCli(['emulator', 'start', '--provider', 'xero', '--company', 'no/such/dir'])
    assert.equal(missing.code, 2)
    assert.match(missing.stderr, /no such folder/)
    const qbo = await runCli(['emulator', 'start', '--company', 'fixtures/demo/xero-api'])
    assert.equal(qbo.code, 2)
    assert.match(qbo.stderr, /Xero emulator only/)
    const bad = await runCli(['emulator', 'start', '--faults', 'http500=2'])
    assert.equal(bad.code, 2)
    assert.match(bad.stderr, /Bad fault spec/)
  })
})

function firstLine(child: ReturnType<typeof spawn>): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('\n')) resolve(out.split('\n')[0]!)
    })
    child.on('exit', (code) => reject(new Error(`exited ${code} before listening`)))
  })
}
