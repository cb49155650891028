/**
 * Two validators: request bodies are checked strictly (a string where a number belongs is an
 * error, never silently converted); query strings and path parameters are text, so they are
 * coerced to the declared types.
 */
import { Ajv, type Options } from 'ajv'
import addFormatsModule from 'ajv-formats'
import type { FastifySchemaCompiler } from 'fastify'

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv

function makeAjv(options: Options): Ajv {
  const ajv = new Ajv({ allErrors: false, useDefaults: true, strict: false, ...options })
  addFormats(ajv)
  return ajv
}

const strict = makeAjv({ coerceTypes: false, removeAdditional: false })
const coercing = makeAjv({ coerceTypes: 'array', removeAdditional: false })

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? strict : coercing
  return ajv.compile(schema) as ReturnType<FastifySchemaCompiler<object>>
}
