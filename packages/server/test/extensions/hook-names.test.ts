import { describe, expect, it } from 'vitest'
import {
  BASE_EXTENSION_MEMBERS,
  EXTENSION_HOOKS,
  editDistance,
  isHookLike,
  PIPELINE_HOOKS,
  snakeToCamel,
  suggest,
} from '../../src/extensions/hook-names.js'

const known = new Set([...EXTENSION_HOOKS, ...BASE_EXTENSION_MEMBERS])

describe('hook names', () => {
  it('maps the seed snake_case names to camelCase', () => {
    expect(snakeToCamel('on_node_create')).toBe('onNodeCreate')
    expect(snakeToCamel('process_deployment_for_node')).toBe('processDeploymentForNode')
  })

  it('treats on*/before*/after*/process* and seed names as hook-like, and nothing else', () => {
    for (const name of [
      'onNodeCreated',
      'on_node_create',
      'beforeDeploy',
      'afterAll',
      'processDisks',
      'data_pipelines',
    ]) {
      expect(isHookLike(name, known)).toBe(true)
    }
    for (const name of ['onNodeCreate', 'before', 'once', 'processor', 'get_node_volumes', 'helper', 'table_name']) {
      expect(isHookLike(name, known)).toBe(false)
    }
  })

  it('suggests the intended name for near misses and gives up on far ones', () => {
    expect(suggest('onNodeCreated', known)).toBe('onNodeCreate')
    expect(suggest('on_node_created', known)).toBe('onNodeCreate')
    expect(suggest('processDeploy', PIPELINE_HOOKS)).toBe('processDeployment')
    expect(suggest('alembic_migrations_path', known)).toBe('migrationsPath')
    expect(suggest('onSomethingEntirelyDifferent', known)).toBeUndefined()
  })

  it('measures edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3)
    expect(editDistance('', 'abc')).toBe(3)
    expect(editDistance('same', 'same')).toBe(0)
  })
})
