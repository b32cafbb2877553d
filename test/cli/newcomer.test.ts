// What a new user meets around the main job: help, typos, a mistyped --db, ordinary file mistakes (#17).
import assert from 'node:assert/strict'
import {existsSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {storageErrorOf} from '../../src/cli/file-errors.js'
import {closest} from '../../src/cli/not-found.js'
import {runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/temp.js'

describe('help', () => {
  it('`qbo help`, `qbo help migrate` and -h all answer', async () => {
    const [all, topic, short] = await Promise.all([
      runCli(['help']),
      runCli(['help', 'migrate']),
      runCli(['migrate', 'plan', '-h']),
    ])
    assert.equal(all.code, 0, all.stderr)
    assert.match(all.stdout, /TOPICS[\s\S]*migrate/)
    assert.equal(topic.code, 0, topic.stderr)
    assert.match(topic.stdout, /migrate plan/)
    assert.equal(short.code, 0, short.stderr)
    assert.match(short.stdout, /USAGE\s+\$ qbo migrate plan/)
  })

  it('a mistyped command names the one probably meant, exit 2', async () => {
    const [typo, json] = await Promise.all([
      runCli(['migrate', 'plann']),
      runCli(['migrat', 'status', '--json']),
    ])
    assert.equal(typo.code, 2)
    assert.match(typo.stderr, /Did you mean `qbo migrate plan`\?/)
    assert.equal(json.code, 2)
    const doc = JSON.parse(json.stdout) as {error: {code: string; next: string}}
    assert.equal(doc.error.code, 'USAGE')
    assert.match(doc.error.next, /qbo help/)
  })

  it('suggests only names near enough to be a typo', () => {
    const known = ['migrate', 'migrate plan', 'po', 'query']
    assert.equal(closest('migrat', known), 'migrate')
    assert.equal(closest('foo', known), undefined)
  })
})

describe('a mistyped --db', () => {
  it('is refused by name, and no empty migration file is made', async (t) => {
    const db = join(tempDir(t), 'mistyped.db')
    const results = await Promise.all([
      runCli(['migrate', 'status', '--db', db]),
      runCli(['migrate', 'reconcile', '--db', db, '--out', join(tempDir(t), 'r.xlsx'), '--json']),
    ])
    for (const r of results) {
      assert.equal(r.code, 1, r.stdout + r.stderr)
      assert.match(r.stdout + r.stderr, /no migration file at .*mistyped\.db/)
    }
    assert.equal(existsSync(db), false)
  })
})

describe('ordinary file mistakes are the user’s to fix, not bugs', () => {
  it('a missing folder, a workbook named .csv, a demo --out that is a file', async (t) => {
    const dir = tempDir(t)
    const file = join(dir, 'taken.xlsx')
    writeFileSync(file, 'x')
    const [noDir, csv, demo] = await Promise.all([
      runCli(['migrate', 'mapping', 'export', join(dir, 'nodir', 'mapping.xlsx')]),
      runCli(['migrate', 'mapping', 'export', join(dir, 'mapping.csv')]),
      runCli(['migrate', 'demo', '--out', file]),
    ])
    for (const r of [noDir, csv, demo]) {
      assert.doesNotMatch(r.stderr, /bug in qbo-toolkit|\n\s+at /, r.stderr)
      assert.match(r.stderr, /^Error: [\s\S]*\nNext: /)
    }
    assert.match(noDir.stderr, /nodir does not exist/)
    assert.equal(csv.code, 2)
    assert.match(csv.stderr, /must end in \.xlsx/)
    assert.equal(existsSync(join(dir, 'mapping.csv')), false)
    assert.match(demo.stderr, /is a file, not a folder/)
  })

  it('names the user’s file, not the temporary file it is written through', () => {
    const e = storageErrorOf({code: 'ENOENT', path: 'out/.p.xlsx.22025.a767b9c9.tmp', message: 'ENOENT'})
    assert.match(e?.message ?? '', /"out\/p\.xlsx"/)
    assert.match(
      storageErrorOf({code: 'EEXIST', path: 'x', message: 'EEXIST'})?.message ?? '',
      /already there/,
    )
  })
})
