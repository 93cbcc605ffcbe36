#!/usr/bin/env node
/**
 * `policywire`: the command line. Does what the bot does, without Discord: poll feeds, list news,
 * show sources and topics. Exit codes: 0 done, 1 fatal error (settings, database), 2 usage.
 */
import { runCli } from './run.js';

// `policywire topics | head` closes stdout early: stop quietly, as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
