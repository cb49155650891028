/**
 * Timing and counting extension calls without threading a metrics object through the extension
 * host, the pipeline runner and the guard: every call site already holds the host logger the app
 * was built with (`ctx.log`), so that object identifies the app instance whose metrics count the call.
 * @module
 */
import type { AppMetrics, ExtensionCallKind } from './metrics.js'

const bound = new WeakMap<object, AppMetrics>()

/** Calls made with `log` (the app's host logger) are recorded in `metrics`. */
export function bindExtensionMetrics(log: object, metrics: AppMetrics): void {
  bound.set(log, metrics)
}

/** An event name, or `Pipeline.method` for pipelines (the guard's `stage`). */
export function stageKind(stage: string): ExtensionCallKind {
  return stage.includes('.') ? 'pipeline' : 'event'
}

/** Records one call that starts now; the returned function ends it. Nothing when `log` has no metrics. */
export function startExtensionCall(
  log: object,
  extension: string,
  kind: ExtensionCallKind,
  name: string,
): (failed: boolean) => void {
  const metrics = bound.get(log)
  if (!metrics) return ignore
  const started = performance.now()
  return (failed) => metrics.extensionCall(extension, kind, name, (performance.now() - started) / 1000, failed)
}

const ignore = () => {}

/** Runs `call`, recording its duration and whether it threw, when `log` is bound to metrics. */
export async function observeExtensionCall<T>(
  log: object,
  extension: string,
  kind: ExtensionCallKind,
  name: string,
  call: () => Promise<T>,
): Promise<T> {
  const done = startExtensionCall(log, extension, kind, name)
  try {
    const value = await call()
    done(false)
    return value
  } catch (error) {
    done(true)
    throw error
  }
}
