/**
 * Reading an HTTP body from outside without trusting its size: stop as soon as it passes `limit`
 * bytes (counted after decompression, so a gzip bomb costs at most `limit`).
 */

/** The body's bytes, or undefined when it is larger than `limit` (the rest is not read). */
export async function readBoundedBody(response: Response, limit: number): Promise<Uint8Array | undefined> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}
