import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import type {CivilDate} from '../../src/domain/civil-date.js'
import {UserInputError} from '../../src/domain/errors.js'
import {resolveDate} from '../../src/extracts/definitions/relative-date.js'
import {readDefinition} from '../../src/extracts/definitions/schema.js'
import {uniqueName} from '../../src/extracts/output/xlsx.js'
import {tempDir} from '../helpers/temp.js'

const today = '2025-03-15' as CivilDate

describe('dates in a saved definition', () => {
  it('are relative to the day it runs, so it can be scheduled', () => {
    const cases: [string, string][] = [
      ['2024-06-30', '2024-06-30'],
      ['today', '2025-03-15'],
      ['yesterday', '2025-03-14'],
      ['start of this month', '2025-03-01'],
      ['end of last month', '2025-02-28'],
      ['start of last month', '2025-02-01'],
      ['start of this quarter', '2025-01-01'],
      ['end of last quarter', '2024-12-31'],
      ['start of last year', '2024-01-01'],
      ['end of this year', '2025-12-31'],
      ['today - 30 days', '2025-02-13'],
      ['start of this month - 11 months', '2024-04-01'],
      ['end of last month + 1 year', '2026-02-28'],
    ]
    for (const [text, want] of cases) assert.equal(resolveDate(text, today), want, text)
    assert.throws(() => resolveDate('next tuesday', today), UserInputError)
  })
})

describe('reading a saved definition', () => {
  it('names the file and line of a YAML error, and the place of a wrong field', async (t) => {
    const dir = tempDir(t)
    const bad = join(dir, 'bad.yml')
    writeFileSync(bad, 'extracts:\n  - name: x\n    report: [unclosed\n')
    await assert.rejects(
      readDefinition(bad),
      (e: unknown) => e instanceof UserInputError && /bad\.yml line \d/.test(e.message),
    )
    const wrong = join(dir, 'wrong.yml')
    writeFileSync(
      wrong,
      'extracts:\n  - name: P&L\n    report: ProfitAndLoss\n    accounting_method: Accrual\n  - name: Nothing\n',
    )
    await assert.rejects(
      readDefinition(wrong),
      (e: unknown) => e instanceof UserInputError && /extracts\.1/.test(e.message),
    )
    const good = join(dir, 'good.yml')
    writeFileSync(good, 'extracts:\n  - name: P&L\n    report: ProfitAndLoss\n    params: {customer: 58}\n')
    const d = await readDefinition(good)
    assert.deepEqual(d.extracts[0], {name: 'P&L', report: 'ProfitAndLoss', params: {customer: '58'}})
  })

  it('gives each sheet a name Excel accepts', () => {
    const taken = new Set<string>()
    assert.equal(uniqueName('P&L: 2024/25 [draft]', taken), 'P&L  2024 25  draft')
    assert.equal(uniqueName('A very long extract name that Excel would refuse', taken).length, 31)
    assert.equal(uniqueName('p&l  2024 25  draft', taken), 'p&l  2024 25  draft 2')
  })
})
