import assert from 'node:assert/strict'
import {mkdtempSync, mkdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {fileURLToPath} from 'node:url'

import {findCycles, importGraph} from './import-graph.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

describe('import cycles', () => {
  it('src/ has none, type-only imports included', () => {
    const graph = importGraph(ROOT, 'src')
    assert.ok(graph.size > 100, `read only ${graph.size} files`)
    assert.deepEqual(findCycles(graph), [])
  })

  it('finds a cycle made of a type import one way and a value import the other', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cycles-'))
    try {
      mkdirSync(join(dir, 'src', 'preview'), {recursive: true})
      writeFileSync(join(dir, 'src', 'preview', 'summary.ts'), "import type {Meta} from './write.js'\n")
      writeFileSync(
        join(dir, 'src', 'preview', 'write.ts'),
        "import {summary} from './summary.js'\nexport type Meta = {a: 1}\n",
      )
      writeFileSync(join(dir, 'src', 'alone.ts'), "import {x} from './preview/write.js'\n")
      assert.deepEqual(findCycles(importGraph(dir, 'src')), [
        ['src/preview/summary.ts', 'src/preview/write.ts'],
      ])
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })

  it('finds a longer cycle across folders', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
    ])
    assert.deepEqual(findCycles(graph), [['a', 'b', 'c']])
  })
})
