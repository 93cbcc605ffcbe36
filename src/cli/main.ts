#!/usr/bin/env node
/**
 * `policywire`: the command line. Does what the bot does, without Discord: poll feeds, list news,
 * show sources and topics. Exit codes: 0 done, 1 fatal error (settings, database), 2 usage.
 */
import { runCli } from './run.js';

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
