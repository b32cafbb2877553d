// `npm run bench [name...]`: runs each benchmark (bench/*.bench.ts), each against its baseline in the same
// run, prints a table and writes bench/results/<name>.json. Benchmarks measure; tests never assert on time.
import {readdirSync} from 'node:fs'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {join} from 'node:path'

import {type Benchmark, type BenchResult, formatTable, writeResult} from './harness.js'

const dir = fileURLToPath(new URL('.', import.meta.url))
const filters = process.argv.slice(2)
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort()

const results: BenchResult[] = []
for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as {default: Benchmark}
  process.stderr.write(`running ${mod.default.name}: ${mod.default.description}\n`)
  const result = await mod.default.run()
  results.push(result)
  process.stderr.write(`  wrote ${writeResult(join(dir, 'results'), result)}\n`)
}
console.log(formatTable(results))
