// A small JSON Schema checker for the keywords schemas/analyze.schema.json uses (type, enum, const, pattern,
// properties, required, additionalProperties: false, items, oneOf, $ref to #/$defs). Returns every violation.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../helpers/paths.js';

type Schema = Record<string, unknown>;

export function loadAnalyzeSchema(): Schema {
  return JSON.parse(readFileSync(join(projectRoot, 'schemas', 'analyze.schema.json'), 'utf8')) as Schema;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(actual: string, wanted: string): boolean {
  return actual === wanted || (wanted === 'number' && actual === 'integer');
}

const KNOWN = new Set(['$schema', '$id', 'title', 'description', '$defs', 'type', 'enum', 'const', 'pattern', 'properties', 'required', 'additionalProperties', 'items', 'oneOf', '$ref']);

export function check(value: unknown, schema: Schema, root: Schema = schema, path = '$'): string[] {
  const errors: string[] = [];
  for (const k of Object.keys(schema)) if (!KNOWN.has(k)) errors.push(`${path}: schema keyword ${k} not supported by this checker`);
  if (typeof schema.$ref === 'string') {
    const name = /^#\/\$defs\/(.+)$/.exec(schema.$ref)?.[1];
    const target = name ? ((root.$defs as Record<string, Schema>) ?? {})[name] : undefined;
    if (!target) return [`${path}: unresolved $ref ${schema.$ref}`];
    return check(value, target, root, path);
  }
  const t = typeOf(value);
  if (schema.type !== undefined) {
    const wanted = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!wanted.some((w) => typeMatches(t, w))) return [`${path}: expected ${wanted.join('|')}, got ${t}`];
  }
  if (schema.enum && !(schema.enum as unknown[]).some((e) => e === value)) errors.push(`${path}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`);
  if ('const' in schema && schema.const !== value) errors.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  if (typeof schema.pattern === 'string' && typeof value === 'string' && !new RegExp(schema.pattern, 'u').test(value)) errors.push(`${path}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
  if (schema.oneOf) {
    const passing = (schema.oneOf as Schema[]).filter((s) => check(value, s, root, path).length === 0).length;
    if (passing !== 1) errors.push(`${path}: matches ${passing} of oneOf`);
  }
  if (t === 'object') {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in obj)) errors.push(`${path}: missing ${r}`);
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) errors.push(...check(v, props[k]!, root, `${path}.${k}`));
      else if (schema.additionalProperties === false) errors.push(`${path}: unexpected key ${k}`);
    }
  }
  if (t === 'array' && schema.items) (value as unknown[]).forEach((v, i) => errors.push(...check(v, schema.items as Schema, root, `${path}[${i}]`)));
  return errors;
}
