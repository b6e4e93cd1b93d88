/**
 * Server-Sent Events framing (WHATWG HTML, "Server-sent events"): fields `id`, `event`, `data`,
 * `retry`, one per line, an empty line ending each event; lines starting with `:` are comments.
 */

/** One event. `data` must not contain a newline (JSON.stringify output never does). */
export function sseEvent(id: number, event: string, data: string): string {
  return `id: ${id}\nevent: ${event}\ndata: ${data}\n\n`;
}

/** An event without an id: the client's Last-Event-ID stays at the last event it had. */
export function sseUnnumberedEvent(event: string, data: string): string {
  return `event: ${event}\ndata: ${data}\n\n`;
}

/** A comment line: ignored by clients, keeps intermediaries from closing an idle connection. */
export function sseComment(text: string): string {
  return `: ${text}\n\n`;
}

/** How long a client waits before reconnecting after the connection drops. */
export function sseRetry(ms: number): string {
  return `retry: ${ms}\n\n`;
}
