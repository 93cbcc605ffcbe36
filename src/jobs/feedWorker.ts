/**
 * Entry point of a feed worker thread (jobs/feedWorkers.ts): parses documents and enriches items
 * with the default offline enricher, one request at a time, answering on the parent port.
 */
import { parentPort } from 'node:worker_threads';
import { createDefaultEnricher } from '../intelligence.js';
import { inThreadProcessor } from './feedProcessor.js';
import type { WorkerReply, WorkerRequest } from './feedWorkers.js';

const port = parentPort;
if (!port) throw new Error('feedWorker.js runs as a worker thread (jobs/feedWorkers.ts)');
const processor = inThreadProcessor(createDefaultEnricher());

port.on('message', async (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply =
      request.kind === 'parse'
        ? { id: request.id, ok: true, result: await processor.parse(request.body, request.options) }
        : {
            id: request.id,
            ok: true,
            // The parent has the items: send back only what enrichment added.
            result: (await processor.enrich(request.items, request.feed)).map(
              ({ item: _item, ...added }) => added,
            ),
          };
  } catch (error) {
    reply = { id: request.id, ok: false, error: (error as Error)?.message ?? String(error) };
  }
  port.postMessage(reply);
});

port.postMessage({ ready: true } satisfies WorkerReply);
