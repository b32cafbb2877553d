import {existsSync} from 'node:fs'

import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {writeRehearsalEnv} from '../../cli/rehearsal-env.js'
import {UsageError} from '../../domain/errors.js'
import {type FaultSpec, parseFaultSpec, startQboEmulator} from '../../emulator/qbo/index.js'
import {shipStationListeningLine, startShipStationEmulator} from '../../emulator/shipstation/index.js'
import {shopifyListeningLines, startShopifyEmulator} from '../../emulator/shopify/index.js'
import {DEMO_XERO_COMPANY_DIR, startXeroEmulator, xeroListeningLine} from '../../emulator/xero/index.js'

export default class EmulatorStart extends BaseCommand {
  static override summary =
    'Run a local QuickBooks Online (or Xero, ShipStation or Shopify) API emulator until Ctrl-C.'
  static override description =
    'Serves QBO-shaped endpoints (/v3/company/{realm}/..., OAuth 2 at /connect/oauth2 and /oauth2/v1/tokens/*) ' +
    "on 127.0.0.1 for rehearsing a migration, with QBO's limits per company (10 requests a second, 10 at once, 500 a " +
    'minute, 40 batches a minute; time-scaled). Control endpoints: POST /_emulator/tokens {"realmId"?} (a new ' +
    'realm is a new company), POST /_emulator/reset, GET /_emulator/stats, GET|PUT|DELETE /_emulator/faults ' +
    '(each takes ?realmId=). With --provider xero it serves the Xero Accounting API ' +
    '(/api.xro/2.0/..., identity at /connect/token) for the demo company or --company DIR (docs/xero-emulator.md). ' +
    'With --provider shopify it serves the Admin GraphQL API of six demo stores at ' +
    "/store/{shop}/admin/api/{version}/graphql.json and prints each store's token (docs/shopify.md)."
  static override examples = [
    '<%= config.bin %> emulator start',
    '<%= config.bin %> emulator start --port 8090 --data emulator.db',
    '<%= config.bin %> emulator start --time-scale 60 --faults http500=0.05,throttle=0.02,timeout=0.01 --seed 7',
    '<%= config.bin %> emulator start --provider xero --time-scale 60',
    '<%= config.bin %> emulator start --provider shipstation --port 8091',
    '<%= config.bin %> emulator start --provider shopify --port 8092',
  ]
  static override enableJsonFlag = false
  static override flags = {
    provider: Flags.string({
      description:
        'Which API to emulate. shipstation: the ShipStation V1 API with two demo stores whose order numbers ' +
        'collide, labels, voids, paging, rate-limit headers and 429s (docs/shipstation.md). shopify: the Admin ' +
        'GraphQL API of six demo stores (docs/shopify.md).',
      options: ['qbo', 'xero', 'shipstation', 'shopify'],
      default: 'qbo',
    }),
    port: Flags.integer({
      description: 'Port on 127.0.0.1 (0 = a random free port).',
      default: 0,
      min: 0,
      max: 65535,
    }),
    data: Flags.string({
      description: 'Keep every company and the tokens in this SQLite file (in memory when omitted).',
    }),
    'time-scale': Flags.string({
      description: 'Divide every QBO time window (throttle second and minute, token lifetimes) by N.',
      default: '1',
    }),
    faults: Flags.string({
      description:
        "Inject failures, e.g. http500=0.05,throttle=0.02,reset=0.01,timeout=0.01,latency=20-200 (a request held past QBO's 120 s timeout gets a 504 and is not applied); noreplay=1 makes QBO ignore repeated requestids.",
    }),
    'strict-rotation': Flags.boolean({
      description: 'Rotate the refresh token on every refresh and refuse the old one at once.',
    }),
    company: Flags.string({
      description: 'Xero only: the folder of Xero API JSON to serve (default: the bundled demo company).',
    }),
    seed: Flags.integer({description: 'Seed for fault injection, so a run can be repeated.', default: 1}),
    'env-out': Flags.string({
      description:
        'QBO only: write the settings a qbo command needs to use this emulator (URL, keys, realm, a refresh token, ' +
        'the time scale, a token store beside the file) as `export` lines; source it in another terminal: . FILE',
    }),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(EmulatorStart)
    const timeScale = Number(flags['time-scale'])
    if (!(timeScale > 0))
      throw new UsageError(`--time-scale must be a positive number, got "${flags['time-scale']}".`, {
        next: 'Use e.g. --time-scale 60.',
      })
    if (flags.provider === 'shipstation') {
      if (flags.data || flags.faults || flags['strict-rotation'] || flags.company || flags['env-out'])
        throw new UsageError(
          '--data, --faults, --strict-rotation, --company and --env-out do not apply to the ShipStation emulator.',
          {
            next: 'Run `qbo emulator start --provider shipstation [--time-scale N] [--port P] [--seed N]`.',
          },
        )
      const shipstation = await startShipStationEmulator({port: flags.port, timeScale, seed: flags.seed})
      this.log(shipStationListeningLine(shipstation))
      await untilSignal()
      await shipstation.close()
      return
    }
    if (flags.provider === 'xero') {
      if (flags.data || flags.faults || flags['strict-rotation'] || flags['env-out'])
        throw new UsageError(
          '--data, --faults, --strict-rotation and --env-out apply to the QBO emulator only.',
          {
            next: 'Run `qbo emulator start --provider xero [--company DIR] [--time-scale N] [--port P]`.',
          },
        )
      if (flags.company && !existsSync(flags.company))
        throw new UsageError(`--company ${flags.company}: no such folder.`, {
          next: 'Give a folder of Xero API JSON files (docs/xero-emulator.md), or omit --company for the demo.',
        })
      const xero = await startXeroEmulator({
        port: flags.port,
        timeScale,
        company: flags.company ?? DEMO_XERO_COMPANY_DIR,
      })
      this.log(xeroListeningLine(xero))
      await untilSignal()
      await xero.close()
      return
    }
    if (flags.provider === 'shopify') {
      if (flags.data || flags.faults || flags['strict-rotation'] || flags.company)
        throw new UsageError(
          '--data, --faults, --strict-rotation and --company do not apply to the Shopify emulator.',
          {
            next: 'Run `qbo emulator start --provider shopify [--time-scale N] [--port P]`.',
          },
        )
      const shopify = await startShopifyEmulator({port: flags.port, timeScale})
      for (const line of shopifyListeningLines(shopify)) this.log(line)
      await untilSignal()
      await shopify.close()
      return
    }
    if (flags.company)
      throw new UsageError('--company applies to the Xero emulator only.', {
        next: 'Add --provider xero, or drop --company.',
      })
    let faults: FaultSpec | undefined
    try {
      faults = flags.faults ? parseFaultSpec(flags.faults) : undefined
    } catch (e) {
      throw new UsageError((e as Error).message, {
        next: 'Use e.g. --faults http500=0.05,throttle=0.02,reset=0.01,timeout=0.01,latency=20-200',
      })
    }
    const emulator = await startQboEmulator({
      port: flags.port,
      dataFile: flags.data,
      timeScale,
      faults,
      strictRotation: flags['strict-rotation'],
      seed: flags.seed,
    })
    this.log(`QBO emulator listening on ${emulator.url} (realm ${emulator.realmId})`)
    if (flags['env-out']) {
      const issued = (await (
        await fetch(`${emulator.url}/_emulator/tokens`, {
          method: 'POST',
          body: JSON.stringify({realmId: emulator.realmId}),
        })
      ).json()) as {refresh_token: string}
      const env = writeRehearsalEnv(flags['env-out'], {
        url: emulator.url,
        realmId: emulator.realmId,
        refreshToken: issued.refresh_token,
        timeScale,
      })
      this.log(
        `Settings for this emulator in ${env.file}; in another terminal run \`. ${flags['env-out']}\`, ` +
          `then any qbo command uses this emulator (its tokens are kept in ${env.tokenFile}). Ctrl-C stops it.`,
      )
    }
    await untilSignal()
    await emulator.close()
  }
}

function untilSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
}
