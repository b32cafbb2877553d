import {MYOB} from './layouts.js'

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

/** A header that is clearly one of MYOB's exports (to tell a user who gave it to the Xero extract). */
export function isMyobExport(names: readonly string[]): boolean {
  return MYOB.recognise(expandMyobHeaders(names)).kind === 'match'
}
