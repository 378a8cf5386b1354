// A Prisma client that runs everything inside one open transaction. The hub's domain functions
// open their own transactions (prisma.$transaction(fn)); given this client, each of those
// becomes a SAVEPOINT within the outer transaction instead: its writes are undone when it
// throws, exactly as before, and everything commits (or not) with the outer transaction. An
// idempotent request uses it so the mutation, its audit entries and its stored answer are one
// commit: a key is either done with its answer, or free.
import type { Prisma, PrismaClient } from "./generated/prisma/client.js";

export function clientWithin(tx: Prisma.TransactionClient): PrismaClient {
  let savepoints = 0;
  const savepoint = async <T>(fn: (client: PrismaClient) => Promise<T>, inner: PrismaClient): Promise<T> => {
    const name = `hub_nested_${++savepoints}`;
    await tx.$executeRawUnsafe(`SAVEPOINT ${name}`);
    try {
      const result = await fn(inner);
      await tx.$executeRawUnsafe(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT ${name}`);
      await tx.$executeRawUnsafe(`RELEASE SAVEPOINT ${name}`);
      throw error;
    }
  };
  const proxy = ($transaction: (arg: unknown) => Promise<unknown>): PrismaClient =>
    new Proxy(tx, {
      get(target, property) {
        if (property === "$transaction") return $transaction;
        const value = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    }) as unknown as PrismaClient;
  const all = (arg: unknown) => Promise.all(arg as Promise<unknown>[]);
  // Inside a nested transaction its own steps run one after another, so a further one nests directly.
  const inner: PrismaClient = proxy((arg) => (typeof arg === "function" ? savepoint(arg as (c: PrismaClient) => Promise<unknown>, inner) : all(arg)));
  // From outside, two at once (resolvers run side by side) take turns: savepoints are released in the order made.
  let queue: Promise<unknown> = Promise.resolve();
  const outer: PrismaClient = proxy((arg) => {
    if (typeof arg !== "function") return all(arg);
    const next = queue.then(() => savepoint(arg as (c: PrismaClient) => Promise<unknown>, inner));
    queue = next.catch(() => undefined);
    return next;
  });
  return outer;
}
