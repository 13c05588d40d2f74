/** A file sent as base64 (GraphQL), decoded and bounded: at most 10 MB, nothing but base64. */
import { fileRefused, LIMITS } from './read.js';

/** The base64 text of the largest file accepted (and a little room for line breaks). */
export const MAX_BASE64 = Math.ceil(LIMITS.bytes / 3) * 4 + 1024;

export function decodeFile(base64: string): Buffer {
  if (base64.length > MAX_BASE64) throw fileRefused('文件超过 10 MB 上限', 'the file is over the 10 MB limit');
  const text = base64.replace(/^data:[^,]*,/, '').replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1)
    throw fileRefused('file 参数不是 base64 编码的文件内容', 'the file argument is not base64-encoded content');
  return Buffer.from(text, 'base64');
}
