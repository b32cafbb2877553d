import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {conversionFlags, conversionOption} from '../../cli/conversion-flags.js'
import {dbFlag} from '../../cli/flags.js'
import {nextCommand} from '../../cli/next-step.js'
import {realmFlag, timeScaleFromEnv} from '../../cli/qbo-flags.js'
import {isQboEntity, type QboEntity} from '../../domain/entities.js'
import {EXIT, IntegrityError, UsageError} from '../../domain/errors.js'
import {type LoadResult, planMigration, runLoad} from '../../load/migration.js'
import {planJson} from '../../load/plan.js'
import {openRealmClient} from '../../qbo/index.js'
import {openExistingMigration} from '../../cli/migration-file.js'
import {rateLine, withProgress} from '../../ui/progress.js'
import {renderPlan} from '../../cli/render-plan.js'
import type {Logger} from '../../ui/logger.js'

export default class MigrateLoad extends BaseCommand {
  static override summary = 'Load the staged company into QBO in checkpointed batches, exactly once.'
  static override description =
    'Creates records in dependency order in batches of up to 30. Can be stopped at any moment: ' +
    '`--resume` finishes the job and never writes a record twice. Writes <run>-written.csv and ' +
    '<run>-parked.csv beside the database. Exit code 3 when records were parked.'
  static override examples = [
    '<%= config.bin %> migrate load',
    '<%= config.bin %> migrate load --resume',
    '<%= config.bin %> migrate load --only Customer,Vendor --json',
    '<%= config.bin %> migrate load --conversion-date 2024-06-30',
  ]
  static override flags = {
    db: dbFlag,
    realm: realmFlag,
    ...conversionFlags,
    resume: Flags.boolean({description: 'Continue the latest unfinished load.'}),
    run: Flags.string({description: 'Continue this load run instead of the latest unfinished one.'}),
    'dry-run': Flags.boolean({description: 'Plan only (same as `qbo migrate plan`); writes nothing.'}),
    only: Flags.string({description: 'Load only these QBO entities, e.g. Customer,Invoice.'}),
    'batch-size': Flags.integer({description: 'Items per batch request.', default: 30, min: 1, max: 30}),
    update: Flags.boolean({
      description:
        'Also correct records loaded earlier that the current mapping or source maps differently (sparse updates of the changed fields; see the Corrections sheet of the preview).',
    }),
    force: Flags.boolean({
      description: 'With --update: overwrite fields someone changed in QBO after the load.',
      dependsOn: ['update'],
    }),
  }

  async run(): Promise<LoadResult | unknown> {
    const {flags} = await this.parse(MigrateLoad)
    const only = parseOnly(flags.only)
    const staging = openExistingMigration(flags.db)
    try {
      const client = openRealmClient(process.env, this.logger, {
        ...(flags.realm ? {realm: flags.realm} : {}),
        client: {timeScale: timeScaleFromEnv(process.env)},
      })
      const conversion = conversionOption(flags)
      if (flags['dry-run']) {
        const plan = await planMigration(
          {staging, client, logger: this.logger},
          conversion ? {conversion} : {},
        )
        if (!this.mode.json) this.log(renderPlan(plan))
        return planJson(plan)
      }
      const started = Date.now()
      const interrupt = stopOnInterrupt(this.logger)
      const result = await withProgress(
        `Loading into QBO company ${client.realmId}`,
        this.mode,
        (progress) =>
          runLoad(
            {
              staging,
              client,
              logger: this.logger,
              now: Date.now,
              sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
              onProgress: (p) => {
                const done = p.created + p.adopted + p.skipped + p.parked
                progress.update(rateLine(p.entity, done, p.total, started, Date.now()))
              },
              onWait: (w) =>
                progress.update(
                  `Waiting ${Math.ceil((w.untilMs - w.nowMs) / 1000)} s: ${w.writes} writes sent without an answer ` +
                    'may still be applied by QBO; they are looked up after that, never sent twice',
                ),
              stopRequested: interrupt.requested,
            },
            {
              resume: flags.resume,
              ...(flags.run ? {runId: flags.run} : {}),
              ...(only ? {only} : {}),
              batchSize: flags['batch-size'],
              dbPath: flags.db,
              ...(flags.update ? {update: true} : {}),
              ...(flags.force ? {force: true} : {}),
              ...(conversion ? {conversion} : {}),
            },
          ),
        {ownInterrupt: true},
      ).finally(interrupt.dispose)
      if (result.duplicates.length > 0) throw duplicatesError(result)
      if (!this.mode.json) this.log(render(result, flags.db))
      if (result.parked.length > 0) this.setExitCode(EXIT.parked)
      return result
    } finally {
      staging.close()
    }
  }
}

/**
 * Ctrl-C asks the load to stop after the batch in hand, so that batch's answer is recorded and the run is
 * marked interrupted; a second Ctrl-C stops at once (the next load settles whatever was in flight).
 */
function stopOnInterrupt(logger: Logger): {requested: () => boolean; dispose: () => void} {
  let requested = false
  const onSigint = () => {
    if (requested) process.exit(130)
    requested = true
    logger.warn('Stopping after the batch in hand (Ctrl-C again to stop at once)…')
  }
  process.on('SIGINT', onSigint)
  return {requested: () => requested, dispose: () => void process.off('SIGINT', onSigint)}
}

function duplicatesError(r: LoadResult): IntegrityError {
  const lines = r.duplicates
    .slice(0, 20)
    .map((d) => `  ${d.entity} ${d.sourceId}: QBO ids ${d.qboIds.join(', ')}`)
  if (r.duplicates.length > 20) lines.push(`  … and ${r.duplicates.length - 20} more (see the file)`)
  return new IntegrityError(
    `QBO holds ${r.duplicates.length} records of this migration more than once:\n${lines.join('\n')}`,
    {
      next:
        `In QBO, keep the first id of each (the one the migration file records) and delete the others; the list is in ${r.files.duplicates}. ` +
        'Then run `qbo migrate reconcile` to confirm.',
      data: {duplicates: r.duplicates, files: r.files},
    },
  )
}

function parseOnly(text: string | undefined): Set<QboEntity> | undefined {
  if (!text) return undefined
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const bad = names.filter((n) => !isQboEntity(n))
  if (bad.length)
    throw new UsageError(`Unknown entity: ${bad.join(', ')}`, {
      next: 'Use QBO entity names, e.g. --only Customer,Invoice.',
    })
  return new Set(names as QboEntity[])
}

function render(r: LoadResult, db: string): string {
  const lines = [`Load ${r.runId} into QBO company ${r.realmId}:`]
  if (r.recovered.writes > 0) {
    lines.push(
      `Interrupted writes resolved: ${r.recovered.writes} (${r.recovered.found} were in QBO, ${r.recovered.resent} sent again ` +
        `unchanged, ${r.recovered.notLanded} had not landed; waited ${r.recovered.waitedSeconds} s for them).`,
    )
  }
  for (const [entity, c] of Object.entries(r.entities)) {
    lines.push(
      `  ${entity.padEnd(14)} ${c.created} created, ${c.adopted} adopted, ${c.skipped} skipped, ${c.parked} parked` +
        (c.updated ? `, ${c.updated} updated` : ''),
    )
  }
  lines.push(
    `Requests: ${r.requests.sent} sent, ${r.requests.retried} retried, ${r.requests.throttled} throttled.`,
  )
  const k = r.corrections
  if (k.planned > 0 && k.updated + k.replaced + k.unchanged + k.parked === 0) {
    lines.push(
      `Corrections: ${k.planned} loaded records are mapped differently now; \`qbo migrate load --update\` applies them.`,
    )
  } else if (k.planned > 0) {
    lines.push(
      `Corrections: ${k.updated} updated, ${k.replaced} replaced, ${k.unchanged} already as mapped, ${k.parked} parked.`,
    )
  }
  lines.push(`Written: ${r.files.written}`)
  if (r.parked.length)
    lines.push(
      `Parked: ${r.parked.length} records, see ${r.files.parked}; fix them and run ${nextCommand('migrate load --resume', db)}.`,
    )
  lines.push(
    `Next: ${nextCommand('migrate reconcile --out reconciliation.xlsx', db)} checks QBO against the source.`,
  )
  return lines.join('\n')
}
