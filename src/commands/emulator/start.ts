import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {UsageError} from '../../domain/errors.js'
import {type FaultSpec, parseFaultSpec, startQboEmulator} from '../../emulator/qbo/index.js'

export default class EmulatorStart extends BaseCommand {
  static override summary = 'Run a local QuickBooks Online API emulator until Ctrl-C.'
  static override description =
    'Serves QBO-shaped endpoints (/v3/company/{realm}/..., OAuth 2 at /connect/oauth2 and /oauth2/v1/tokens/*) ' +
    'on 127.0.0.1 for rehearsing a migration. Control endpoints: POST /_emulator/tokens, POST /_emulator/reset, ' +
    'GET /_emulator/stats, PUT /_emulator/faults.'
  static override examples = [
    '<%= config.bin %> emulator start',
    '<%= config.bin %> emulator start --port 8090 --data emulator.db',
    '<%= config.bin %> emulator start --time-scale 60 --faults http500=0.05,throttle=0.02,timeout=0.01 --seed 7',
  ]
  static override enableJsonFlag = false
  static override flags = {
    provider: Flags.string({description: 'Which API to emulate.', options: ['qbo', 'xero'], default: 'qbo'}),
    port: Flags.integer({
      description: 'Port on 127.0.0.1 (0 = a random free port).',
      default: 0,
      min: 0,
      max: 65535,
    }),
    data: Flags.string({
      description: 'Keep the emulator state in this SQLite file (in memory when omitted).',
    }),
    'time-scale': Flags.string({
      description: 'Divide every QBO time window (throttle minute, token lifetimes) by N.',
      default: '1',
    }),
    faults: Flags.string({
      description: 'Inject failures, e.g. http500=0.05,throttle=0.02,reset=0.01,timeout=0.01,latency=20-200.',
    }),
    'strict-rotation': Flags.boolean({
      description: 'Rotate the refresh token on every refresh and refuse the old one at once.',
    }),
    seed: Flags.integer({description: 'Seed for fault injection, so a run can be repeated.', default: 1}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(EmulatorStart)
    if (flags.provider === 'xero')
      throw new UsageError('The Xero emulator is not built yet.', {
        next: 'Run `qbo emulator start` (or --provider qbo) for the QBO emulator.',
      })
    const timeScale = Number(flags['time-scale'])
    if (!(timeScale > 0))
      throw new UsageError(`--time-scale must be a positive number, got "${flags['time-scale']}".`, {
        next: 'Use e.g. --time-scale 60.',
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
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve)
      process.once('SIGTERM', resolve)
    })
    await emulator.close()
  }
}
