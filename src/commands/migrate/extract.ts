import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {dbFlag} from '../../cli/flags.js'
import {nextCommand} from '../../cli/next-step.js'
import {EXIT} from '../../domain/errors.js'
import {openTokenStore} from '../../qbo/auth-commands.js'
import type {ExtractResult} from '../../sources/extract.js'
import {runExtract} from '../../sources/run-extract.js'
import {openStaging} from '../../staging/index.js'

export default class MigrateExtract extends BaseCommand {
  static override summary =
    'Stage a Xero or MYOB company (export files, or the Xero API) in the migration database.'
  static override description =
    "Reads a folder of export files (types are recognised by their header row, not their name) and stages canonical records; the source's own Trial Balance and Aged Receivables / Payables Summary exports in the folder are staged as source reports for the reconciliation. Each file is staged whole or not at all; re-running with the same files changes nothing. " +
    'With --from xero-api it reads the Xero Accounting API page by page (XERO_CLIENT_ID/XERO_CLIENT_SECRET, XERO_BASE_URL for the emulator); an extract stopped by the daily limit continues with --resume. ' +
    '(To export data out of QuickBooks Online instead, see `qbo report`, `qbo query` and `qbo extract run`.)'
  static override examples = [
    '<%= config.bin %> migrate extract --from xero-csv ./xero-exports',
    '<%= config.bin %> migrate extract --from myob ./myob-exports --dry-run --json',
    '<%= config.bin %> migrate extract --from xero-api --since 2024-07-01',
    '<%= config.bin %> migrate extract --from xero-api --resume',
  ]
  static override args = {path: Args.string({description: 'Folder of export files, or one file.'})}
  static override flags = {
    db: dbFlag,
    from: Flags.string({
      options: ['xero-csv', 'myob', 'xero-api'],
      required: true,
      description: 'The source.',
    }),
    'dry-run': Flags.boolean({
      description: 'Read and check every file and report what would be staged, writing nothing.',
    }),
    'date-order': Flags.string({
      options: ['dmy', 'mdy'],
      description: 'Day/month order of slash dates (default: detected per file, else dmy).',
    }),
    'tax-inclusive': Flags.string({
      options: ['auto', 'yes', 'no'],
      default: 'auto',
      description:
        'Xero CSV: whether line amounts include tax (auto: inferred per document from its totals).',
    }),
    tenant: Flags.string({description: 'Xero API: the tenant (organisation) id (default XERO_TENANT_ID).'}),
    since: Flags.string({
      description: 'Xero API: only records changed since this date (YYYY-MM-DD, UTC) or ISO instant.',
    }),
    resume: Flags.boolean({
      description: 'Continue the latest unfinished extract (e.g. one stopped by the Xero daily limit).',
    }),
    reports: Flags.string({
      description:
        "Xero API: a folder (or file) of the source's report exports (Trial Balance, Aged Receivables and Payables Summary) to reconcile against. File sources find them in PATH.",
    }),
  }

  async run(): Promise<ExtractResult> {
    const {args, flags} = await this.parse(MigrateExtract)
    const staging = openStaging(flags.db)
    try {
      const result = await runExtract(staging, {
        from: flags.from,
        ...(args.path ? {path: args.path} : {}),
        dryRun: flags['dry-run'],
        ...(flags['date-order'] ? {dateOrder: flags['date-order'] as 'dmy' | 'mdy'} : {}),
        taxInclusive: flags['tax-inclusive'] as 'auto' | 'yes' | 'no',
        resume: flags.resume,
        ...(flags.tenant ? {tenantId: flags.tenant} : {}),
        ...(flags.since ? {since: flags.since} : {}),
        ...(flags.reports ? {reports: flags.reports} : {}),
        env: process.env,
        ...(flags.from === 'xero-api' ? {xeroStore: openTokenStore(process.env)} : {}),
        logger: this.logger,
      })
      if (!this.mode.json) this.log(render(result) + '\n' + nextStep(result, flags.db))
      if (result.files.some((f) => f.status === 'rejected')) this.setExitCode(EXIT.error)
      return result
    } finally {
      staging.close()
    }
  }
}

function nextStep(r: ExtractResult, db: string): string {
  if (r.files.some((f) => f.status === 'rejected'))
    return 'Next: fix the rejected files (each says how), then run the same command again.'
  if (r.dryRun) return 'Next: run the same command without --dry-run to stage the records.'
  return (
    `Next: ${nextCommand('migrate plan --out preview.xlsx', db)} shows what a load would do, writing nothing ` +
    `(${nextCommand('migrate mapping export mapping.xlsx', db)} first if the accountant reviews the mappings).`
  )
}

function render(r: ExtractResult): string {
  const lines = [`${r.dryRun ? 'Would stage' : 'Staged'} from ${r.source}:`]
  for (const f of r.files) {
    const removed = f.removed
      ? `; ${f.removed} no longer in the file ${r.dryRun ? 'to remove' : 'removed'}`
      : ''
    lines.push(`  ${f.status.padEnd(9)} ${f.path} (${f.type}, ${f.records} records${removed})`)
    if (f.error) lines.push(`            ${f.error.message}`, `            Next: ${f.error.next}`)
  }
  for (const [kind, n] of Object.entries(r.counts)) lines.push(`  ${kind.padEnd(18)} ${n}`)
  for (const w of r.warnings) lines.push(`Warning: ${w}`)
  return lines.join('\n')
}
