// Two steps as a command runs them: the first logs a warning while its spinner turns. Started by
// live-log.test.ts, under a pseudo-terminal (script) or with stderr piped.
import {setTimeout as sleep} from 'node:timers/promises'

import {createLogger} from '../../../src/ui/logger.js'
import type {OutputMode} from '../../../src/ui/output.js'
import {withProgress} from '../../../src/ui/progress.js'

const mode: OutputMode = {json: process.argv.includes('--json'), verbose: false}
const logger = createLogger(mode)

await withProgress('First step', mode, async (progress) => {
  progress.update('record 1/2')
  logger.warn('halfway through the first step')
  // Long enough for the live display to draw a few frames with the warning in them.
  await sleep(400)
  progress.update('record 2/2')
  await sleep(200)
})
await withProgress('Second step', mode, () => sleep(200))
if (mode.json) process.stdout.write(JSON.stringify({ok: true}) + '\n')
