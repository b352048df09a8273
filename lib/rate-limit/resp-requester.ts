import 'server-only';

import { createHash } from 'node:crypto';

import type { Requester, UpstashRequest, UpstashResponse } from '@upstash/redis';
import type { Redis as IORedis } from 'ioredis';

/**
 * @upstash/redis speaks Upstash's REST API; a plain Redis speaks RESP. Its documented
 * extension point is a custom Requester, which receives each command as the array the
 * REST API would get (["evalsha", sha, numkeys, ...keys, ...args]). This one replays
 * that array over an ioredis connection, so @upstash/ratelimit runs against our Redis.
 *
 * One translation is needed: the limiter's Lua scripts start with
 * `#!lua flags=allow-key-locking`, a flag only Upstash knows (Redis 7 refuses the
 * script). Scripts are sent without that flag, which changes their SHA1, so EVALSHA
 * with the library's precomputed hash is mapped to the hash Redis actually knows, once
 * an EVAL has taught us the pair.
 *
 * Redis error replies (NOSCRIPT above all, which the limiter answers with EVAL) come
 * back as `{ error }` like the REST API's; connection failures are thrown.
 */
export function createRespRequester(redis: IORedis): Requester {
  const shaByUpstashSha = new Map<string, string>();

  function translate([command, ...args]: Command): Command {
    const name = command.toLowerCase();
    if (name === 'eval' && typeof args[0] === 'string') {
      const script = stripUpstashFlags(args[0]);
      shaByUpstashSha.set(sha1(args[0]), sha1(script));

      return [command, script, ...args.slice(1)];
    }
    if (name === 'evalsha' && typeof args[0] === 'string') {
      // Unknown hash: a hash no Redis has, so that the reply is NOSCRIPT and EVAL follows.
      return [
        command,
        shaByUpstashSha.get(args[0]) ?? sha1(`unknown:${args[0]}`),
        ...args.slice(1),
      ];
    }

    return [command, ...args];
  }

  return {
    async request<TResult>(req: UpstashRequest): Promise<UpstashResponse<TResult>> {
      const [command, ...args] = translate(toCommand(req.body));
      try {
        const result = (await redis.call(command, ...args)) as TResult;

        return { result: result ?? (null as TResult) };
      } catch (error) {
        if (isReplyError(error)) return { error: error.message };
        throw error;
      }
    },
  };
}

type Command = [string, ...(string | number)[]];

export function stripUpstashFlags(script: string): string {
  return script.replace(/^#!lua flags=allow-key-locking\n/, '#!lua\n');
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function toCommand(body: unknown): Command {
  if (!Array.isArray(body) || body.length === 0 || typeof body[0] !== 'string') {
    throw new Error('resp-requester: expected a command array');
  }
  const [command, ...rest] = body as [string, ...unknown[]];

  return [command, ...rest.map(toArg)];
}

function toArg(value: unknown): string | number {
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (value === null || value === undefined) return '';

  return JSON.stringify(value);
}

function isReplyError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'ReplyError';
}
