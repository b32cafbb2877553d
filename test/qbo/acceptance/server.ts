// The one place the acceptance tests get their QBO server. Today: the fake in test/qbo/fakes (the
// emulator is being built in parallel). When src/emulator/qbo lands, return startQboEmulator(opts) here;
// the options and the endpoints used by the tests are the emulator's agreed ones.
import {type FakeQboOptions, startFakeQbo} from '../fakes/fake-qbo.js'

export type ServerOptions = Omit<FakeQboOptions, 'limits' | 'accessTtl'>

export interface TestServer {
  url: string
  realmId: string
  close(): Promise<void>
}

export const SERVER_KIND: 'fake' | 'emulator' = 'fake'

export function startServer(opts: ServerOptions = {}): Promise<TestServer> {
  return startFakeQbo(opts)
}

/** The emulator's control endpoint: fresh tokens for a realm without the browser. */
export async function controlTokens(
  url: string,
  realmId?: string,
): Promise<{
  access_token: string
  refresh_token: string
  realmId: string
  expires_in: number
  x_refresh_token_expires_in: number
}> {
  const res = await fetch(`${url}/_emulator/tokens`, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify(realmId ? {realmId} : {}),
  })
  return (await res.json()) as {
    access_token: string
    refresh_token: string
    realmId: string
    expires_in: number
    x_refresh_token_expires_in: number
  }
}

export async function serverStats(url: string): Promise<Record<string, unknown>> {
  return (await (await fetch(`${url}/_emulator/stats`)).json()) as Record<string, unknown>
}
