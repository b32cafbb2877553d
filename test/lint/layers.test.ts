import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {fileURLToPath} from 'node:url'

import {ESLint} from 'eslint'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const eslint = new ESLint({cwd: ROOT})

/** The boundary rule's messages for `code` linted as if it were the file at `filePath`. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, {filePath})
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

const importing = (specifier: string) => `import {x} from '${specifier}'\nexport const y = x\n`
const importingType = (specifier: string) => `import type {X} from '${specifier}'\nexport type Y = X\n`

/**
 * One row per rule between layers (docs/boundaries.md): a file in `from` that imports `forbidden` fails lint,
 * and the same file importing `allowed` (a neighbour the layer does use) passes, so the rule is not a blanket.
 */
const RULES: {rule: string; from: string; forbidden: string; allowed: string}[] = [
  {
    rule: 'qbo/ does not import staging/',
    from: 'src/qbo/lint-fixture.ts',
    forbidden: '../staging/index.js',
    allowed: '../domain/qbo-limits.js',
  },
  {
    rule: 'qbo/ does not import mappers/',
    from: 'src/qbo/lint-fixture.ts',
    forbidden: '../mappers/index.js',
    allowed: '../ui/logger.js',
  },
  {
    rule: 'qbo/ does not import load/',
    from: 'src/qbo/lint-fixture.ts',
    forbidden: '../load/apply.js',
    allowed: './errors.js',
  },
  {
    rule: 'reconcile/ does not import the writer (load/apply)',
    from: 'src/reconcile/lint-fixture.ts',
    forbidden: '../load/apply.js',
    allowed: '../staging/index.js',
  },
  {
    rule: 'reconcile/ does not import any of load/',
    from: 'src/reconcile/shopify/lint-fixture.ts',
    forbidden: '../../load/shopify/sync.js',
    allowed: '../../qbo/index.js',
  },
  {
    rule: 'load/ does not import commands/',
    from: 'src/load/lint-fixture.ts',
    forbidden: '../commands/migrate/load.js',
    allowed: '../qbo/index.js',
  },
  {
    rule: 'load/ does not import cli/',
    from: 'src/load/prices/lint-fixture.ts',
    forbidden: '../../cli/flags.js',
    allowed: '../../staging/index.js',
  },
  {
    rule: 'load/ does not import workbooks/ (the import that ran back up)',
    from: 'src/load/lint-fixture.ts',
    forbidden: '../workbooks/index.js',
    allowed: '../mappers/index.js',
  },
  {
    rule: 'load/ does not import reconcile/',
    from: 'src/load/lint-fixture.ts',
    forbidden: '../reconcile/reconcile.js',
    allowed: '../sources/shopify/reader.js',
  },
  {
    rule: 'workbooks/ does not import the writer in load/',
    from: 'src/workbooks/preview/lint-fixture.ts',
    forbidden: '../../load/apply.js',
    allowed: '../../load/payload-diff.js',
  },
  {
    rule: 'workbooks/ takes no values from load/ but the pure plan',
    from: 'src/workbooks/lint-fixture.ts',
    forbidden: '../load/migration.js',
    allowed: '../load/plan.js',
  },
  {
    rule: 'workbooks/ does not read staging/ or qbo/',
    from: 'src/workbooks/mapping/lint-fixture.ts',
    forbidden: '../../staging/index.js',
    allowed: '../../mappers/index.js',
  },
  {
    rule: 'no engine imports cli/ (only commands do)',
    from: 'src/staging/lint-fixture.ts',
    forbidden: '../cli/base-command.js',
    allowed: '../domain/errors.js',
  },
  {
    rule: 'no engine imports demo/ or dashboard/',
    from: 'src/sources/lint-fixture.ts',
    forbidden: '../demo/demo.js',
    allowed: '../staging/index.js',
  },
  {
    rule: 'the plan stays pure: no workbooks/',
    from: 'src/load/plan.ts',
    forbidden: '../workbooks/index.js',
    allowed: '../mappers/index.js',
  },
  {
    rule: 'io/ (file helpers for every layer) imports no layer',
    from: 'src/io/lint-fixture.ts',
    forbidden: '../staging/index.js',
    allowed: '../domain/errors.js',
  },
  {
    rule: 'mappers/ stay pure: not even the file helpers',
    from: 'src/mappers/lint-fixture.ts',
    forbidden: '../io/atomic-file.js',
    allowed: '../domain/money.js',
  },
  {
    rule: 'ui/ imports only domain/',
    from: 'src/ui/lint-fixture.ts',
    forbidden: '../staging/index.js',
    allowed: '../domain/redact.js',
  },
  {
    rule: 'sync/ is the scheduler only',
    from: 'src/sync/lint-fixture.ts',
    forbidden: '../load/apply.js',
    allowed: '../domain/errors.js',
  },
  {
    rule: 'extracts/ are read-only: no writer',
    from: 'src/extracts/lint-fixture.ts',
    forbidden: '../load/apply.js',
    allowed: '../io/atomic-file.js',
  },
]

describe('import rules between layers (docs/boundaries.md)', () => {
  for (const {rule, from, forbidden, allowed} of RULES) {
    it(rule, async () => {
      const errors = await boundaryErrors(from, importing(forbidden))
      assert.equal(errors.length, 1, `${from} importing ${forbidden} should fail lint`)
      assert.deepEqual(await boundaryErrors(from, importing(allowed)), [], `${from} may import ${allowed}`)
    })
  }

  it('lets only the commands import cli/, demo/ and dashboard/', async () => {
    for (const target of ['../../cli/flags.js', '../../demo/demo.js', '../../dashboard/server.js']) {
      assert.deepEqual(await boundaryErrors('src/commands/migrate/lint-fixture.ts', importing(target)), [])
      assert.equal((await boundaryErrors('src/load/shopify/lint-fixture.ts', importing(target))).length, 1)
    }
  })

  it('lets workbooks/ name the types of load/ (a diff view) but not take its values', async () => {
    const file = 'src/workbooks/lint-fixture.ts'
    assert.deepEqual(await boundaryErrors(file, importingType('../load/prices/index.js')), [])
    assert.equal((await boundaryErrors(file, importing('../load/prices/index.js'))).length, 1)
  })
})
