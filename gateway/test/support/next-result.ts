import type { RequestResult } from '@liangling/sdk/government';

/** The next result of a subscription, or a failure after `ms` ("no event within …", or "the subscription ended"). */
export async function next<T>(iterator: AsyncIterator<RequestResult<T>>, ms = 8000): Promise<RequestResult<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no event within ${ms} ms`)), ms)));
  try {
    const result = await Promise.race([iterator.next(), timeout]);
    if (result.done) throw new Error('the subscription ended');
    return result.value;
  } finally {
    clearTimeout(timer);
  }
}
