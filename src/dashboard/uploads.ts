import {randomBytes} from 'node:crypto'

export interface Upload {
  id: string
  name: string
  bytes: Buffer
}

/** Files dropped on the page, kept in memory between "preview" and "diff": the last few only. */
export class Uploads {
  private readonly files = new Map<string, Upload>()

  constructor(private readonly keep = 10) {}

  put(name: string, bytes: Buffer): Upload {
    const upload = {id: randomBytes(12).toString('base64url'), name, bytes}
    this.files.set(upload.id, upload)
    while (this.files.size > this.keep) this.files.delete(this.files.keys().next().value!)
    return upload
  }

  get(id: string): Upload | undefined {
    return this.files.get(id)
  }
}
