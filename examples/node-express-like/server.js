// A small app with one npm dependency (`ms`), a tiny router and a build artefact.
const http = require('node:http');
const fs = require('node:fs');
const ms = require('ms');

const port = Number(process.env.PORT ?? 3000);
const started = Date.now();
const buildInfo = JSON.parse(fs.readFileSync('build-info.json', 'utf8'));

const routes = {
  '/healthz': () => ({ status: 'ok' }),
  '/': () => ({
    message: `${process.env.GREETING ?? 'Hello'} from node-express-like`,
    release: process.env.MAX_RELEASE ?? null,
    uptime: ms(Date.now() - started),
    cache_ttl: ms(buildInfo.cache_ttl, { long: true }),
  }),
};

const server = http.createServer((req, res) => {
  const route = routes[new URL(req.url, 'http://x').pathname];
  if (!route) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'not found' }));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(route(req)));
});

server.listen(port, () => console.log(`node-express-like listening on port ${port}`));

process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
});
