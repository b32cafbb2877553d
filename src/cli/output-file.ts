import {existsSync, statSync} from 'node:fs'
import {dirname, extname, resolve} from 'node:path'

import {UsageError, UserInputError} from '../domain/errors.js'

/**
 * Checks a file the command will write before any work starts, so a typo costs seconds rather than a whole
 * plan or reconciliation: the name ends as the format written (an xlsx named .csv would fool Excel and the
 * user), and its folder exists.
 */
export function checkOutputFile(file: string, o: {flag: string; ext: '.xlsx'}): string {
  if (extname(file).toLowerCase() !== o.ext)
    throw new UsageError(
      `${o.flag} ${file}: this writes an Excel workbook, so the name must end in ${o.ext}.`,
      {
        next: `Give a name ending in ${o.ext}, e.g. ${file.replace(/\.[^./\\]*$/, '')}${o.ext}.`,
      },
    )
  checkFolder(dirname(resolve(file)), `${o.flag} ${file}`)
  if (existsSync(file) && statSync(file).isDirectory())
    throw new UserInputError(`${o.flag} ${file} is a folder.`, {next: 'Give the name of a file to write.'})
  return file
}

/** A folder the command writes into: it may be missing (it is made) but must not be a file. */
export function checkOutputFolder(folder: string, flag: string): string {
  if (existsSync(folder) && !statSync(folder).isDirectory())
    throw new UserInputError(`${flag} ${folder} is a file, not a folder.`, {
      next: `Give a folder (it is made if missing), e.g. ${flag} ./demo-out.`,
    })
  return folder
}

function checkFolder(folder: string, what: string): void {
  if (!existsSync(folder))
    throw new UserInputError(`${what}: the folder ${folder} does not exist.`, {
      next: 'Create the folder first, or choose a file in a folder that exists.',
      data: {folder},
    })
  if (!statSync(folder).isDirectory())
    throw new UserInputError(`${what}: ${folder} is a file, not a folder.`, {
      next: 'Choose a file in a folder that exists.',
      data: {folder},
    })
}
