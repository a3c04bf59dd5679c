// The build step Max runs after `npm ci`: writes build-info.json, which the server reads at start.
const fs = require('node:fs');
const ms = require('ms');

const info = { built_at: new Date().toISOString(), cache_ttl: ms('2 days') };
fs.writeFileSync('build-info.json', JSON.stringify(info, null, 2));
console.log(`build: wrote build-info.json (cache_ttl ${info.cache_ttl} ms)`);
