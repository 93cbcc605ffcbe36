import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiSummariser, type OpenAiSummariserOptions } from '../../src/summary/openAiSummariser.js';
import {
  createMemorySummaryCache,
  createMemoryUsageStore,
  type LlmUsageStore,
  type Summariser,
  type SummaryCache,
} from '../../src/summary/summariser.js';
import { answer, type FakeChatServer, sendJson, startFakeChatServer } from './fakeChatServer.js';

const API_KEY = 'sk-test-secret-4c1d';
const DAY_MS = 86_400_000;
const NOW = Date.UTC(2024, 4, 23, 12, 0, 0);

const request = {
  storyId: 7,
  title: 'SEC approves spot ether ETFs',
  body: 'The U.S. Securities and Exchange Commission approved rule changes for spot ether ETFs on Thursday. Disclaimer: Not investment advice.',
  language: 'en',
};

const fallback: Summariser = { name: 'fallback', summarise: async (req) => `fallback for ${req.storyId}` };

interface Harness {
  summariser: Summariser;
  cache: SummaryCache;
  usage: LlmUsageStore;
  warnings: Array<{ obj: object; msg: string }>;
  clock: { now: number };
}

let server: FakeChatServer;

beforeEach(async () => {
  server = await startFakeChatServer();
});

afterEach(async () => {
  await server.close();
});

function harness(overrides: Partial<OpenAiSummariserOptions> = {}): Harness {
  const cache = createMemorySummaryCache();
  const usage = createMemoryUsageStore();
  const warnings: Harness['warnings'] = [];
  const clock = { now: NOW };
  const summariser = createOpenAiSummariser({
    baseUrl: server.baseUrl,
    apiKey: API_KEY,
    model: 'test-model',
    timeoutMs: 2_000,
    dailyBudget: 100,
    cache,
    usage,
    fallback,
    now: () => clock.now,
    log: { warn: (obj, msg) => warnings.push({ obj, msg }) },
    ...overrides,
  });
  return { summariser, cache, usage, warnings, clock };
}

describe('createOpenAiSummariser', () => {
  it('asks the chat completions endpoint and returns the answer', async () => {
    server.respond(answer('The SEC approved rule changes that allow spot ether ETFs to list.'));
    const { summariser, cache, usage } = harness();

    const summary = await summariser.summarise(request);

    expect(summary).toBe('The SEC approved rule changes that allow spot ether ETFs to list.');
    expect(server.requests).toHaveLength(1);
    const sent = server.requests[0];
    expect(sent?.method).toBe('POST');
    expect(sent?.url).toBe('/v1/chat/completions');
    expect(sent?.headers['content-type']).toBe('application/json');
    const body = sent?.body as {
      model: string;
      max_tokens: number;
      messages: Array<{ role: string; content: string }>;
    };
    expect(body.model).toBe('test-model');
    expect(body.max_tokens).toBeGreaterThan(0);
    expect(body.max_tokens).toBeLessThanOrEqual(512);
    expect(body.messages[0]?.role).toBe('system');
    expect(body.messages[0]?.content).toMatch(/300 characters/);
    expect(body.messages[0]?.content).toMatch(/same language as the article/);
    expect(body.messages[1]?.content).toContain(request.title);
    expect(body.messages[1]?.content).toContain('spot ether ETFs on Thursday.');
    // Boilerplate is not worth the model's tokens.
    expect(body.messages[1]?.content).not.toContain('Disclaimer');
    expect(cache.get(7)).toBe(summary);
    expect(usage.usedOn('2024-05-23')).toBe(1);
  });

  it('sends at most the first 6,000 characters of the body', async () => {
    const { summariser } = harness();
    await summariser.summarise({ ...request, body: 'word '.repeat(10_000) });
    const body = server.requests[0]?.body as { messages: Array<{ content: string }> };
    expect(body.messages[1]?.content.length).toBeLessThan(6_200);
  });

  it('calls the model once per story: the second request is a cache hit', async () => {
    const { summariser } = harness();
    const first = await summariser.summarise(request);
    const second = await summariser.summarise({ ...request, body: 'changed body' });
    expect(second).toBe(first);
    expect(server.requests).toHaveLength(1);
  });

  it('shares one call between concurrent requests for the same story', async () => {
    const { summariser, usage } = harness();
    const results = await Promise.all([summariser.summarise(request), summariser.summarise(request)]);
    expect(results[0]).toBe(results[1]);
    expect(server.requests).toHaveLength(1);
    expect(usage.usedOn('2024-05-23')).toBe(1);
  });

  it('uses the fallback without calling when the daily budget is used up, and warns once', async () => {
    const { summariser, usage, warnings, cache } = harness({ dailyBudget: 2 });
    usage.increment('2024-05-23');
    usage.increment('2024-05-23');

    expect(await summariser.summarise(request)).toBe('fallback for 7');
    expect(await summariser.summarise({ ...request, storyId: 8 })).toBe('fallback for 8');

    expect(server.requests).toHaveLength(0);
    expect(cache.get(7)).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.msg).toMatch(/budget/);
  });

  it('counts calls per UTC day and calls again the next day', async () => {
    const { summariser, usage, clock } = harness({ dailyBudget: 1 });
    await summariser.summarise(request);
    expect(await summariser.summarise({ ...request, storyId: 8 })).toBe('fallback for 8');
    clock.now += DAY_MS;
    expect(await summariser.summarise({ ...request, storyId: 8 })).toBe('A summary.');
    expect(server.requests).toHaveLength(2);
    expect(usage.usedOn('2024-05-24')).toBe(1);
  });

  it('falls back within the timeout when the server hangs, and caches nothing', async () => {
    server.respond(() => {
      // Never answer.
    });
    const { summariser, cache, usage, warnings } = harness({ timeoutMs: 300 });

    const started = performance.now();
    const summary = await summariser.summarise(request);
    const elapsed = performance.now() - started;

    expect(summary).toBe('fallback for 7');
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2_000);
    expect(cache.get(7)).toBeUndefined();
    // The call was made, so it counts against the budget.
    expect(usage.usedOn('2024-05-23')).toBe(1);
    expect(warnings[0]?.obj).toMatchObject({ storyId: 7, reason: 'timeout' });
  });

  it('times out a response whose body never finishes', async () => {
    server.respond((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"choices": [');
    });
    const { summariser, warnings } = harness({ timeoutMs: 300 });
    expect(await summariser.summarise(request)).toBe('fallback for 7');
    expect(warnings[0]?.obj).toMatchObject({ reason: 'timeout' });
  });

  it('falls back on HTTP 500 and tries again on the next request', async () => {
    server.respond((res) => sendJson(res, 500, { error: { message: 'overloaded' } }));
    const { summariser, cache, warnings } = harness();

    expect(await summariser.summarise(request)).toBe('fallback for 7');
    expect(cache.get(7)).toBeUndefined();
    expect(warnings[0]?.obj).toMatchObject({ reason: 'http-status', status: 500 });

    server.respond(answer('Recovered summary.'));
    expect(await summariser.summarise(request)).toBe('Recovered summary.');
    expect(server.requests).toHaveLength(2);
  });

  it.each([
    { name: 'malformed JSON', body: '{"choices": [', reason: 'bad-response' },
    { name: 'JSON that is not a completion', body: { object: 'error' }, reason: 'bad-response' },
    { name: 'an empty choices list', body: { choices: [] }, reason: 'bad-response' },
    {
      name: 'a null answer',
      body: { choices: [{ message: { role: 'assistant', content: null } }] },
      reason: 'empty-answer',
    },
    {
      name: 'a markup-only answer',
      body: { choices: [{ message: { content: '<think>hmm</think> ** **' } }] },
      reason: 'empty-answer',
    },
  ])('falls back on $name', async ({ body, reason }) => {
    server.respond((res) => sendJson(res, 200, body));
    const { summariser, cache, warnings } = harness();
    expect(await summariser.summarise(request)).toBe('fallback for 7');
    expect(cache.get(7)).toBeUndefined();
    expect(warnings[0]?.obj).toMatchObject({ reason });
  });

  it('falls back when the response is larger than it may be', async () => {
    server.respond((res) => sendJson(res, 200, { choices: [{ message: { content: 'x'.repeat(200_000) } }] }));
    const { summariser, warnings } = harness();
    expect(await summariser.summarise(request)).toBe('fallback for 7');
    expect(warnings[0]?.obj).toMatchObject({ reason: 'too-large' });
  });

  it('falls back on a network error', async () => {
    const closedBaseUrl = server.baseUrl;
    await server.close();
    const { summariser, warnings } = harness({ baseUrl: closedBaseUrl });
    expect(await summariser.summarise(request)).toBe('fallback for 7');
    expect(warnings[0]?.obj).toMatchObject({ reason: 'network' });
    server = await startFakeChatServer();
  });

  it('sends the API key as a bearer token when one is set', async () => {
    const { summariser } = harness();
    await summariser.summarise(request);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('sends no Authorization header without an API key', async () => {
    const { summariser } = harness({ apiKey: undefined });
    await summariser.summarise(request);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('never logs the API key', async () => {
    server.respond((res) =>
      sendJson(res, 401, { error: { message: `Incorrect API key provided: ${API_KEY}` } }),
    );
    const { summariser, warnings } = harness();
    await summariser.summarise(request);
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings)).not.toContain(API_KEY);
  });

  it('strips markup from the answer', async () => {
    server.respond(
      answer(
        '## Summary\n\n- The **SEC** approved <b>spot ether ETFs</b> on Thursday.\n- Trading starts after [S-1 filings](https://sec.gov) are effective.',
      ),
    );
    const { summariser } = harness();
    expect(await summariser.summarise(request)).toBe(
      'The SEC approved spot ether ETFs on Thursday. Trading starts after S-1 filings are effective.',
    );
  });

  it('trims a long answer to 400 characters at a sentence boundary', async () => {
    const sentence = 'The regulator set out detailed rules for stablecoin issuers and their reserves.';
    server.respond(answer(Array.from({ length: 10 }, () => sentence).join(' ')));
    const { summariser } = harness();
    const summary = await summariser.summarise(request);
    expect(summary.length).toBeLessThanOrEqual(400);
    expect(summary.endsWith('reserves.')).toBe(true);
  });

  it('accepts a base URL with a trailing slash', async () => {
    const { summariser } = harness({ baseUrl: `${server.baseUrl}/` });
    await summariser.summarise(request);
    expect(server.requests[0]?.url).toBe('/v1/chat/completions');
  });

  it('never calls with a budget of zero', async () => {
    const { summariser } = harness({ dailyBudget: 0 });
    expect(await summariser.summarise(request)).toBe('fallback for 7');
    expect(server.requests).toHaveLength(0);
  });

  it('uses the fetch it is given', async () => {
    const seen: string[] = [];
    const fetchSpy: typeof fetch = (input, init) => {
      seen.push(String(input));
      return fetch(input, init);
    };
    const { summariser } = harness({ fetch: fetchSpy });
    await summariser.summarise(request);
    expect(seen).toEqual([`${server.baseUrl}/chat/completions`]);
  });

  it('tells the model the article language when the feed declares it', async () => {
    const { summariser } = harness();
    await summariser.summarise({
      ...request,
      title: '香港批准ETF',
      body: '香港证监会批准ETF。',
      language: 'zh',
    });
    const body = server.requests[0]?.body as { messages: Array<{ content: string }> };
    expect(body.messages[1]?.content).toContain('Article language: zh');
  });

  it('is named after its model', () => {
    expect(harness().summariser.name).toBe('openai:test-model');
  });
});
