// A dependency-free app for Max. Max starts it with PORT set and its effective environment
// (GREETING is an ordinary var; MAX_RELEASE is the release number the platform adds).
const http = require('node:http');

const port = Number(process.env.PORT ?? 3000);

const server = http.createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'ok' }));
    return;
  }
  // One line per request (health checks excepted): something for `rig logs app` to show.
  console.log(`${req.method} ${req.url}`);
  const greeting = process.env.GREETING ?? 'Hello';
  const release = process.env.MAX_RELEASE ?? 'unknown';
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`${greeting} from node-http (release v${release})\n`);
});

server.listen(port, () => {
  console.log(`node-http listening on port ${port}`);
});

// Finish in-flight requests when Max replaces this release, then exit.
process.on('SIGTERM', () => {
  console.log('SIGTERM: closing');
  server.close(() => process.exit(0));
  server.closeIdleConnections();
});
