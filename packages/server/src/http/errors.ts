/**
 * What leaves the server when something fails: coded errors pass through (with a Chinese gloss
 * added to GraphQL's own English messages); anything unexpected becomes a generic internal error,
 * logged here, with no stack trace or SQL in the response.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { isUnavailable } from '../db/failures.js';
import { timeoutError } from '../db/reader.js';
import { dbUnavailable, HubError, Reason, RETRY_AFTER_SECONDS } from '../errors.js';
import { LIMITS, TOO_MANY_TOKENS } from '../graphql/limits.js';

const zhForCode: Record<string, string> = {
  GRAPHQL_PARSE_FAILED: '查询语法错误',
  GRAPHQL_VALIDATION_FAILED: '查询校验失败',
  BAD_USER_INPUT: '输入无效',
  BAD_REQUEST: '请求无效',
  PERSISTED_QUERY_NOT_FOUND: '持久化查询不存在',
  PERSISTED_QUERY_NOT_SUPPORTED: '不支持持久化查询',
  OPERATION_RESOLUTION_FAILURE: '无法确定要执行的操作',
};

/**
 * `debug` (HUB_DEBUG=1) keeps the stack trace Apollo adds (`extensions.stacktrace`), of the original
 * error too where an internal one is replaced; otherwise no stack trace leaves the server.
 */
export function formatError(log: (msg: string, err: unknown) => void, debug = false) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const { stacktrace, ...rest } = formatted.extensions ?? {};
    const extensions = debug && stacktrace ? { ...rest, stacktrace } : rest;
    // Ours, raised in a resolver or reported by a validation rule (Apollo wraps those, code kept as theirs).
    if (original instanceof HubError || (error as GraphQLError | undefined)?.originalError instanceof HubError)
      return { ...formatted, extensions };
    // PostgreSQL refuses a character text cannot hold (a NUL, \u0000) in any value, written or filtered on: the
    // caller's input, on every write and read alike, so it is caught here rather than in each input's bounds.
    if (['22021', '22P05'].includes((original as { code?: string } | undefined)?.code ?? '')) {
      const zh = '输入含有无法保存的字符（如 \\u0000）';
      const en = 'the input holds a character text cannot hold (such as \\u0000)';
      return {
        message: `${zh} / ${en}`,
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: 'BAD_USER_INPUT', reason: Reason.inputInvalidCharacter, messageZh: zh, messageEn: en },
      };
    }
    // A statement cancelled at its timeout outside the read path (a lookup's `pool.query`, bounded behind a pooler:
    // db/transaction.ts) is the read path's query/timeout, not an internal error.
    if ((original as { code?: string } | undefined)?.code === '57014') {
      const e = timeoutError();
      return { message: e.message, ...(formatted.path ? { path: formatted.path } : {}), extensions: e.extensions };
    }
    if (isUnavailable(original)) {
      const e = dbUnavailable();
      return { message: e.message, ...(formatted.path ? { path: formatted.path } : {}), extensions: e.extensions };
    }
    const code = typeof extensions.code === 'string' ? extensions.code : undefined;
    if (code === 'GRAPHQL_PARSE_FAILED' && TOO_MANY_TOKENS.test(formatted.message)) {
      const zh = `文档过大：超过 ${LIMITS.tokens.toLocaleString('en')} 个词法单元`;
      const en = `document too large: more than ${LIMITS.tokens.toLocaleString('en')} tokens`;
      return { message: `${zh} / ${en}`, extensions: { ...extensions, reason: Reason.queryTooLarge, messageZh: zh, messageEn: en } };
    }
    if (code && code in zhForCode) {
      const zh = zhForCode[code];
      return {
        ...formatted,
        message: `${zh} / ${formatted.message}`,
        extensions: { ...extensions, messageZh: zh, messageEn: formatted.message },
      };
    }
    log('internal error', original);
    return {
      message: '服务器内部错误 / Internal server error',
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: {
        code: 'INTERNAL_SERVER_ERROR',
        reason: 'server/internal',
        messageZh: '服务器内部错误',
        messageEn: 'Internal server error',
        ...(debug ? { stacktrace: String((original as Error)?.stack ?? original).split('\n') } : {}),
      },
    };
  };
}

/**
 * A response whose errors say the database is unavailable answers 503 with Retry-After (wherever the
 * error arose: a resolver, a write, a pre-check), so clients and proxies see what they can do.
 */
export const unavailableStatus: ApolloServerPlugin = {
  requestDidStart: async () => ({
    willSendResponse: async ({ response }) => {
      const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
      if (!errors?.some((e) => e.extensions?.reason === Reason.dbUnavailable)) return;
      response.http.status = 503;
      response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
    },
  }),
};
