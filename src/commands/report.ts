import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../cli/base-command.js'
import {extractSources} from '../cli/extract-sources.js'
import {realmFlag, timeScaleFromEnv} from '../cli/qbo-flags.js'
import {parseParamFlags, type ReportFileResult, reportToFile} from '../extracts/index.js'
import {openRealmClient} from '../qbo/index.js'
import {withProgress} from '../ui/progress.js'

export default class Report extends BaseCommand {
  static override summary =
    'Export a QuickBooks Online report (ProfitAndLoss, GeneralLedger …) to CSV or xlsx.'
  static override description =
    "Runs one of QBO's report endpoints and flattens its nested sections into a table: a Section column (the " +
    'path of section titles), a Row column (section, data or subtotal), then the report columns. The xlsx keeps ' +
    'the sections as row groups, with number formats. When QBO cuts a report short ("Unable to display more ' +
    'data") or times out, the date range is split and the parts joined; reports of balances as of a date ' +
    '(BalanceSheet, TrialBalance, aged reports) cannot be split and are refused with what to do instead. ' +
    'Reads only: nothing is written to QBO. (Not to be confused with `qbo migrate extract`, which reads Xero or MYOB.)'
  static override examples = [
    '<%= config.bin %> report TrialBalance --end 2025-06-30 --out tb.csv',
    '<%= config.bin %> report ProfitAndLoss --start 2024-07-01 --end 2025-06-30 --summarize-by Month --out pl.xlsx',
    '<%= config.bin %> report AgedReceivableDetail --param report_date=2025-06-30 --json',
    '<%= config.bin %> report GeneralLedger --date-macro "Last Month" --columns tx_date,txn_type,doc_num,subt_nat_amount',
  ]
  static override args = {
    name: Args.string({description: "QBO's report name, e.g. ProfitAndLoss.", required: true}),
  }
  static override flags = {
    realm: realmFlag,
    start: Flags.string({description: 'First day (YYYY-MM-DD): start_date.'}),
    end: Flags.string({description: 'Last day (YYYY-MM-DD): end_date.'}),
    'date-macro': Flags.string({description: 'A QBO date macro instead of dates, e.g. "Last Fiscal Year".'}),
    'accounting-method': Flags.string({options: ['Cash', 'Accrual'], description: 'accounting_method.'}),
    'summarize-by': Flags.string({
      description: 'summarize_column_by: Total, Month, Week, Days, Quarter, Year, Customers …',
    }),
    columns: Flags.string({
      description: 'Detail reports: the columns= list, comma-separated (e.g. tx_date,doc_num).',
    }),
    param: Flags.string({description: 'Any other report parameter, key=value (repeatable).', multiple: true}),
    out: Flags.string({description: 'FILE.csv, FILE.xlsx, or - for CSV on stdout.', default: '-'}),
  }

  async run(): Promise<ReportFileResult> {
    const {args, flags} = await this.parse(Report)
    const client = openRealmClient(process.env, this.logger, {
      ...(flags.realm ? {realm: flags.realm} : {}),
      client: {timeScale: timeScaleFromEnv(process.env)},
    })
    const result = await withProgress(
      `Report ${args.name} from QBO company ${client.realmId}`,
      this.mode,
      () =>
        reportToFile(
          extractSources(client),
          {
            name: args.name,
            ...(flags.start ? {start: flags.start} : {}),
            ...(flags.end ? {end: flags.end} : {}),
            ...(flags['date-macro'] ? {dateMacro: flags['date-macro']} : {}),
            ...(flags['accounting-method']
              ? {accountingMethod: flags['accounting-method'] as 'Cash' | 'Accrual'}
              : {}),
            ...(flags['summarize-by'] ? {summarizeBy: flags['summarize-by']} : {}),
            ...(flags.columns ? {columns: flags.columns.split(',').map((c) => c.trim())} : {}),
            params: parseParamFlags(flags.param ?? []),
            out: flags.out,
            generatedAt: new Date().toISOString(),
            inline: this.mode.json,
          },
          this.logger,
          (text) => process.stdout.write(text),
        ),
    )
    if (!this.mode.json && result.out !== '-')
      this.logToStderr(
        `${result.report} ${result.start} to ${result.end}: ${result.rows} rows${result.parts.length > 1 ? ` (fetched in ${result.parts.length} parts)` : ''} -> ${result.out}`,
      )
    return result
  }
}
