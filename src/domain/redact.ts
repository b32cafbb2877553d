/**
 * Secrets never reach a log, an error message or the database. Everything printed passes through here.
 * Patterns cover the shapes secrets take in this tool: HTTP Authorization headers (Bearer and Basic),
 * OAuth token fields in JSON or form bodies, and client secrets.
 */
const PATTERNS: readonly [RegExp, string][] = [
  [/(authorization["']?\s*[:=]\s*["']?)(bearer|basic)\s+[^\s"',}]+/gi, '$1$2 [REDACTED]'],
  [/\b(bearer|basic)\s+[A-Za-z0-9\-._~+/]{16,}=*/gi, '$1 [REDACTED]'],
  [
    /(["']?(?:access_token|refresh_token|id_token|client_secret|code_verifier|accessToken|refreshToken|clientSecret|x_refresh_token)["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi,
    '$1[REDACTED]',
  ],
  [/([?&](?:code|access_token|refresh_token|client_secret)=)[^&\s"']+/gi, '$1[REDACTED]'],
]

export function redact(text: string): string {
  let out = text
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement)
  return out
}
