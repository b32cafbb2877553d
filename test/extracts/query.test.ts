import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {UsageError} from '../../src/domain/errors.js'
import {flattenAll} from '../../src/extracts/query/flatten.js'
import {runQuery} from '../../src/extracts/query/run-query.js'
import {parseStatement, qboStatement} from '../../src/extracts/query/statement.js'
import {type QboEntity, readAllStable} from '../../src/qbo/index.js'

/** A fake QBO query endpoint over `rows` that honours ORDERBY Id, STARTPOSITION and MAXRESULTS as QBO does. */
function server(rows: QboEntity[], onPage: (n: number) => void = () => {}) {
  const sent: string[] = []
  return {
    sent,
    queryPage: async (statement: string) => {
      sent.push(statement)
      const m = /STARTPOSITION (\d+) MAXRESULTS (\d+)$/.exec(statement)!
      const ordered = /ORDERBY Id/.test(statement)
        ? [...rows].sort((a, b) => Number(a.Id) - Number(b.Id))
        : [...rows].sort(() => Math.random() - 0.5)
      const page = ordered.slice(Number(m[1]) - 1, Number(m[1]) - 1 + Number(m[2]))
      onPage(sent.length)
      return {rows: page}
    },
  }
}

const invoices = (n: number, note = (i: number) => `note ${i}`): QboEntity[] =>
  Array.from({length: n}, (_, i) => ({
    Id: String(i + 1),
    DocNumber: `INV-${String(i + 1).padStart(4, '0')}`,
    PrivateNote: note(i + 1),
    TotalAmt: i,
  }))

describe('reading every page of a query', () => {
  it('orders by Id and starts each page a little before the last one ended', async () => {
    const s = server(invoices(2500))
    const rows = await readAllStable(s.queryPage, 'SELECT * FROM Invoice')
    assert.equal(rows.length, 2500)
    assert.deepEqual(s.sent, [
      'SELECT * FROM Invoice ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000',
      'SELECT * FROM Invoice ORDERBY Id STARTPOSITION 981 MAXRESULTS 1000',
      'SELECT * FROM Invoice ORDERBY Id STARTPOSITION 1961 MAXRESULTS 1000',
    ])
  })

  it('steps back when more rows vanished than the overlap covers, and still misses none', async () => {
    const rows = invoices(3000)
    const s = server(rows, (n) => {
      // After the first page, 300 invoices it already read are deleted: every later row moves 300 places back.
      if (n === 1) rows.splice(100, 300)
    })
    const got = await readAllStable(s.queryPage, 'SELECT * FROM Invoice', {pageSize: 1000, overlap: 20})
    const ids = got.map((r) => Number(r.Id))
    assert.equal(new Set(ids).size, ids.length)
    for (let id = 401; id <= 3000; id++) assert.ok(ids.includes(id), `invoice ${id}`)
    assert.ok(s.sent.length > 4, 'it looked further back')
  })
})

describe('a query statement taken apart', () => {
  it('keeps the conditions QBO takes, moves PrivateNote, ORDERBY and paging to the client', () => {
    const s = parseStatement(
      "select * from Invoice where TxnDate >= '2024-01-01' AND PrivateNote LIKE '%Adam\\'s%' and CustomerRef IN ('1', '2') ORDER BY DocNumber DESC STARTPOSITION 11 MAXRESULTS 5",
    )
    assert.deepEqual(s.where, ["TxnDate >= '2024-01-01'", "CustomerRef IN ('1', '2')"])
    assert.deepEqual(s.privateNote, [{op: 'LIKE', value: "%Adam's%"}])
    assert.deepEqual([s.orderBy, s.offset, s.limit], [{field: 'DocNumber', desc: true}, 10, 5])
    assert.equal(
      qboStatement(s),
      "SELECT * FROM Invoice WHERE TxnDate >= '2024-01-01' AND CustomerRef IN ('1', '2')",
    )
    assert.deepEqual(parseStatement('SELECT Id, Line FROM Invoice').fields, ['Id', 'Line'])
    assert.throws(
      () => parseStatement("SELECT * FROM Invoice WHERE a = '1' OR b = '2'"),
      (e: unknown) => e instanceof UsageError && /no OR/.test(e.message),
    )
    assert.throws(() => parseStatement('DELETE FROM Invoice'), UsageError)
  })
})

describe('running a query as an extract', () => {
  it('finds records by PrivateNote, which QBO cannot filter: contains, LIKE, =, or our marker', async () => {
    const rows = invoices(1500, (i) =>
      i === 1200 ? 'Shipped\nqbo-toolkit:xero-csv:INV 1200' : i % 500 === 0 ? 'Rush order' : `note ${i}`,
    )
    const s = server(rows)
    const contains = await runQuery(s, 'SELECT * FROM Invoice', {privateNote: 'rush'})
    assert.deepEqual(
      contains.rows.map((r) => r.Id),
      ['500', '1000', '1500'],
    )
    assert.equal(contains.scanned, 1500)
    assert.ok(
      s.sent.every((q) => !/PrivateNote/i.test(q)),
      'QBO is never asked to filter PrivateNote',
    )
    const marker = await runQuery(s, 'SELECT * FROM Invoice', {privateNote: 'qbo-toolkit:xero-csv:INV 1200'})
    assert.deepEqual(
      marker.rows.map((r) => r.Id),
      ['1200'],
    )
    const exact = await runQuery(
      s,
      "SELECT * FROM Invoice WHERE PrivateNote = 'RUSH ORDER' ORDERBY TotalAmt DESC MAXRESULTS 2",
    )
    assert.deepEqual(
      exact.rows.map((r) => r.Id),
      ['1500', '1000'],
    )
  })

  it('flattens nested fields into dotted columns, Id first, numbers kept as numbers', () => {
    const t = flattenAll([
      {
        SyncToken: '0',
        Id: '7',
        CustomerRef: {value: '58', name: 'Amy'},
        Line: [{Amount: 10.5}, {Amount: 2}],
        Active: true,
      },
      {Id: '8', MetaData: {CreateTime: '2024-01-01T00:00:00-07:00'}},
    ])
    assert.deepEqual(t.columns, [
      'Id',
      'SyncToken',
      'CustomerRef.value',
      'CustomerRef.name',
      'Line.0.Amount',
      'Line.1.Amount',
      'Active',
      'MetaData.CreateTime',
    ])
    assert.equal(t.rows[0]!['Line.0.Amount'], 10.5)
    assert.deepEqual(
      flattenAll([{Id: '1', Line: [{Amount: 1}], CustomerRef: {value: '2'}}], ['line']).columns,
      ['Line.0.Amount'],
    )
  })
})
