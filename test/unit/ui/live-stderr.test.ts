import assert from 'node:assert/strict'
import {test} from 'node:test'

import {LiveStderr} from '../../../src/ui/live-stderr.js'

/** A stderr that records what reaches the terminal. */
function fakeStderr(): {stream: NodeJS.WriteStream; written: string[]} {
  const written: string[] = []
  const stream = {
    isTTY: true,
    columns: 100,
    write(chunk: string | Uint8Array) {
      written.push(String(chunk))
      return true
    },
  }
  return {stream: stream as unknown as NodeJS.WriteStream, written}
}

test('while the live display runs, each line written to stderr goes to the running step, whole (#17)', () => {
  const {stream, written} = fakeStderr()
  const output = new LiveStderr(stream)
  assert.equal(output.live, false)
  output.hijack()
  assert.equal(output.live, true)
  const shown: string[] = []

  stream.write('written before the step started\n')
  output.showIn((line) => shown.push(line))
  stream.write('Warning: QBO throttled')
  stream.write(Buffer.from('; waiting 2 s\nnext line'))
  stream.write('\x1b[?25l') // the renderer hiding the cursor through stderr: not a line of its own
  stream.write(' and its end\n')
  assert.deepEqual(shown, [
    'written before the step started',
    'Warning: QBO throttled; waiting 2 s',
    'next line and its end',
  ])

  // After the step, lines are held and written to the terminal when the display ends, as listr2 does.
  output.showIn(undefined)
  stream.write('after the step\nunfinished')
  const before = written.length
  output.release()
  assert.equal(output.live, false)
  assert.ok(written.slice(before).join('').endsWith('after the step\nunfinished\n'), written.join(''))
  // The stream's own write is back.
  stream.write('plain\n')
  assert.equal(written.at(-1), 'plain\n')
})
