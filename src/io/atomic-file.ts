// Every file the tool writes for a person (workbooks, extracts, PDFs) or for itself (the token store) goes
// through a temporary sibling renamed into place: a crash, a full disk or a failed export never leaves half a
// file where the last good one was. The rename is atomic on one volume, hence a sibling, not a temp folder.
import {randomBytes} from 'node:crypto'
import {closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync} from 'node:fs'
import {rm, rename} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'

/** A hidden name beside `file` (same folder, so the same volume); unique unless `stable`. */
function tempSibling(file: string, stable = false): string {
  const unique = stable ? '' : `.${process.pid}.${randomBytes(4).toString('hex')}`
  return join(dirname(file), `.${basename(file)}${unique}.tmp`)
}

/**
 * `write` fills the temporary file (a streaming xlsx writer, a PDF, a csv); then it takes the file's name.
 * `stableTemp`: the temporary name depends on the target alone, for a job that resumes under its lock after a
 * kill (the purchase-order PDFs): the next write of the same file replaces what the killed one left, where a
 * unique name would stay behind as litter. Without a lock two writers would share it, hence not the default.
 */
export async function writeAtomically(
  file: string,
  write: (tmp: string) => Promise<void>,
  options: {stableTemp?: boolean} = {},
): Promise<void> {
  const tmp = tempSibling(file, options.stableTemp)
  try {
    await write(tmp)
    await rename(tmp, file)
  } catch (error) {
    await rm(tmp, {force: true})
    throw error
  }
}

/**
 * The durable variant, for state the tool cannot lose (tokens): the content is fsynced before the rename and
 * the folder after it, so after a power cut the file is the old one or the new one, whole.
 */
export function writeFileDurably(file: string, data: string, mode = 0o600): void {
  const tmp = tempSibling(file)
  try {
    const fd = openSync(tmp, 'w', mode)
    try {
      writeSync(fd, data)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, file)
  } catch (error) {
    rmSync(tmp, {force: true})
    throw error
  }
  try {
    const dfd = openSync(dirname(file), 'r')
    try {
      fsyncSync(dfd)
    } finally {
      closeSync(dfd)
    }
  } catch {
    // Some filesystems refuse fsync on a directory; the rename itself is still atomic.
  }
}
