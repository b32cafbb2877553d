import type ExcelJS from 'exceljs'

/**
 * How every sheet of the reconciliation prints: landscape A4, one page wide (as many pages tall as it needs),
 * the header row repeated on every page, and "Page n of m" with the sheet's name in the footer. `onePage`
 * (the Summary and the Sign-off) fits the whole sheet on one page.
 */
export function printed(options: {onePage?: boolean; titleRows?: number; frozen?: boolean} = {}) {
  const titleRows = options.titleRows ?? 1
  const pageSetup: Partial<ExcelJS.PageSetup> = {
    orientation: 'landscape',
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: options.onePage ? 1 : 0,
    horizontalCentered: true,
    margins: {left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3},
    ...(titleRows > 0 ? {printTitlesRow: `1:${titleRows}`} : {}),
  }
  return {
    pageSetup,
    headerFooter: {oddFooter: '&L&A&RPage &P of &N', evenFooter: '&L&A&RPage &P of &N'},
    ...(options.frozen === false ? {} : {views: [{state: 'frozen' as const, ySplit: titleRows}]}),
  } satisfies Partial<ExcelJS.AddWorksheetOptions>
}
