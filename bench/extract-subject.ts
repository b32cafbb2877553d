// The extract benchmark's subject, in a process of its own so that its peak memory is the extract's alone
// (the parent also generated the file and ran the floors). Prints {ms, cpuMs, peakRssMb, documents} as JSON.
import {extractToStaging} from '../src/sources/extract.js'
import {xeroCsvAdapter} from '../src/sources/xero-csv/adapter.js'
import {openStaging} from '../src/staging/index.js'
import {silentLogger} from '../src/ui/logger.js'

const [input, db] = process.argv.slice(2)
if (!input || !db) throw new Error('usage: extract-subject.ts <input folder> <staging db>')
const staging = openStaging(db)
const cpu0 = process.cpuUsage()
const t0 = performance.now()
const result = await extractToStaging(staging, xeroCsvAdapter({path: input}), {logger: silentLogger})
const ms = performance.now() - t0
const cpu = process.cpuUsage(cpu0)
staging.close()
const rejected = result.files.find((f) => f.status === 'rejected')
if (rejected) throw new Error(`bench input rejected: ${JSON.stringify(rejected.error)}`)
process.stdout.write(
  JSON.stringify({
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    documents: result.counts.invoice ?? 0,
  }) + '\n',
)
