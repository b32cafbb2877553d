import assert from 'node:assert/strict'
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, describe, it} from 'node:test'

import {writeAtomically, writeFileDurably} from '../../../src/io/atomic-file.js'

const dir = mkdtempSync(join(tmpdir(), 'atomic-'))
after(() => rmSync(dir, {recursive: true, force: true}))

describe('atomic file writes (src/io/atomic-file.ts)', () => {
  it('replaces the file whole, through a temporary sibling it does not leave behind', async () => {
    const file = join(dir, 'report.xlsx')
    writeFileSync(file, 'old')
    let seen = ''
    await writeAtomically(file, async (tmp) => {
      seen = tmp
      await writeFile(tmp, 'new')
      assert.equal(readFileSync(file, 'utf8'), 'old', 'the old file stays until the new one is complete')
    })
    assert.equal(readFileSync(file, 'utf8'), 'new')
    assert.notEqual(seen, file)
    assert.deepEqual(readdirSync(dir), ['report.xlsx'])
  })

  it('keeps the last good file and removes the partial one when the writer fails', async () => {
    const file = join(dir, 'extract.csv')
    writeFileSync(file, 'last good')
    await assert.rejects(
      writeAtomically(file, async (tmp) => {
        await writeFile(tmp, 'half')
        throw new Error('disk full')
      }),
      /disk full/,
    )
    assert.equal(readFileSync(file, 'utf8'), 'last good')
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.includes('extract')),
      ['extract.csv'],
    )
  })

  it('with a stable temporary name, replaces what a killed write left behind', async () => {
    const file = join(dir, 'PO-1001.pdf')
    let first = ''
    await assert.rejects(
      writeAtomically(
        file,
        async (tmp) => {
          first = tmp
          await writeFile(tmp, '%PDF- cut off')
          throw new Error('killed')
        },
        {stableTemp: true},
      ),
    )
    writeFileSync(first, '%PDF- cut off') // as a SIGKILL leaves it: no catch ran
    await writeAtomically(file, (tmp) => writeFile(tmp, '%PDF- whole'), {stableTemp: true})
    assert.equal(readFileSync(file, 'utf8'), '%PDF- whole')
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.includes('PO-1001')),
      ['PO-1001.pdf'],
    )
  })

  it('writes durable state readable by its owner only', () => {
    const file = join(dir, 'tokens.json')
    writeFileDurably(file, '{"a":1}')
    writeFileDurably(file, '{"a":2}')
    assert.equal(readFileSync(file, 'utf8'), '{"a":2}')
    assert.equal(statSync(file).mode & 0o777, 0o600)
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.includes('tokens')),
      ['tokens.json'],
    )
  })
})
