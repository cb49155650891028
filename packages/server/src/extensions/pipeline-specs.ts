/**
 * Resolving `dataPipelines` entries, once at load, into bound methods. A pipeline may be a
 * BasePipeline subclass with static methods (the seed's classmethods) or instance methods (the
 * class is instantiated once), or a plain object with the methods.
 * @module
 */
import { BasePipeline, PIPELINE_METHODS, type PipelineMethod } from '@nailgun/extensions'
import { isHookLike, PIPELINE_HOOKS, unknownHookMessage } from './hook-names.js'
import { memberNames, readMember, staticNames } from './members.js'

export type BoundPipelineMethod = (...args: unknown[]) => unknown

export interface ResolvedPipeline {
  /** The class name (or `dataPipelines[i]`), used in errors and traces. */
  name: string
  methods: Partial<Record<PipelineMethod, BoundPipelineMethod>>
}

const KNOWN: ReadonlySet<string> = new Set(PIPELINE_HOOKS)
const PROTO_STOPS: readonly object[] = [BasePipeline.prototype, Object.prototype]

/** Resolves one entry; throws an Error whose message says what is wrong with it. */
export function resolvePipeline(spec: unknown, index: number): ResolvedPipeline {
  if (typeof spec === 'function') return resolveClass(spec, index)
  if (typeof spec === 'object' && spec !== null) return resolveObject(spec, index)
  throw new Error(`dataPipelines[${index}] is neither a BasePipeline class nor an object with pipeline methods`)
}

function resolveClass(cls: Function, index: number): ResolvedPipeline {
  const name = cls.name || `dataPipelines[${index}]`
  const statics = staticNames(cls, [BasePipeline])
  const instanceNames = memberNames(cls.prototype as object, PROTO_STOPS)
  rejectUnknown([...statics, ...instanceNames], name)
  let instance: object | undefined
  const methods: ResolvedPipeline['methods'] = {}
  for (const method of PIPELINE_METHODS) {
    const onClass = readMember(cls, method)
    if (statics.includes(method) && typeof onClass === 'function') {
      methods[method] = onClass.bind(cls) as BoundPipelineMethod
    } else if (instanceNames.includes(method)) {
      instance ??= new (cls as new () => object)()
      const onInstance = readMember(instance, method)
      if (typeof onInstance === 'function') methods[method] = onInstance.bind(instance) as BoundPipelineMethod
    }
  }
  return checked({ name, methods })
}

function resolveObject(target: object, index: number): ResolvedPipeline {
  const name = target.constructor && target.constructor !== Object ? target.constructor.name : `dataPipelines[${index}]`
  const names = memberNames(target, PROTO_STOPS)
  rejectUnknown(names, name)
  const methods: ResolvedPipeline['methods'] = {}
  for (const method of PIPELINE_METHODS) {
    const value = readMember(target, method)
    if (typeof value === 'function') methods[method] = value.bind(target) as BoundPipelineMethod
  }
  return checked({ name, methods })
}

function rejectUnknown(names: readonly string[], owner: string): void {
  const unknown = names.find((name) => isHookLike(name, KNOWN))
  if (unknown) throw new Error(unknownHookMessage(unknown, 'pipeline', `pipeline ${owner}`))
}

function checked(pipeline: ResolvedPipeline): ResolvedPipeline {
  if (Object.keys(pipeline.methods).length === 0) {
    throw new Error(`pipeline ${pipeline.name} defines none of ${PIPELINE_METHODS.join(', ')}`)
  }
  return pipeline
}
