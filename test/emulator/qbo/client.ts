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

export async function harness(options: QboEmulatorOptions = {}): Promise<Harness> {
  const emu = await startQboEmulator({throttling: false, ...options})
  const t = (await raw(`${emu.url}/_emulator/tokens`, {method: 'POST', body: '{}'})).json
  const base = `${emu.url}/v3/company/${emu.realmId}`
  const auth = {authorization: `Bearer ${t.access_token}`, accept: 'application/json'}
  return {
    emu,
    token: t.access_token,
    refresh: t.refresh_token,
    base,
    get: (path) => raw(`${base}${path}`, {headers: auth}),
    post: (path, body, contentType = 'application/json') =>
      raw(`${base}${path}`, {
        method: 'POST',
        headers: {...auth, 'content-type': contentType},
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    query: (q) => raw(`${base}/query?query=${encodeURIComponent(q)}&minorversion=75`, {headers: auth}),
    close: () => emu.close(),
  }
}

/** Id of the seeded object of `entity` whose Name is `name`. */
export async function idOf(h: Harness, entity: string, name: string): Promise<string> {
  const r = await h.query(`select * from ${entity} where Name = '${name.replace(/'/g, "\\'")}'`)
  const row = r.json.QueryResponse[entity]?.[0]
  if (!row) throw new Error(`no ${entity} named ${name}`)
  return row.Id
}
