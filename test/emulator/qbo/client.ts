// Raw-HTTP helpers for the conformance suite: fetch only, no project client, so the tests check the wire.
import {type QboEmulator, type QboEmulatorOptions, startQboEmulator} from '../../../src/emulator/qbo/index.js'

export interface Raw {
  status: number
  headers: Headers
  text: string
  json: any // eslint-disable-line @typescript-eslint/no-explicit-any -- QBO JSON of any shape, asserted field by field
}

export interface Harness {
  emu: QboEmulator
  token: string
  refresh: string
  base: string
  get(path: string): Promise<Raw>
  post(path: string, body: unknown, contentType?: string): Promise<Raw>
  query(q: string): Promise<Raw>
  close(): Promise<void>
}

export async function raw(url: string, init: RequestInit = {}): Promise<Raw> {
  const r = await fetch(url, init)
  const text = await r.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return {status: r.status, headers: r.headers, text, json}
}

export interface HarnessOptions extends QboEmulatorOptions {
  /**
   * Wait out a 429 and send again, as a polite client does (default true), so the conformance tests run
   * against QBO's real limits without failing on them. The throttle tests turn it off to see the 429s.
   */
  retryThrottled?: boolean
}

/**
 * An emulator with QBO's limits on, at time scale 60 unless a test asks otherwise (a QBO second is then
 * 17 ms, so a sequential test is rarely slowed), and a raw-HTTP client for its default company. An access
 * token expires after a minute at that scale; the client takes a new one when it gets a 401.
 */
export async function harness(options: HarnessOptions = {}): Promise<Harness> {
  const {retryThrottled = true, ...emulatorOptions} = options
  const emu = await startQboEmulator({timeScale: 60, ...emulatorOptions})
  const timeScale = emulatorOptions.timeScale ?? 60
  const newTokens = async () => (await raw(`${emu.url}/_emulator/tokens`, {method: 'POST', body: '{}'})).json
  const t = await newTokens()
  const base = `${emu.url}/v3/company/${emu.realmId}`
  const h: Harness = {
    emu,
    token: t.access_token,
    refresh: t.refresh_token,
    base,
    get: (path) => send(`${base}${path}`, {}),
    post: (path, body, contentType = 'application/json') =>
      send(`${base}${path}`, {
        method: 'POST',
        headers: {'content-type': contentType},
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    query: (q) => send(`${base}/query?query=${encodeURIComponent(q)}&minorversion=75`, {}),
    close: () => emu.close(),
  }
  async function send(url: string, init: RequestInit): Promise<Raw> {
    for (let attempt = 0; ; attempt++) {
      const headers = {
        ...(init.headers as Record<string, string>),
        authorization: `Bearer ${h.token}`,
        accept: 'application/json',
      }
      const r = await raw(url, {...init, headers})
      if (r.status === 401 && attempt === 0) {
        const fresh = await newTokens()
        h.token = fresh.access_token
        h.refresh = fresh.refresh_token
        continue
      }
      if (r.status !== 429 || !retryThrottled || attempt > 100) return r
      // A 429 changed nothing, so sending again is safe; one QBO second frees the per-second window.
      await new Promise((resolve) => setTimeout(resolve, 1000 / timeScale))
    }
  }
  return h
}

/** Id of the seeded object of `entity` whose Name is `name`. */
export async function idOf(h: Harness, entity: string, name: string): Promise<string> {
  const r = await h.query(`select * from ${entity} where Name = '${name.replace(/'/g, "\\'")}'`)
  const row = r.json.QueryResponse[entity]?.[0]
  if (!row) throw new Error(`no ${entity} named ${name}`)
  return row.Id
}
