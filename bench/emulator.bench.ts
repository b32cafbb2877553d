import {Agent, createServer, request} from 'node:http'
import type {AddressInfo} from 'node:net'

import {startQboEmulator} from '../src/emulator/qbo/index.js'
import {type Benchmark, compare, measure} from './harness.js'

const N = 4000
const IN_FLIGHT = 8
const TARGET_REQ_PER_SEC = 2000

interface Req {
  method: 'GET' | 'POST'
  path: string
  body?: string
}

/** Half reads (GET customer by id), half writes (POST a new customer), sent 8 at a time over keep-alive. */
function requests(realm: string, readId: string): Req[] {
  return Array.from({length: N}, (_, i) =>
    i % 2 === 0
      ? {method: 'GET', path: `/v3/company/${realm}/customer/${readId}?minorversion=75`}
      : {
          method: 'POST',
          path: `/v3/company/${realm}/customer?minorversion=75`,
          body: JSON.stringify({DisplayName: `Bench ${i}`}),
        },
  )
}

function send(agent: Agent, port: number, token: string, r: Req): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: r.method,
        path: r.path,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.on('error', reject)
    req.end(r.body)
  })
}

async function drive(port: number, token: string, list: Req[]): Promise<number> {
  const agent = new Agent({keepAlive: true, maxSockets: IN_FLIGHT})
  let next = 0
  let failures = 0
  const worker = async () => {
    while (next < list.length) {
      const status = await send(agent, port, token, list[next++]!)
      if (status !== 200) failures++
    }
  }
  await Promise.all(Array.from({length: IN_FLIGHT}, worker))
  agent.destroy()
  if (failures) throw new Error(`${failures} requests failed`)
  return list.length
}

/** The emulator's request handling (auth, routing, validation, storage) over a bare node:http server. */
const bench: Benchmark = {
  name: 'emulator-requests',
  description: `${N} QBO reads and writes (${IN_FLIGHT} in flight, throttling off) vs a bare node:http server answering the same requests`,
  async run() {
    const bare = createServer((req, res) => {
      req.resume()
      req.on('end', () => {
        const body = JSON.stringify({
          Customer: {Id: '1', DisplayName: 'x', SyncToken: '0'},
          time: new Date().toISOString(),
        })
        res.writeHead(200, {'content-type': 'application/json', 'content-length': Buffer.byteLength(body)})
        res.end(body)
      })
    })
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', () => r()))
    // The one place QBO's limits are switched off (QboEmulatorOptions.throttling): this measures how fast
    // the emulator handles requests; at 10 a second it would measure the limit instead.
    const emu = await startQboEmulator({throttling: false})
    try {
      const tokens = (await (await fetch(`${emu.url}/_emulator/tokens`, {method: 'POST'})).json()) as {
        access_token: string
      }
      const emuPort = Number(new URL(emu.url).port)
      const seed = await fetch(`${emu.url}/v3/company/${emu.realmId}/customer`, {
        method: 'POST',
        headers: {authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/json'},
        body: '{"DisplayName":"Bench Reader"}',
      })
      const readId = ((await seed.json()) as {Customer: {Id: string}}).Customer.Id
      const bareList = requests(emu.realmId, readId)
      const bareRun = () => drive((bare.address() as AddressInfo).port, 'x', bareList)
      await drive((bare.address() as AddressInfo).port, 'x', bareList.slice(0, 200))
      const baseline = await measure('bare node:http', bareRun)
      // Warm-up writes use other names so the measured run does not hit duplicate-name faults.
      await drive(
        emuPort,
        tokens.access_token,
        requests(emu.realmId, readId)
          .slice(0, 200)
          .map((r) => (r.body ? {...r, body: r.body.replace('Bench', 'Warm')} : r)),
      )
      const subject = await measure('QBO emulator', () =>
        drive(emuPort, tokens.access_token, requests(emu.realmId, readId)),
      )
      const reqPerSec = (m: {ms: number; items?: number}) => Math.round(((m.items ?? 0) * 1000) / m.ms)
      return compare(bench.name, bench.description, baseline, subject, {
        target: {maxRatio: 10},
        extra: {
          baselineReqPerSec: reqPerSec(baseline),
          subjectReqPerSec: reqPerSec(subject),
          targetReqPerSec: TARGET_REQ_PER_SEC,
          targetMet: reqPerSec(subject) >= TARGET_REQ_PER_SEC,
          // Client and server share this process: on a loaded machine wall time says little, CPU time more.
          baselineReqPerCpuSec: Math.round((N * 1000) / baseline.cpuMs),
          subjectReqPerCpuSec: Math.round((N * 1000) / subject.cpuMs),
        },
      })
    } finally {
      await emu.close()
      await new Promise<void>((r) => bare.close(() => r()))
    }
  },
}

export default bench
