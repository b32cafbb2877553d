import {StringDecoder} from 'node:string_decoder'
import {stripVTControlCharacters} from 'node:util'

import {ProcessOutput} from 'listr2'

/**
 * The ProcessOutput for listr2's live renderer, which redraws the bottom of the terminal and so takes over
 * process.stderr while it runs. listr2's own holds every line written meanwhile (our log lines, Node's
 * warnings) until the display ends: a step's warnings came after its tick, out of order. This one hands each
 * complete line to the running step instead (`showIn`), which the renderer draws under it as it comes.
 * Only the live renderer takes stderr over; the line-by-line and silent ones leave it alone.
 */
export class LiveStderr extends ProcessOutput {
  private show: ((line: string) => void) | undefined
  private held: string[] = []
  private partial = ''
  private decoder = new StringDecoder('utf8')

  constructor(private readonly target: NodeJS.WriteStream = process.stderr) {
    // The renderer draws on stderr too: results alone go to stdout.
    super(target, target)
  }

  /**
   * From now on lines go to `show` (lines held meanwhile go first); with none, they are held and written
   * when the display ends, as listr2 does.
   */
  showIn(show: ((line: string) => void) | undefined): void {
    this.show = show
    if (show) for (const line of this.held.splice(0)) show(line)
  }

  /** Whether the live display has taken stderr over (it does so before the first step starts). */
  get live(): boolean {
    return this.active === true
  }

  override hijack(): void {
    super.hijack()
    // super.hijack() pointed target.write at listr2's holding buffer: point it at the running step instead.
    // super.release() puts the stream's own write back, whatever stands here.
    this.target.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : this.decoder.write(Buffer.from(chunk))
      const lines = (this.partial + text).split(/\r?\n/)
      this.partial = lines.pop() ?? ''
      for (const line of lines.map(plain).filter(Boolean)) {
        if (this.show) this.show(line)
        else this.held.push(line)
      }
      const callback = rest.at(-1)
      if (typeof callback === 'function') callback()
      return true
    }) as NodeJS.WriteStream['write']
  }

  override release(): void {
    const rest = [...this.held.splice(0), plain(this.partial)].filter(Boolean)
    this.partial = ''
    this.show = undefined
    super.release()
    // Lines no step was there to show (written before the first started or after the last ended).
    for (const line of rest) this.target.write(line + '\n')
  }
}

/**
 * A line without terminal control codes, which the renderer's own drawing owns: the cursor is hidden through
 * stderr on every frame, and those codes would otherwise come out as blank lines.
 */
function plain(line: string): string {
  return stripVTControlCharacters(line).trimEnd()
}
