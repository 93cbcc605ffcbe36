/**
 * The example the design started from, through the whole pipeline: fetched over HTTP, parsed,
 * tagged, summarised, stored, and read back as `policywire news china` would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNews } from '../../src/jobs/news.js';
import { type FeedServer, startFeedServer } from '../helpers/feedServer.js';
import { fixture } from '../helpers/fixtures.js';
import { createTestApp, type TestApp } from '../helpers/testApp.js';

let server: FeedServer;
let app: TestApp;

beforeAll(async () => {
  server = await startFeedServer({ '/feed': { body: fixture('feeds/xi-blockchain.rss') } });
  app = createTestApp(
    [{ id: 'crypto-briefing', name: 'Crypto Briefing', url: server.url('/feed'), kind: 'media' }],
    { clock: () => Date.parse('2019-10-25T18:00:00Z') },
  );
  await app.poll();
});
afterAll(async () => {
  app.cleanup();
  await server.close();
});

describe('“China’s President Wants The Country To Be A Global Blockchain Leader”', () => {
  it('is China policy news, found by topic and alias, with the lede as summary and no disclaimer or bio', () => {
    for (const subject of ['china', 'China', '中国', 'pboc', 'Xi Jinping']) {
      const { stories } = findNews(app.stories, { subject, limit: 5 });
      expect(
        stories.map((s) => s.title),
        subject,
      ).toEqual(['China’s President Wants The Country To Be A Global Blockchain Leader']);
    }
    const [story] = findNews(app.stories, { subject: 'china', limit: 1 }).stories;
    expect(story?.policy).toBe(true);
    expect(story?.topics).toContain('china');
    // “seize the opportunity” is not an asset seizure.
    expect(story?.topics).not.toContain('enforcement');
    expect(story?.url).toBe('https://cryptobriefing.example/china-president-global-blockchain-leader/');
    expect(story?.summary).toMatch(
      /^Chinese President Xi Jinping called for accelerating the development of blockchain technology at a Politburo study session on Thursday\./,
    );
    expect(story?.summary).not.toMatch(/Disclaimer|investment advice|About Author|Follow us/);
    expect(story?.summary.length).toBeLessThanOrEqual(310);
  });
});
