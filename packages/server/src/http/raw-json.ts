/**
 * JSON text that is already serialized, carried inside a value to be answered. The streaming
 * writer (json-stream.ts) copies the text as it is; anything else that serializes it
 * (`JSON.stringify`, Fastify for a small answer, the YAML conversion) goes through `toJSON`, which
 * parses it, so the answer is the same either way.
 */
export class RawJson {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    return JSON.parse(this.text)
  }
}
