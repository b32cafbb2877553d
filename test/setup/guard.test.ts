import assert from 'node:assert/strict'
import {createServer} from 'node:http'
import {connect} from 'node:net'
import {describe, it} from 'node:test'

describe('network guard', () => {
  it('refuses connections to anything but loopback', () => {
    assert.throws(() => connect({host: '93.184.216.34', port: 443}), /Network is off in tests/)
    assert.throws(() => connect(443, 'quickbooks.api.intuit.com'), /Network is off in tests/)
  })

  it('refuses fetch to a public host', async () => {
    await assert.rejects(fetch('https://quickbooks.api.intuit.com/v3/company/1/query'))
  })

  it('allows loopback', async (t) => {
    const server = createServer((_req, res) => res.end('ok'))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    t.after(() => server.close())
    const {port} = server.address() as {port: number}
    assert.equal(await (await fetch(`http://127.0.0.1:${port}/`)).text(), 'ok')
  })
})
