#!/usr/bin/env -S node --max-semi-space-size=32
// A larger young generation: replaying a log allocates an object per line, and with the default
// size the collector runs far more often (a 1M-line replay is ~18% faster this way).
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv);
