import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {dbFlag} from '../../cli/flags.js'
import {selectionFlags, selectionOf, storageFlags, storageOf} from '../../cli/po-flags.js'
import {renderPoBatch} from '../../cli/render-po.js'
import {realmFlag, timeScaleFromEnv} from '../../cli/qbo-flags.js'
import {parseIsoDate} from '../../domain/civil-date.js'
import {EXIT, UsageError} from '../../domain/errors.js'
import {
  type PoBatchOptions,
  type PoBatchPlan,
  type PoBatchResult,
  planPoBatch,
  runPoBatch,
  smtpTransport,
} from '../../po/index.js'
import {openRealmClient} from '../../qbo/index.js'
import {openStaging} from '../../staging/index.js'
import {withProgress} from '../../ui/progress.js'

const TAG = /^[^,\r\n]{1,50}$/

export default class PoBatch extends BaseCommand {
  static override summary =
    'Tag, set a ship date, save the PDFs and email hundreds of purchase orders at once.'
  static override description =
    'Selects purchase orders (frozen as a batch), then for each: the tag and ship date (one update), its PDF ' +
    '(saved once per batch, named from DocNumber and supplier) and its email, by QBO (one per purchase order, ' +
    'the default) or by SMTP (one email for the batch with every PDF and a manifest). Each step is recorded as ' +
    'it completes: killed anywhere, `--resume` continues and never sends an email twice. Writes a result CSV ' +
    'per batch beside the migration file. Exit code 3 when some purchase orders need attention.'
  static override examples = [
    '<%= config.bin %> po batch --status open --from 2025-03-01 --tag wave-12 --ship-date 2025-03-14 --pdf ./pos --email warehouse@example.com',
    '<%= config.bin %> po batch --tagged wave-12 --email warehouse@example.com --email-via smtp --smtp-url smtp://mail.example.com:587 --smtp-from buyer@example.com',
    '<%= config.bin %> po batch --doc-number 1001,1002 --ship-date 2025-03-20 --dry-run',
    '<%= config.bin %> po batch --resume',
    '<%= config.bin %> po batch --resume --confirm-email not-sent',
  ]
  static override flags = {
    db: dbFlag,
    realm: realmFlag,
    ...selectionFlags,
    tagged: Flags.string({description: 'Only purchase orders already carrying this tag (selection).'}),
    tag: Flags.string({description: 'Add this tag to each purchase order.'}),
    'ship-date': Flags.string({description: 'Set this ship date (YYYY-MM-DD) on each purchase order.'}),
    pdf: Flags.string({description: 'Save each purchase order as a PDF in this folder.'}),
    email: Flags.string({description: 'Email each purchase order to this address.'}),
    'email-via': Flags.string({
      options: ['qbo', 'smtp'],
      default: 'qbo',
      description: 'Who sends the email.',
    }),
    'smtp-url': Flags.string({
      description: 'The mail server for --email-via smtp, e.g. smtp://user:pass@mail.example.com:587.',
      env: 'QBO_SMTP_URL',
    }),
    'smtp-from': Flags.string({
      description: 'The sender address for --email-via smtp.',
      env: 'QBO_SMTP_FROM',
    }),
    ...storageFlags,
    'full-update': Flags.boolean({
      description: 'Update with full updates from a fresh read instead of sparse ones.',
    }),
    'dry-run': Flags.boolean({description: 'Show what the batch would do; changes and sends nothing.'}),
    resume: Flags.boolean({
      description: 'Continue the unfinished batch (same purchase orders, same actions).',
    }),
    batch: Flags.string({
      description: 'With --resume: this batch (e.g. to retry the failed steps of a finished one).',
    }),
    'confirm-email': Flags.string({
      options: ['sent', 'not-sent'],
      description:
        "With --resume: your word on emails whose outcome could not be told (you checked the warehouse's inbox).",
    }),
    out: Flags.string({description: 'Write the result CSV here instead of beside the migration file.'}),
  }

  async run(): Promise<PoBatchResult | PoBatchPlan> {
    const {flags} = await this.parse(PoBatch)
    const options = optionsOf(flags)
    const staging = openStaging(flags.db)
    try {
      const client = openRealmClient(process.env, this.logger, {
        ...(flags.realm ? {realm: flags.realm} : {}),
        client: {timeScale: timeScaleFromEnv(process.env)},
      })
      if (flags['dry-run']) {
        const plan = await planPoBatch({staging, client}, options)
        if (!this.mode.json) this.log(renderPlan(plan))
        return plan
      }
      const mail =
        flags['email-via'] === 'smtp' || flags.resume
          ? flags['smtp-url'] && flags['smtp-from']
            ? {transport: smtpTransport(flags['smtp-url']), from: flags['smtp-from']}
            : undefined
          : undefined
      if (flags.email && flags['email-via'] === 'smtp' && !mail)
        throw new UsageError(
          '--email-via smtp needs --smtp-url and --smtp-from (or QBO_SMTP_URL and QBO_SMTP_FROM).',
          {
            next: 'e.g. --smtp-url smtp://mail.example.com:587 --smtp-from buyer@example.com',
          },
        )
      try {
        const result = await withProgress(
          `Purchase orders in QBO company ${client.realmId}`,
          this.mode,
          (progress) =>
            runPoBatch(
              {
                staging,
                client,
                logger: this.logger,
                now: Date.now,
                sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
                ...(mail ? {mail} : {}),
                onProgress: (p) => progress.update(`${p.step} ${p.done}/${p.total}`),
                onWait: (w) =>
                  progress.update(
                    `Waiting ${Math.ceil((w.untilMs - w.nowMs) / 1000)} s: ${w.writes} requests sent without an answer ` +
                      'may still be applied by QBO; they are looked up after that, never sent twice',
                  ),
              },
              options,
            ),
        )
        if (!this.mode.json) this.log(renderPoBatch(result))
        if (result.attention.length > 0) this.setExitCode(EXIT.parked)
        return result
      } finally {
        mail?.transport.close()
      }
    } finally {
      staging.close()
    }
  }
}

function optionsOf(flags: Record<string, unknown>): PoBatchOptions {
  const f = flags as {
    tag?: string
    'ship-date'?: string
    pdf?: string
    email?: string
    'email-via'?: string
    'full-update'?: boolean
    resume?: boolean
    batch?: string
    'confirm-email'?: string
    db: string
    out?: string
  }
  if (f['ship-date'] !== undefined && !parseIsoDate(f['ship-date']))
    throw new UsageError(`--ship-date ${f['ship-date']} is not a date`, {
      next: 'Give it as YYYY-MM-DD, e.g. --ship-date 2025-03-14.',
    })
  if (f.tag !== undefined && !TAG.test(f.tag))
    throw new UsageError(`--tag "${f.tag}" cannot be used`, {
      next: 'A tag is 1 to 50 characters, without commas or line breaks.',
    })
  if ((f.batch || f['confirm-email']) && !f.resume)
    throw new UsageError('--batch and --confirm-email go with --resume.', {next: 'Add --resume.'})
  if (f.email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(f.email))
    throw new UsageError(`--email ${f.email} is not an email address`, {
      next: 'e.g. --email warehouse@example.com',
    })
  return {
    selection: selectionOf(flags as Parameters<typeof selectionOf>[0]),
    ...(f.tag !== undefined ? {tag: f.tag} : {}),
    ...(f['ship-date'] !== undefined ? {shipDate: f['ship-date']} : {}),
    ...(f.pdf ? {pdfDir: f.pdf} : {}),
    ...(f.email ? {email: {to: f.email, via: f['email-via'] === 'smtp' ? 'smtp' : 'qbo'}} : {}),
    ...(f['full-update'] ? {fullUpdate: true} : {}),
    storage: storageOf(flags as Parameters<typeof storageOf>[0]),
    resume: f.resume === true,
    ...(f.batch ? {batchId: f.batch} : {}),
    ...(f['confirm-email'] ? {confirmEmail: f['confirm-email'] as 'sent' | 'not-sent'} : {}),
    dbPath: f.db,
    ...(f.out ? {out: f.out} : {}),
  }
}

function renderPlan(p: PoBatchPlan): string {
  const lines = p.purchaseOrders.map(
    (r) =>
      `${(r.docNumber ?? r.id).padEnd(12)} ${(r.vendor ?? '').slice(0, 24).padEnd(24)} ` +
      `${Array.isArray(r.update) ? r.update.join('; ') : r.update === 'unchanged' ? 'unchanged' : `refused: ${r.update.refused}`}` +
      `${r.pdfFile ? `  pdf ${r.pdfFile}` : ''}${r.emailTo ? `  email ${r.emailTo}` : ''}`,
  )
  const c = p.counts
  lines.push(
    `Dry run: ${c.purchaseOrders} purchase orders; ${c.updates} updates, ${c.unchanged} unchanged, ${c.refused} refused; ` +
      `${c.pdfs} PDFs; ${c.emails} emails. Nothing was changed or sent.`,
  )
  return lines.join('\n')
}
