import { parentPort } from 'node:worker_threads';
import { serveAnalysis } from './analysis-session';

// The entry of the layer analysis thread: built as its own file next to the main entries.
if (parentPort) serveAnalysis(parentPort);
