import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'

import iconv from 'iconv-lite'

import {isToolError} from '../../../src/domain/errors.js'
import {sniffFile} from '../../../src/sources/files/decode.js'
import {readRows} from '../../../src/sources/files/rows.js'
import {tempDir} from '../../helpers/temp.js'

const text = 'Name,City\r\nCafé Müller,Zürich\r\n'

async function rows(path: string, encoding: Awaited<ReturnType<typeof sniffFile>>['encoding']) {
  const out: string[][] = []
  for await (const r of readRows(path, {encoding, delimiter: ','})) out.push(r.fields)
  return out
}

for (const [label, bytes, encoding] of [
  ['UTF-8', Buffer.from(text, 'utf8'), 'utf8'],
  ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf8'],
  ['windows-1252', iconv.encode(text, 'windows-1252'), 'windows-1252'],
  ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]), 'utf16le'],
] as const) {
  test(`encoding detection: ${label}`, async (t) => {
    const path = join(tempDir(t), 'f.csv')
    writeFileSync(path, bytes)
    const sniff = await sniffFile(path)
    assert.equal(sniff.encoding, encoding)
    assert.equal(sniff.head[0], 'Name,City')
    assert.deepEqual(await rows(path, sniff.encoding), [
      ['Name', 'City'],
      ['Café Müller', 'Zürich'],
    ])
  })
}

test('a UTF-8 sequence split across read chunks is still UTF-8', async (t) => {
  const path = join(tempDir(t), 'big.csv')
  writeFileSync(path, 'a,b\n' + 'é,ü\n'.repeat(40_000))
  assert.equal((await sniffFile(path)).encoding, 'utf8')
})

test('NUL bytes (UTF-16 without a BOM) are refused as undecodable', async (t) => {
  const path = join(tempDir(t), 'f.csv')
  writeFileSync(path, iconv.encode(text, 'utf16le'))
  await assert.rejects(sniffFile(path), (e) => isToolError(e) && /undecodable text/.test(e.message))
})

test('row line numbers count lines, also when a quoted field spans lines', async (t) => {
  const path = join(tempDir(t), 'f.csv')
  writeFileSync(path, 'a,b\r\n"x\r\ny",1\r\n\r\nz,2\r\n')
  const got: [number, string[]][] = []
  for await (const r of readRows(path, {encoding: 'utf8', delimiter: ',', keepEmpty: true}))
    got.push([r.line, r.fields])
  assert.deepEqual(got, [
    [1, ['a', 'b']],
    [2, ['x\r\ny', '1']],
    [4, []],
    [5, ['z', '2']],
  ])
})
