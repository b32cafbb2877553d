import assert from 'node:assert/strict'
import {test} from 'node:test'

import {UserInputError} from '../../../src/domain/errors.js'
import type {ExtractContext, ExtractUnit, SourceAdapter, StagedItem} from '../../../src/sources/adapter.js'
import {extractToStaging} from '../../../src/sources/extract.js'
import {silentLogger} from '../../../src/ui/logger.js'
import {tempStaging} from '../../helpers/temp.js'

const rate = (id: string): StagedItem => ({
  kind: 'taxRate',
  id,
  record: {id, name: id, rate: '10', appliesTo: 'both', active: true},
})

function unit(
  label: string,
  items: StagedItem[],
  failAfter?: number,
  checkpoint?: ExtractUnit['checkpoint'],
): ExtractUnit {
  return {
    label,
    type: 'test',
    contentHash: `hash-${label}`,
    ...(checkpoint ? {checkpoint} : {}),
    async *records() {
      let n = 0
      for (const item of items) {
        if (failAfter !== undefined && n++ === failAfter) {
          throw new UserInputError('bad row', {
            next: 'fix it',
            data: {file: label, line: 7, column: 'X', reason: 'bad'},
          })
        }
        yield item
      }
    },
  }
}

const adapter = (units: ExtractUnit[], seen?: (ctx: ExtractContext) => void): SourceAdapter => ({
  system: 'xero-api',
  async *units(ctx) {
    seen?.(ctx)
    yield* units
  },
})

test('a unit that fails part-way stages nothing, and the next unit still stages', async (t) => {
  const {staging} = tempStaging(t)
  const result = await extractToStaging(
    staging,
    adapter([unit('bad', [rate('A'), rate('B'), rate('C')], 2), unit('good', [rate('D')])]),
    {logger: silentLogger},
  )
  assert.deepEqual(
    result.files.map((f) => [f.path, f.status, f.records]),
    [
      ['bad', 'rejected', 0],
      ['good', 'staged', 1],
    ],
  )
  assert.deepEqual(result.files[0]?.error?.data, {file: 'bad', line: 7, column: 'X', reason: 'bad'})
  assert.deepEqual(staging.staged.countsByKind(), {taxRate: 1})
  assert.ok(staging.staged.get('xero-api', 'taxRate', 'D'))
  assert.deepEqual(
    staging.sourceFiles.list().map((f) => f.path),
    ['good'],
  )
  assert.deepEqual(result.counts, {taxRate: 1})
})

test('--dry-run reports what would be staged and writes nothing', async (t) => {
  const {staging} = tempStaging(t)
  const result = await extractToStaging(staging, adapter([unit('u', [rate('A'), rate('B')])]), {
    logger: silentLogger,
    dryRun: true,
  })
  assert.equal(result.files[0]?.status, 'dry-run')
  assert.deepEqual(result.counts, {taxRate: 2})
  assert.deepEqual(staging.staged.countsByKind(), {})
  assert.deepEqual(staging.sourceFiles.list(), [])
  assert.deepEqual(staging.runs.list(), [])
})

test('two records with one id in a unit refuse the unit', async (t) => {
  const {staging} = tempStaging(t)
  const result = await extractToStaging(staging, adapter([unit('u', [rate('A'), rate('A')])]), {
    logger: silentLogger,
  })
  assert.equal(result.files[0]?.status, 'rejected')
  assert.match(result.files[0]?.error?.message ?? '', /share the source id "A"/)
  assert.deepEqual(staging.staged.countsByKind(), {})
})

test('a committed unit records its checkpoint, which --resume reads back in the same run', async (t) => {
  const {staging} = tempStaging(t)
  const stopped: ExtractUnit = {
    label: 'p2',
    type: 'test',
    contentHash: 'h2',
    // eslint-disable-next-line require-yield
    async *records() {
      throw new TypeError('stopped by a daily limit')
    },
  }
  await assert.rejects(
    extractToStaging(
      staging,
      adapter([unit('p1', [rate('A')], undefined, {scope: 'TaxRates', position: 'page 1'}), stopped]),
      {logger: silentLogger},
    ),
    /daily limit/,
  )
  const first = staging.runs.latest('extract')
  assert.equal(first?.status, 'failed')
  let read: string | undefined
  await extractToStaging(
    staging,
    adapter([], (ctx) => (read = ctx.checkpoint('TaxRates'))),
    {logger: silentLogger, resume: true},
  )
  assert.equal(read, 'page 1')
  assert.equal(staging.runs.list().length, 1, 'the resumed run is the same run')
  assert.equal(staging.runs.get(first!.id)?.status, 'finished')

  // A fresh extract starts from the beginning, and there is nothing left to resume.
  let fresh: string | undefined = 'unread'
  await extractToStaging(
    staging,
    adapter([], (ctx) => (fresh = ctx.checkpoint('TaxRates'))),
    {logger: silentLogger},
  )
  assert.equal(fresh, undefined)
  await assert.rejects(
    extractToStaging(staging, adapter([]), {logger: silentLogger, resume: true}),
    /no unfinished xero-api extract to resume/,
  )
})

test('a bug (not a user error) rolls back and propagates', async (t) => {
  const {staging} = tempStaging(t)
  const broken: ExtractUnit = {
    label: 'x',
    type: 'test',
    contentHash: 'h',
    async *records() {
      yield rate('A')
      throw new TypeError('boom')
    },
  }
  await assert.rejects(extractToStaging(staging, adapter([broken]), {logger: silentLogger}), /boom/)
  assert.deepEqual(staging.staged.countsByKind(), {})
  assert.equal(staging.db.inTransaction, false)
})
