// Raw HTTP against the Xero emulator (fetch only), so the filter tests check the wire, not a client.
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {
  DEMO_XERO_COMPANY_DIR,
  startXeroEmulator,
  type XeroEmulatorOptions,
  type XeroRecord,
} from '../../../../src/emulator/xero/index.js'

export interface XeroReply {
  status: number
  headers: Headers
  text: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Xero JSON of any shape, asserted field by field
  json: any
}

export async function xeroClient(t: {after(fn: () => Promise<void>): void}, options: XeroEmulatorOptions) {
  const emulator = await startXeroEmulator({rateLimits: false, ...options})
  t.after(() => emulator.close())
  const tokens = (await (await fetch(`${emulator.url}/_emulator/tokens`, {method: 'POST'})).json()) as {
    access_token: string
  }
  const get = async (path: string, headers: Record<string, string> = {}): Promise<XeroReply> => {
    const res = await fetch(`${emulator.url}/api.xro/2.0/${path}`, {
      headers: {
        authorization: `Bearer ${tokens.access_token}`,
        'xero-tenant-id': emulator.tenantId,
        accept: 'application/json',
        ...headers,
      },
    })
    const text = await res.text()
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    return {status: res.status, headers: res.headers, text, json}
  }
  return {emulator, get, token: tokens.access_token}
}

/** The bundled demo company's records of one collection, read straight from its file (the test's oracle). */
export function demoRecords(collection: string): XeroRecord[] {
  const body = JSON.parse(readFileSync(join(DEMO_XERO_COMPANY_DIR, `${collection}.json`), 'utf8')) as Record<
    string,
    XeroRecord[]
  >
  return body[collection]!
}
