/** `count` installed extensions, each handling `onNodeCreate` with a no-op (event dispatch cost). */
import { BaseExtension, type NodeObject } from '@nailgun/extensions'

export function noopExtensions(count: number): BaseExtension[] {
  return Array.from({ length: count }, (_, i) => {
    return new (class extends BaseExtension {
      readonly name = `bench_noop_${i + 1}`
      readonly version = '1.0.0'
      readonly description = `Bench extension ${i + 1} with a no-op onNodeCreate`
      onNodeCreate(_node: NodeObject): void {}
    })()
  })
}
