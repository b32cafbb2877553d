import type ExcelJS from 'exceljs'

import type {Decision} from '../../staging/decisions.js'
import type {ParkedRecord} from '../../staging/parked.js'
import {writeTableSheet} from '../../workbooks/sheet.js'
import {FILL} from '../../workbooks/style.js'
import {wrapColumn} from './balances.js'
import {printed} from './print.js'
import {detailSentences} from './sentences.js'

export function writeParked(wb: ExcelJS.stream.xlsx.WorkbookWriter, parked: readonly ParkedRecord[]) {
  writeTableSheet(
    wb,
    {
      name: 'Parked',
      options: printed(),
      columns: [
        {header: 'Entity', key: 'entity', width: 14},
        {header: 'Source system', key: 'system', width: 12},
        {header: 'Source id', key: 'sourceId', width: 24},
        {header: 'Fault code', key: 'fault', width: 10},
        {header: 'Message', key: 'message', width: 60},
        {header: 'Element', key: 'element', width: 20},
        {header: 'Suggested fix', key: 'fix', width: 50},
        {header: 'Load run', key: 'run', width: 30},
      ],
    },
    parked.map((p) => [
      p.entity,
      p.sourceSystem,
      p.sourceId,
      p.faultCode,
      p.message,
      p.element ?? '',
      p.suggestedFix ?? '',
      p.runId,
    ]),
  )
}

export function writeDecisions(wb: ExcelJS.stream.xlsx.WorkbookWriter, decisions: readonly Decision[]) {
  writeTableSheet(
    wb,
    {
      name: 'Decisions',
      options: printed(),
      columns: [
        {header: 'Entity', key: 'entity', width: 14},
        {header: 'Source system', key: 'system', width: 10},
        {header: 'Source id', key: 'sourceId', width: 24},
        {header: 'Code', key: 'code', width: 24},
        {header: 'What the tool did', key: 'message', width: 60},
        {header: 'Detail', key: 'detail', width: 50},
      ],
      setup: (ws) => {
        wrapColumn(ws, 5)
        wrapColumn(ws, 6)
      },
    },
    decisions.map((d) => [
      d.entity,
      d.sourceSystem,
      d.sourceId,
      d.code,
      d.message,
      detailSentences(d.detail),
    ]),
  )
}

/** Lines for the people who sign the reconciliation off, filled in by hand or in Excel. */
export function writeSignOff(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  summary: {pass: boolean; asOf: string; inputHash: string},
) {
  const ws = wb.addWorksheet('Sign-off', printed({onePage: true, titleRows: 0, frozen: false}))
  ws.columns = [{width: 28}, {width: 40}, {width: 14}, {width: 20}]
  ws.addRow(['Sign-off']).font = {bold: true, size: 14}
  ws.addRow(['Reconciliation as at', summary.asOf])
  const result = ws.addRow(['Result', summary.pass ? 'PASS' : 'FAIL'])
  result.getCell(2).fill = summary.pass ? FILL.pass : FILL.fail
  ws.addRow(['Input hash', summary.inputHash])
  ws.addRow([])
  const header = ws.addRow(['Role', 'Name', 'Date', 'Signature'])
  header.eachCell((c) => {
    c.font = {bold: true}
    c.fill = FILL.header
  })
  for (const role of ['Prepared by', 'Reviewed by', 'Approved by']) {
    const row = ws.addRow([role, '', '', ''])
    for (const c of [2, 3, 4]) row.getCell(c).border = {bottom: {style: 'thin'}}
  }
  ws.addRow([])
  ws.addRow(['Notes and accepted exceptions (with reasons):'])
  ws.commit()
}
