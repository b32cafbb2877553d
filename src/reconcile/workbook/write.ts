import ExcelJS from 'exceljs'

import {MATCHED_ENTITIES} from '../docs.js'
import type {ReconcileReport} from '../result.js'
import {writeAging, writeMonthly, writePeriods, writeTrialBalance} from './balances.js'
import {writeEntitySheet, writeUnmatched} from './entities.js'
import {writeDecisions, writeParked, writeSignOff} from './registers.js'
import {writeSummary} from './summary.js'

/**
 * Writes the accountant's workbook with exceljs's streaming writer: each sheet is written and committed in
 * turn, so a company of 100,000 invoices never holds the workbook in memory. Sheet order is the reading
 * order: Summary, balances, one sheet per entity, what did not match, then the registers and sign-off.
 */
export async function writeWorkbook(file: string, report: ReconcileReport): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: true,
    useSharedStrings: false,
  })
  wb.creator = 'qbo-toolkit'
  writeSummary(wb, report)
  writeTrialBalance(wb, report.trialBalance, report.result.asOf, report.basis.trialBalance)
  if (report.monthly.length > 0) writeMonthly(wb, report.monthly)
  writeAging(wb, 'AR Aging', report.receivables, report.basis.receivables)
  writeAging(wb, 'AP Aging', report.payables, report.basis.payables)
  const contactOf = (q: {contactName?: string; contactId?: string}) => q.contactName ?? q.contactId ?? ''
  for (const entity of MATCHED_ENTITIES) {
    const pairs = report.pairs.get(entity)
    if (pairs) writeEntitySheet(wb, entity, pairs, contactOf)
  }
  writeUnmatched(wb, report.unmatched)
  writePeriods(wb, report.periods)
  writeParked(wb, report.parked)
  writeDecisions(wb, report.decisions)
  writeSignOff(wb, {
    pass: report.result.withinTolerance,
    asOf: report.result.asOf,
    inputHash: report.result.inputHash,
  })
  await wb.commit()
}
