import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {UsageError, UserInputError} from '../../src/domain/errors.js'
import {readChanges, resolveSince} from '../../src/extracts/changes.js'
import {silentLogger} from '../../src/ui/logger.js'

const NOW = new Date('2025-06-30T12:00:00Z')

/** A fake CDC endpoint: objects changed at or after changedSince, active first then deleted, 1000 at most. */
function cdc(objects: {Id: string; t: string; deleted?: boolean}[]) {
  const asked: string[] = []
  return {
    asked,
    cdc: async (entities: readonly string[], since: string) => {
      asked.push(since)
      const from = Date.parse(since)
      const hit = objects.filter((o) => Date.parse(o.t) >= from)
      const rows = [...hit.filter((o) => !o.deleted), ...hit.filter((o) => o.deleted)]
        .slice(0, 1000)
        .map((o) =>
          o.deleted
            ? {status: 'Deleted', Id: o.Id, MetaData: {LastUpdatedTime: o.t}}
            : {Id: o.Id, MetaData: {LastUpdatedTime: o.t}},
        )
      return {
        CDCResponse: [
          {
            QueryResponse: [
              rows.length ? {[entities[0]!]: rows, startPosition: 1, maxResults: rows.length} : {},
            ],
          },
        ],
        time: '',
      }
    },
  }
}

const at = (second: number) =>
  new Date(Date.parse('2025-06-29T00:00:00Z') + second * 1000).toISOString().replace('.000Z', '-00:00')

describe('changes through change data capture', () => {
  it('asks again from the last change seen while an answer is full, keeping each object once', async () => {
    // 2,500 objects, 10 per second; 20 of them deleted later.
    const objects = Array.from({length: 2500}, (_, i) => ({Id: String(i + 1), t: at(Math.floor(i / 10))}))
    objects.push(...Array.from({length: 20}, (_, i) => ({Id: String(i + 1), t: at(300 + i), deleted: true})))
    const source = cdc(objects)
    const r = await readChanges(
      source,
      {entities: ['Invoice'], since: new Date('2025-06-28T00:00:00Z'), now: NOW},
      silentLogger,
    )
    assert.ok(source.asked.length >= 3)
    assert.equal(r.records.length, 2500)
    assert.equal(r.entities.Invoice!.deleted, 20)
    assert.equal(r.records.find((x) => x.id === '5')!.status, 'Deleted', 'the later deletion wins')
    assert.ok(
      r.warnings.some((w) => /deletions before .* may be missing/.test(w)),
      'says when deletions may have been cut off',
    )
  })

  it('stops with a clear error when more than 1000 changes share one second', async () => {
    const objects = Array.from({length: 1200}, (_, i) => ({Id: String(i + 1), t: at(5)}))
    await assert.rejects(
      readChanges(
        cdc(objects),
        {entities: ['Item'], since: new Date('2025-06-28T00:00:00Z'), now: NOW},
        silentLogger,
      ),
      /within one second/,
    )
  })

  it('refuses what QBO refuses: more than 30 days back, entities without CDC', async () => {
    await assert.rejects(
      readChanges(
        cdc([]),
        {entities: ['Invoice'], since: new Date('2025-05-01T00:00:00Z'), now: NOW},
        silentLogger,
      ),
      (e: unknown) =>
        e instanceof UserInputError && /30 days/.test(e.message) && /MetaData.LastUpdatedTime/.test(e.next),
    )
    await assert.rejects(
      readChanges(
        cdc([]),
        {entities: ['Invoice', 'TaxCode'], since: new Date('2025-06-20T00:00:00Z'), now: NOW},
        silentLogger,
      ),
      (e: unknown) => e instanceof UsageError && /TaxCode/.test(e.message),
    )
  })

  it('reads --since as a time, a date or a duration back from now', () => {
    assert.equal(resolveSince('7d', NOW).toISOString(), '2025-06-23T12:00:00.000Z')
    assert.equal(resolveSince('12h', NOW).toISOString(), '2025-06-30T00:00:00.000Z')
    assert.equal(resolveSince('2025-06-01', NOW).toISOString(), '2025-06-01T00:00:00.000Z')
    assert.equal(resolveSince('2025-06-01T09:00:00-07:00', NOW).toISOString(), '2025-06-01T16:00:00.000Z')
    assert.throws(() => resolveSince('last week', NOW), UsageError)
  })
})
