/**
 * Serial lanes: jobs with the same key run one at a time in arrival order, different keys run
 * concurrently. The consumer uses one lane per task so that a task's responses are applied in
 * order even though several deliveries are in flight (prefetch).
 */
export class KeyedLanes {
  private readonly tails = new Map<string, Promise<void>>()

  /** Queues `job` behind the key's earlier jobs. Jobs handle their own errors. */
  enqueue(key: string, job: () => Promise<void>): void {
    const tail = (this.tails.get(key) ?? Promise.resolve()).then(job).catch(() => {})
    this.tails.set(key, tail)
    // Drop the lane once it is empty, so the map does not grow with every task ever seen.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key)
    })
  }

  get size(): number {
    return this.tails.size
  }

  /** Resolves when every queued job has run. */
  async drain(): Promise<void> {
    while (this.tails.size > 0) await Promise.all(this.tails.values())
  }
}
