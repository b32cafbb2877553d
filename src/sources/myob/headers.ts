import {type Verdict, otherSource, verdictOf} from '../files/units.js'
import {isXeroExport} from '../xero-csv/headers.js'
import {MYOB, type MyobFileType} from './layouts.js'

/**
 * MYOB header rows write sub-fields as continuation headers: `Addr 1 - Line 1<TAB>           - Line 2`.
 * Each `- X` inherits the group prefix of the last full header that had one ("Addr 1 - Line 2").
 */
export function expandMyobHeaders(names: readonly string[]): string[] {
  let prefix = ''
  return names.map((raw) => {
    const name = raw.trim()
    const cont = /^-\s*(.+)$/.exec(name)
    if (cont && prefix) return `${prefix} - ${(cont[1] as string).trim()}`
    const group = /^(.+?)\s+-\s+.+$/.exec(name)
    prefix = group ? (group[1] as string).trim() : ''
    return name
  })
}

/** A MYOB export's type from its header row alone (never its file name): MYOB.recognise on expanded names. */
export function recogniseMyobLayout(names: readonly string[]): Verdict<MyobFileType> | undefined {
  return verdictOf(MYOB.recognise(expandMyobHeaders(names)), 'MYOB AccountRight')
}

/** A header that is clearly one of MYOB's exports (to tell a user who gave it to the Xero extract). */
export function isMyobExport(names: readonly string[]): boolean {
  return MYOB.recognise(expandMyobHeaders(names)).kind === 'match'
}

/**
 * What `--from myob` does with a file: read it, refuse it (with why), or (undefined) skip it as no export.
 * A header only loosely like a MYOB export that is clearly a Xero one is refused as Xero's.
 */
export function recogniseMyobFile(names: readonly string[]): Verdict<MyobFileType> | undefined {
  if (isMyobExport(names)) return recogniseMyobLayout(names)
  if (isXeroExport(names)) return otherSource('a Xero CSV export', 'xero-csv')
  return recogniseMyobLayout(names)
}
