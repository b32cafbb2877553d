import {D} from '../../domain/money.js'
import type {JoinPolicy} from './additivity.js'
import {type ColumnKind, columnIdentity, columnKind, columnName} from './columns.js'
import type {Cell, Column, ParsedReport, RowNode} from './parse.js'

export interface Joined {
  report: ParsedReport
  warnings: string[]
}

/**
 * Joins the parts of a report fetched over consecutive date ranges (earliest first) into the report for the
 * whole range. Columns are matched by title and key, so month columns of different parts sit side by side
 * and a Total column is added up; rows are matched by section path and label (see additivity.ts for what
 * each policy does with them). Percent and average columns cannot be added: they are emptied, with a warning.
 */
export function joinReports(parts: ParsedReport[], policy: JoinPolicy): Joined {
  const first = parts[0]
  if (!first) throw new Error('BUG: joinReports with no parts')
  if (parts.length === 1) return {report: first, warnings: []}
  const columns = unionColumns(parts.map((p) => p.columns))
  const ids = columns.map(columnIdentity)
  const kinds = columns.map(columnKind)
  let rows: RowNode[] = []
  parts.forEach((part, i) => {
    const map = part.columns.map((c) => ids.indexOf(columnIdentity(c)))
    const remapped = part.rows.map((r) => remap(r, map, columns.length))
    rows = i === 0 ? remapped : mergeRows(rows, remapped, policy, kinds)
  })
  const warnings: string[] = []
  kinds.forEach((kind, i) => {
    if (kind !== 'percent' && kind !== 'average') return
    warnings.push(
      `Column "${columnName(columns[i]!, i)}" is a ${kind} and cannot be joined across date ranges: left empty in the joined report.`,
    )
    blankColumn(rows, i)
  })
  const last = parts[parts.length - 1]!
  const header = {...first.header, EndPeriod: last.header.EndPeriod ?? first.header.EndPeriod}
  return {report: {name: first.name, header, columns, rows}, warnings}
}

/** Columns of every part in one order: a column new in a later part goes before the next one both share. */
export function unionColumns(lists: Column[][]): Column[] {
  const out: Column[] = [...(lists[0] ?? [])]
  for (const list of lists.slice(1)) {
    const have = () => out.map(columnIdentity)
    list.forEach((c, i) => {
      if (have().includes(columnIdentity(c))) return
      const next = list.slice(i + 1).find((n) => have().includes(columnIdentity(n)))
      const at = next ? have().indexOf(columnIdentity(next)) : out.length
      out.splice(at, 0, c)
    })
  }
  return out
}

function remapCells(cells: Cell[], map: number[], width: number): Cell[] {
  const out: Cell[] = Array.from({length: width}, () => ({value: ''}))
  cells.forEach((c, i) => {
    const at = map[i]
    if (at !== undefined && at >= 0) out[at] = c
  })
  return out
}

function remap(row: RowNode, map: number[], width: number): RowNode {
  if (row.type === 'Data') return {...row, cells: remapCells(row.cells, map, width)}
  return {
    ...row,
    ...(row.header ? {header: remapCells(row.header, map, width)} : {}),
    rows: row.rows.map((r) => remap(r, map, width)),
    ...(row.summary ? {summary: remapCells(row.summary, map, width)} : {}),
  }
}

function label(cells: Cell[] | undefined): string {
  const c = cells?.[0]
  return c ? `${c.value}\u001f${c.id ?? ''}` : ''
}

/** A row's identity within its section: kind, group, first cell, and its occurrence among equals. */
function keys(rows: RowNode[]): string[] {
  const seen = new Map<string, number>()
  return rows.map((r) => {
    const base =
      r.type === 'Data'
        ? `D\u001f${r.group ?? ''}\u001f${label(r.cells)}`
        : `S\u001f${r.group ?? ''}\u001f${label(r.header ?? r.summary)}`
    const n = (seen.get(base) ?? 0) + 1
    seen.set(base, n)
    return `${base}\u001f${n}`
  })
}

const BEGINNING = /^beginning balance$/i

function mergeRows(a: RowNode[], b: RowNode[], policy: JoinPolicy, kinds: ColumnKind[]): RowNode[] {
  const out = [...a]
  const outKeys = keys(a)
  const bKeys = keys(b)
  // Rows QBO lists by name (customers, items, accounts) stay in that order when both parts keep it; otherwise
  // a row new in the later part follows the row it follows there.
  const byName = policy === 'sum' && sortedByName(a) && sortedByName(b)
  let cursor = -1
  b.forEach((row, i) => {
    if (row.type === 'Data' && policy === 'append') {
      // Each transaction is in exactly one part; a ledger's opening row belongs to the earliest part only.
      if (
        BEGINNING.test(row.cells[0]?.value ?? '') &&
        out.some((r) => r.type === 'Data' && BEGINNING.test(r.cells[0]?.value ?? ''))
      )
        return
      const lastData = out.map((r) => r.type).lastIndexOf('Data')
      const at = Math.max(lastData + 1, cursor + 1)
      out.splice(at, 0, row)
      outKeys.splice(at, 0, `appended\u001f${i}`)
      cursor = at
      return
    }
    const found = outKeys.indexOf(bKeys[i]!)
    if (found >= 0) {
      out[found] = mergeRow(out[found]!, row, policy, kinds)
      cursor = found
      return
    }
    const at = row.type === 'Data' && byName ? sortedPlace(out, row) : cursor + 1
    out.splice(at, 0, row)
    outKeys.splice(at, 0, bKeys[i]!)
    cursor = at
  })
  return out
}

/** The first cell of an ungrouped data row (an account, customer, item), for rows listed by name. */
function dataLabel(row: RowNode): string | undefined {
  return row.type === 'Data' && row.group === undefined ? (row.cells[0]?.value ?? '') : undefined
}

function sortedByName(rows: RowNode[]): boolean {
  const labels = rows.map(dataLabel).filter((l): l is string => l !== undefined)
  return labels.every((l, i) => i === 0 || labels[i - 1]!.localeCompare(l) <= 0)
}

/** Where a new row goes among rows listed by name: before the first that sorts after it. */
function sortedPlace(out: RowNode[], row: RowNode): number {
  const label = dataLabel(row) ?? ''
  const after = out.findIndex((r) => {
    const l = dataLabel(r)
    return l !== undefined && l.localeCompare(label) > 0
  })
  if (after >= 0) return after
  const lastData = out.map((r) => dataLabel(r) !== undefined).lastIndexOf(true)
  return lastData + 1
}

function mergeRow(a: RowNode, b: RowNode, policy: JoinPolicy, kinds: ColumnKind[]): RowNode {
  if (a.type === 'Data' || b.type === 'Data') {
    const ac = a.type === 'Data' ? a.cells : (a.header ?? [])
    const bc = b.type === 'Data' ? b.cells : (b.header ?? [])
    return {...a, type: 'Data', cells: mergeCells(ac, bc, kinds)} as RowNode
  }
  return {
    ...a,
    ...(a.header || b.header ? {header: mergeCells(a.header ?? [], b.header ?? [], kinds)} : {}),
    rows: mergeRows(a.rows, b.rows, policy, kinds),
    ...(a.summary || b.summary ? {summary: mergeCells(a.summary ?? [], b.summary ?? [], kinds)} : {}),
  }
}

function mergeCells(a: Cell[], b: Cell[], kinds: ColumnKind[]): Cell[] {
  const width = Math.max(a.length, b.length)
  return Array.from({length: width}, (_, i) => {
    const x = a[i] ?? {value: ''}
    const y = b[i] ?? {value: ''}
    const kind = kinds[i] ?? 'text'
    if (kind === 'balance') return y.value !== '' ? y : x
    if ((kind === 'money' || kind === 'quantity') && i > 0) return {...x, value: addText(x.value, y.value)}
    return x.value !== '' ? x : y
  })
}

const NUMBER = /^-?\d+(\.\d+)?$/

/** Adds two report amounts as decimals, keeping the larger number of decimal places; blanks count as none. */
export function addText(a: string, b: string): string {
  const x = a.trim().replace(/,/g, '')
  const y = b.trim().replace(/,/g, '')
  if (x === '') return b
  if (y === '') return a
  if (!NUMBER.test(x) || !NUMBER.test(y)) return a
  const dp = Math.max(x.split('.')[1]?.length ?? 0, y.split('.')[1]?.length ?? 0)
  return new D(x).plus(new D(y)).toFixed(dp)
}

function blankColumn(rows: RowNode[], index: number): void {
  const blank = (cells: Cell[] | undefined) => {
    if (cells?.[index]) cells[index] = {value: ''}
  }
  for (const r of rows) {
    if (r.type === 'Data') blank(r.cells)
    else {
      blank(r.header)
      blank(r.summary)
      blankColumn(r.rows, index)
    }
  }
}
