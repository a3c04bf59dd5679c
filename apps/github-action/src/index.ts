// The entrypoint GitHub runs (action.yml `main: dist/index.mjs`): it only calls run().
import { run } from './main.js';

void run();
