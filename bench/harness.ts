import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

/** One timed measurement: wall time, CPU time, and the process's peak resident memory so far. */
export interface Measurement {
  label: string
  ms: number
  cpuMs: number
  peakRssMb: number
  /** Work items done (rows, requests, records), for a per-item rate. */
  items?: number
}

export interface BenchResult {
  name: string
  description: string
  baseline: Measurement
  subject: Measurement
  /** subject time / baseline time: 1.0 means as fast as the baseline, 2.0 twice as slow. */
  ratio: number
  target?: {maxRatio?: number; maxPeakRssMb?: number; minRatio?: number}
  extra?: Record<string, unknown>
}

export interface Benchmark {
  name: string
  description: string
  run(): Promise<BenchResult>
}

/** Times `fn` once (after the caller's warm-up), with CPU time and peak RSS (from the OS, so it covers native memory). */
export async function measure(
  label: string,
  fn: () => Promise<number | void> | number | void,
): Promise<Measurement> {
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const items = await fn()
  const ms = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  return {
    label,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    ...(typeof items === 'number' ? {items} : {}),
  }
}

export function compare(
  name: string,
  description: string,
  baseline: Measurement,
  subject: Measurement,
  extra: Pick<BenchResult, 'target' | 'extra'> = {},
): BenchResult {
  return {name, description, baseline, subject, ratio: subject.ms / baseline.ms, ...extra}
}

/** Whether a result meets its target (undefined when it has none). */
export function meetsTarget(r: BenchResult): boolean | undefined {
  if (!r.target) return undefined
  const {maxRatio, minRatio, maxPeakRssMb} = r.target
  if (maxRatio !== undefined && r.ratio > maxRatio) return false
  if (minRatio !== undefined && r.ratio < minRatio) return false
  if (maxPeakRssMb !== undefined && r.subject.peakRssMb > maxPeakRssMb) return false
  return true
}

export function formatTable(results: BenchResult[]): string {
  const rows = [['benchmark', 'baseline', 'ms', 'subject', 'ms', 'ratio', 'peak MB', 'target']]
  for (const r of results) {
    const met = meetsTarget(r)
    rows.push([
      r.name,
      r.baseline.label,
      r.baseline.ms.toFixed(0),
      r.subject.label,
      r.subject.ms.toFixed(0),
      r.ratio.toFixed(2),
      r.subject.peakRssMb.toFixed(0),
      met === undefined ? '-' : met ? 'met' : 'MISSED',
    ])
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)))
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')).join('\n')
}

export function writeResult(dir: string, result: BenchResult): string {
  mkdirSync(dir, {recursive: true})
  const file = join(dir, `${result.name}.json`)
  writeFileSync(
    file,
    JSON.stringify({...result, met: meetsTarget(result), at: new Date().toISOString()}, null, 2) + '\n',
  )
  return file
}
