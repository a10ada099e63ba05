// Exhaustiveness check for switches over a union: a new member left unhandled is a compile error here, and a
// value the types did not foresee (bad input cast past them) is a clear error at run time instead of silence.

export function assertNever(value: never, what: string): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
}
