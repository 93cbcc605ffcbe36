import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';

describe('logger', () => {
  it('never writes a token or an API key, wherever it sits in a logged object', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = createLogger('info', sink);
    log.info(
      {
        token: 'discord-token-123',
        config: { discordToken: 'discord-token-123', openaiApiKey: 'sk-abc' },
        headers: { authorization: 'Bot discord-token-123' },
        apiKey: 'sk-abc',
      },
      'starting',
    );
    log.child({ feedId: 'x' }).warn({ request: { token: 'discord-token-123' } }, 'child');
    const out = lines.join('');
    expect(out).not.toMatch(/discord-token-123|sk-abc/);
    expect(out).toMatch(/\[redacted\]/);
  });
});
