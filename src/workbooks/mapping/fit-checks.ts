/**
 * The mapping workbook's fit checks (docs/mapping.md, "Mapping fit"), as the import applies them to the
 * Accounts and Tax codes sheets: the Confirm column, two source accounts onto one QBO system account, and
 * choices of accounts the plan creates. The rules themselves are the mappers' (mappers/mapping-fit.ts).
 */
import {PLANNED_ACCOUNT_PREFIX} from '../../mappers/accounts.js'
import type {QboAccount} from '../../mappers/context.js'
import type {Overrides} from '../../mappers/index.js'
import {systemRoleClashes, type FitProblem} from '../../mappers/mapping-fit.js'
import {loose, type CellRef} from './sheet-reader.js'
import type {MappingSubject} from './suggest.js'

export type Report = (cell: CellRef, message: string) => void

const YES = ['yes', 'y', 'x', 'true', 'confirm', 'confirmed', 'ok']
const NO = ['', 'no', 'n', 'false']

/** The Confirm column: "yes" (or y, x, ok, confirmed, a TRUE checkbox) keeps a choice that does not fit. */
export function confirmation(cell: CellRef, report: Report): boolean {
  if (cell.value === true) return true
  if (YES.includes(loose(cell.text))) return true
  if (!NO.includes(loose(cell.text)))
    report(
      cell,
      `"${cell.text}" is not a confirmation; write "yes" to keep the choice beside it, or leave it blank`,
    )
  return false
}

/**
 * Reports the fit problems a confirmation does not cover against the choice's cell, each with its next step;
 * true when the choice stands.
 */
export function checkFit(
  problems: FitProblem[],
  confirmed: boolean,
  use: CellRef,
  confirm: CellRef,
  report: Report,
) {
  const where =
    confirm.column === '?' ? 'a column headed "Confirm" (add one)' : `the Confirm column (${confirm.column})`
  let ok = true
  for (const p of problems) {
    if (p.confirmable && confirmed) continue
    ok = false
    report(
      use,
      p.confirmable
        ? `${p.message}. Choose a QBO ${p.code === 'TAX_RATE_MISFIT' ? 'tax code of the same rate' : 'account of the same kind'}, or write "yes" in ${where} on this row to keep this choice`
        : `${p.message}. Choose a QBO account in the same currency (a confirmation cannot change a currency)`,
    )
  }
  return ok
}

/**
 * A choice of an account the plan creates (offered as "Name (to be created)"), when QBO has no account of that
 * name: the override names the source account it is created for.
 */
export function plannedChoice(s: MappingSubject, text: string) {
  const wanted = loose(text.replace(/\s*\(to be created\)\s*$/i, ''))
  if (s.target.accounts.some((a) => loose(a.Name) === wanted)) return undefined
  const planned = s.plannedAccounts?.find((p) => loose(p.name) === wanted)
  if (!planned) return undefined
  const account: QboAccount = {
    Id: '',
    Name: `${planned.name} (to be created)`,
    AccountType: planned.type,
    ...(planned.currency ? {currency: planned.currency} : {}),
    Active: true,
  }
  return {sourceId: planned.sourceId, account}
}

/** An account to be created only stands as a choice while its own source account keeps the tool's mapping. */
export function plannedChains(
  s: MappingSubject,
  out: Overrides,
  cells: ReadonlyMap<string, {id: CellRef; use: CellRef}>,
  report: Report,
) {
  for (const [id, target] of Object.entries(out.accounts ?? {})) {
    if (!target?.startsWith(PLANNED_ACCOUNT_PREFIX)) continue
    const other = target.slice(PLANNED_ACCOUNT_PREFIX.length)
    const use = cells.get(id)?.use
    if (use && (other === id || out.accounts?.[other] !== undefined)) {
      report(
        use,
        other === id
          ? 'an account cannot be mapped onto the account created for itself; clear the cell to let the tool create it'
          : `the account to be created for ${other} is not created: ${other} has a choice of its own on row ${cells.get(other)?.use.row ?? '?'}; choose the same QBO account as that row, or clear that row's choice`,
      )
    }
  }
}

/** Two source accounts onto one QBO system account (A/R, A/P, GST …) merge ledgers the source keeps apart. */
export function systemRoles(
  s: MappingSubject,
  out: Overrides,
  cells: ReadonlyMap<string, {id: CellRef; use: CellRef}>,
  report: Report,
) {
  const targets = new Map<string, string>()
  for (const a of s.accounts) {
    const chosen = out.accounts?.[a.id]
    const target = chosen === undefined ? s.systemTargets?.get(a.id) : chosen
    if (target) targets.set(a.id, target)
  }
  for (const [qboId, sourceIds] of systemRoleClashes(targets, s.target)) {
    const name = s.target.accounts.find((a) => a.Id === qboId)?.Name ?? qboId
    const listed = sourceIds.map((id) => {
      const a = s.accounts.find((x) => x.id === id)
      return `${a?.code ?? id} "${a?.name ?? ''}"`
    })
    for (const id of sourceIds) {
      const at = cells.get(id)
      // Point at the choice the accountant made; an account left to the tool's suggestion is pointed at by its id.
      const chosen = out.accounts?.[id] !== undefined
      if (!at || (!chosen && sourceIds.some((x) => out.accounts?.[x] !== undefined))) continue
      report(
        chosen ? at.use : at.id,
        `${listed.join(' and ')} would all post to the QBO account "${name}", which plays a system role (QBO keeps one and posts to it itself); map all but one of them to another account`,
      )
    }
  }
}
