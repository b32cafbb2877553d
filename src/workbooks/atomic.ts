import {randomBytes} from 'node:crypto'
import {rm, rename} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'

/**
 * Writes a file through a temporary sibling and renames it into place, so a crash or a full disk never
 * leaves half a workbook where the accountant expects the last good one. The rename is atomic on one volume.
 */
export async function writeAtomically(file: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    await write(tmp)
    await rename(tmp, file)
  } catch (error) {
    await rm(tmp, {force: true})
    throw error
  }
}
