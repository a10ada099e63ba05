// The reference every throughput figure of `npm run bench` is divided by: a fresh Node.js process that reads
// the file start to end in 1 MiB pieces and does nothing with them (process start included, like the CLI runs).
import { closeSync, openSync, readSync } from 'node:fs';

const fd = openSync(process.argv[2], 'r');
const piece = Buffer.allocUnsafe(1 << 20);
let bytes = 0;
for (let n; (n = readSync(fd, piece, 0, piece.length, null)) > 0; ) bytes += n;
closeSync(fd);
process.stdout.write(`${bytes}\n`);
