// The one place the acceptance tests get their QBO server: the real emulator (src/emulator/qbo) when it
// is in the tree, otherwise the fake in test/qbo/fakes. Both take the emulator's agreed options and serve
// the same endpoints (OAuth consent form, token/revoke, /v3/company/..., /_emulator/tokens|stats|faults).
// QBO_TEST_SERVER=fake forces the fake.
import {existsSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

import {type FakeQboOptions, startFakeQbo} from '../fakes/fake-qbo.js'

export type ServerOptions = Omit<FakeQboOptions, 'limits' | 'accessTtl'>

export interface TestServer {
  url: string
  realmId: string
  close(): Promise<void>
}

const EMULATOR = fileURLToPath(new URL('../../../src/emulator/qbo/index.ts', import.meta.url))

export const SERVER_KIND: 'fake' | 'emulator' =
  process.env.QBO_TEST_SERVER !== 'fake' && existsSync(EMULATOR) ? 'emulator' : 'fake'

export async function startServer(opts: ServerOptions = {}): Promise<TestServer> {
  if (SERVER_KIND === 'fake') return startFakeQbo(opts)
  // A computed specifier: this branch typechecks whether or not the emulator is in the tree.
  const mod = (await import(EMULATOR)) as {startQboEmulator: (o: ServerOptions) => Promise<TestServer>}
  return mod.startQboEmulator(opts)
}

export interface ControlTokens {
  access_token: string
  refresh_token: string
  realmId: string
  expires_in: number
  x_refresh_token_expires_in: number
}

/** The emulator's control endpoint: fresh tokens for a realm without the browser. */
export async function controlTokens(url: string, realmId?: string): Promise<ControlTokens> {
  const res = await fetch(`${url}/_emulator/tokens`, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify(realmId ? {realmId} : {}),
  })
  return (await res.json()) as ControlTokens
}

export async function serverStats(url: string): Promise<Record<string, unknown>> {
  return (await (await fetch(`${url}/_emulator/stats`)).json()) as Record<string, unknown>
}
