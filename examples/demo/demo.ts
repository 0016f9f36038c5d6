// `npm run demo`: nine orders, one per seed process, driven end to end on embedded PostgreSQL
// (PGlite, no server needed). Prints a progress line per scenario, then each order's timeline
// and the messages its customer got, in the customer's language. Exits non-zero if any
// scenario did not end as expected.
import { runDemo } from './runDemo.js';

const result = await runDemo({ out: (line) => console.log(line) });
process.exitCode = result.ok ? 0 : 1;
