import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {type Harness, harness, raw} from './client.js'

describe('QBO emulator: the query language over raw HTTP', () => {
  let h: Harness
  before(async () => {
    h = await harness()
    for (const name of ["Adam's Candy Shop", 'Bakery Two', 'Cafe Three', 'Deli Four'])
      await h.post('/customer', {DisplayName: name, CompanyName: name})
  })
  after(() => h.close())

  const rows = async (q: string) =>
    (await h.query(q)).json.QueryResponse.Customer?.map((c: {DisplayName: string}) => c.DisplayName)

  it('selects with =, LIKE %, IN and backslash-escaped quotes, case-insensitive keywords and values', async () => {
    assert.deepEqual(await rows("select * from Customer where DisplayName = 'Adam\\'s Candy Shop'"), [
      "Adam's Candy Shop",
    ])
    assert.deepEqual(
      await rows("SELECT * FROM customer WHERE displayname LIKE '%e%' ORDERBY DisplayName DESC"),
      ['Deli Four', 'Cafe Three', 'Bakery Two'],
    )
    assert.deepEqual(await rows("select * from Customer where DisplayName in ('Cafe Three', 'deli four')"), [
      'Cafe Three',
      'Deli Four',
    ])
    assert.deepEqual(await rows("select * from Customer where DisplayName like 'B%' and Active = true"), [
      'Bakery Two',
    ])
  })

  it('pages with STARTPOSITION (1-based) and MAXRESULTS, and answers an empty page with "QueryResponse": {}', async () => {
    const page = (await h.query('select * from Customer orderby DisplayName startposition 2 maxresults 2'))
      .json.QueryResponse
    assert.equal(page.startPosition, 2)
    assert.equal(page.maxResults, 2)
    assert.deepEqual(
      page.Customer.map((c: {DisplayName: string}) => c.DisplayName),
      ['Bakery Two', 'Cafe Three'],
    )
    const empty = await h.query('select * from Customer startposition 100')
    assert.deepEqual(empty.json.QueryResponse, {})
    assert.ok(empty.json.time)
  })

  it('counts with COUNT(*) and projects named fields', async () => {
    assert.deepEqual((await h.query('select count(*) from Customer')).json.QueryResponse, {totalCount: 4})
    const proj = (await h.query("select DisplayName from Customer where DisplayName = 'Cafe Three'")).json
      .QueryResponse.Customer[0]
    assert.equal(proj.DisplayName, 'Cafe Three')
    assert.equal(proj.CompanyName, undefined)
    assert.ok(proj.Id)
  })

  it('filters on MetaData.LastUpdatedTime and numeric amounts', async () => {
    const all = await rows(
      "select * from Customer where MetaData.LastUpdatedTime > '2000-01-01T00:00:00-07:00'",
    )
    assert.equal(all.length, 4)
    assert.deepEqual(
      (await h.query("select * from Customer where MetaData.CreateTime < '2000-01-01'")).json.QueryResponse,
      {},
    )
    const accts = (await h.query("select * from Account where AccountType = 'Bank'")).json.QueryResponse
      .Account
    assert.equal(accts[0].Name, 'Business Cheque Account')
  })

  it("answers 4001 for a property QBO cannot filter, with QBO's Detail", async () => {
    const r = await h.query("select * from Invoice where PrivateNote = 'x'")
    assert.equal(r.status, 400)
    assert.equal(r.json.Fault.Error[0].code, '4001')
    assert.equal(r.json.Fault.Error[0].Detail, 'Property: PrivateNote is not queryable.')
    assert.equal(
      (await h.query("select * from Invoice where Line.Amount > '1'")).json.Fault.Error[0].code,
      '4001',
    )
  })

  it('answers 4000 for OR, bad syntax and an empty query', async () => {
    for (const q of [
      "select * from Customer where DisplayName = 'a' OR DisplayName = 'b'",
      'select from Customer',
      "select * from Customer where DisplayName = 'open",
      '',
    ])
      assert.equal((await h.query(q)).json.Fault.Error[0].code, '4000', q)
    assert.match((await h.query('')).json.Fault.Error[0].Detail, /The query provided was empty/)
    const or = await h.query("select * from Customer where DisplayName = 'a' OR DisplayName = 'b'")
    assert.match(
      or.json.Fault.Error[0].Detail,
      /^QueryParserError: Encountered " <OR> "OR "" at line 1, column \d+\./,
    )
  })

  it('accepts the statement as a POST body (application/text)', async () => {
    const r = await h.post('/query', 'select count(*) from TaxCode', 'application/text')
    assert.equal(r.json.QueryResponse.totalCount, 10)
    const codes = (
      await raw(`${h.base}/query?query=${encodeURIComponent('select * from TaxCode maxresults 1000')}`, {
        headers: {authorization: `Bearer ${h.token}`},
      })
    ).json
    assert.deepEqual(
      codes.QueryResponse.TaxCode.map((c: {Name: string}) => c.Name),
      [
        'GST',
        'GST-free exports',
        'GST-free',
        'GST on capital',
        'GST-free capital',
        'GST on non-capital',
        'GST-free non-capital',
        'Input taxed',
        'Input taxed - Net',
        '0% Out of Scope',
      ],
    )
  })
})
