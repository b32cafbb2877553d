// The project's own docs are true to the code and need nothing outside the repository (#17).
import assert from 'node:assert/strict'
import {readdirSync, readFileSync} from 'node:fs'
import {join, relative} from 'node:path'
import {describe, it} from 'node:test'
import {fileURLToPath} from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  return readdirSync(join(ROOT, dir), {recursive: true, encoding: 'utf8'})
    .map((f) => join(dir, f))
    .filter(keep)
}

/** The commands as oclif finds them: every file under src/commands, its path the command id. */
function commandIds(): string[] {
  return filesUnder('src/commands', (f) => f.endsWith('.ts'))
    .map((f) => relative('src/commands', f).replace(/\.ts$/, '').split(/[/\\]/).join(' '))
    .map((id) => id.replace(/ ?index$/, '')) // oclif: a folder's index.ts is the folder's command
    .concat('help') // @oclif/plugin-help
    .sort()
}

/** "migrate load [--resume]" → "migrate load": the words before the first argument or flag. */
function commandOf(usage: string): string {
  const words = usage.split(' ')
  const end = words.findIndex((w) => !/^[a-z]+$/.test(w))
  return words.slice(0, end < 0 ? undefined : end).join(' ')
}

describe('docs/cli.md and the README list every command, and only those', () => {
  it('docs/cli.md', () => {
    const doc = read('docs/cli.md')
    const commands = doc.slice(doc.indexOf('## Commands'), doc.indexOf('## Result files'))
    const listed = [...commands.matchAll(/^- `qbo ([^`]*)`/gm)].map((m) => commandOf(m[1]!))
    assert.deepEqual([...new Set(listed)].sort(), commandIds())
  })

  it("the README's generated command reference (npm run build && npm run docs)", () => {
    const listed = [...read('README.md').matchAll(/^\* \[`qbo ([^`]*)`\]/gm)].map((m) => commandOf(m[1]!))
    assert.deepEqual(listed.sort(), commandIds())
  })
})

describe('docs/architecture.md', () => {
  it('names every folder under src/', () => {
    const doc = read('docs/architecture.md')
    const folders = readdirSync(join(ROOT, 'src'), {withFileTypes: true}).filter((d) => d.isDirectory())
    const missing = folders.map((d) => `src/${d.name}/`).filter((f) => !doc.includes(f))
    assert.deepEqual(missing, [])
  })
})

describe('nothing depends on files a clone lacks', () => {
  it('README and docs point at nothing outside the repository', () => {
    const docs = ['README.md', ...filesUnder('docs', (f) => f.endsWith('.md'))]
    const outside = docs.filter((f) => /\.\.\/shared|shared\/(design|reference|realworld)\//.test(read(f)))
    assert.deepEqual(outside, [])
  })

  it('no test reads a file by an absolute path on the machine it was written on', () => {
    const self = relative(ROOT, fileURLToPath(import.meta.url))
    const tests = filesUnder('test', (f) => /\.(ts|mjs|js)$/.test(f) && f !== self)
    assert.deepEqual(
      tests.filter((f) => /['"`]\/(work|home|Users|tmp)\//.test(read(f))),
      [],
    )
  })
})
