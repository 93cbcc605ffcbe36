import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FeedServer, rss, startFeedServer } from '../helpers/feedServer.js';
import { createTestApp, type TestApp } from '../helpers/testApp.js';

/** A fake OpenAI-compatible endpoint on 127.0.0.1. */
async function startFakeLlm(
  answer: (body: { messages: Array<{ content: string }> }) => { status: number; body: string },
) {
  const calls: Array<{
    auth: string | undefined;
    body: { model: string; messages: Array<{ content: string }> };
  }> = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => {
      raw += c.toString();
    });
    req.on('end', () => {
      const body = JSON.parse(raw) as { model: string; messages: Array<{ content: string }> };
      calls.push({ auth: req.headers.authorization, body });
      const out = answer(body);
      res.writeHead(out.status, { 'content-type': 'application/json' }).end(out.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    calls,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const completion = (text: string) =>
  JSON.stringify({
    id: 'x',
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
  });

let feeds: FeedServer;
let app: TestApp | undefined;
let now = Date.parse('2025-11-20T12:00:00Z');
const item = (n: number, title: string) => ({
  title,
  link: `https://sec.example/${n}`,
  guid: String(n),
  pubDate: new Date(now - 3_600_000).toUTCString(),
  description: `${title}. The Commission said so in a statement on Thursday.`,
});

beforeEach(async () => {
  feeds = await startFeedServer();
  now = Date.parse('2025-11-20T12:00:00Z');
});
afterEach(async () => {
  app?.cleanup();
  app = undefined;
  await feeds.close();
});

describe('SUMMARY_PROVIDER=openai', () => {
  it('summarises each new policy story once with the model, never the backlog, and keeps it across polls', async () => {
    const llm = await startFakeLlm(() => ({
      status: 200,
      body: completion('The SEC approved a crypto custody rule for broker-dealers.'),
    }));
    feeds.route('/sec.xml', { body: rss([item(1, 'SEC charges crypto exchange')]) });
    app = createTestApp(
      [{ id: 'sec', url: feeds.url('/sec.xml'), kind: 'regulator', jurisdictions: ['us'] }],
      {
        clock: () => now,
        env: {
          SUMMARY_PROVIDER: 'openai',
          OPENAI_BASE_URL: llm.url,
          OPENAI_API_KEY: 'sk-test-secret',
          SUMMARY_MODEL: 'test-model',
        },
      },
    );
    await app.poll();
    expect(llm.calls).toHaveLength(0);
    feeds.route('/sec.xml', {
      body: rss([item(2, 'SEC approves crypto custody rule'), item(1, 'SEC charges crypto exchange')]),
    });
    now += 600_000;
    const report = await app.poll();
    expect(llm.calls).toHaveLength(1);
    expect(llm.calls[0]?.auth).toBe('Bearer sk-test-secret');
    expect(llm.calls[0]?.body.model).toBe('test-model');
    const [story] = app.stories.byIds(report.newStoryIds);
    expect(story?.summary).toBe('The SEC approved a crypto custody rule for broker-dealers.');
    now += 600_000;
    await app.poll();
    expect(llm.calls).toHaveLength(1);
    // The model's summary is searchable.
    expect(app.stories.news({ limit: 5, text: 'broker-dealers' }).map((s) => s.id)).toEqual([story?.id]);
    await llm.close();
  });

  it('keeps the extractive summary when the model fails, and stops calling past the daily budget', async () => {
    const llm = await startFakeLlm(() => ({ status: 500, body: '{"error":"boom"}' }));
    feeds.route('/sec.xml', { body: rss([item(1, 'SEC charges crypto exchange')]) });
    app = createTestApp(
      [{ id: 'sec', url: feeds.url('/sec.xml'), kind: 'regulator', jurisdictions: ['us'] }],
      {
        clock: () => now,
        env: { SUMMARY_PROVIDER: 'openai', OPENAI_BASE_URL: llm.url, SUMMARY_DAILY_BUDGET: '1' },
      },
    );
    await app.poll();
    feeds.route('/sec.xml', {
      body: rss([
        item(2, 'SEC approves crypto custody rule'),
        item(3, 'SEC fines crypto lender over unregistered offering'),
        item(1, 'SEC charges crypto exchange'),
      ]),
    });
    now += 600_000;
    const report = await app.poll();
    expect(llm.calls).toHaveLength(1);
    expect(llm.calls[0]?.auth).toBeUndefined();
    for (const story of app.stories.byIds(report.newStoryIds))
      expect(story.summary).toBe('The Commission said so in a statement on Thursday.');
    await llm.close();
  });
});
