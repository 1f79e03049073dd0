#!/usr/bin/env node
// A hookd webhook receiver in Node.js with nothing but node:http and node:crypto.
//
//   WEBHOOK_SECRET="$(hookctl webhooks secret my-webhook)" PORT=8000 node receiver.js
//
// It verifies the Standard Webhooks signature before trusting anything: HMAC-SHA256, keyed
// with the base64 key after "whsec_", over "webhook-id.webhook-timestamp.body", compared in
// constant time with each "v1,<base64>" of webhook-signature (two during a secret rotation),
// and a timestamp within five minutes. It answers 200 at once and processes the event
// afterwards, skipping a webhook-id it has already taken: hookd delivers at least once and
// re-sends with the same webhook-id. A request that does not verify gets 401.
//
// The set of seen ids lives in memory here; a real receiver keeps it where its work is
// recorded (a unique key in its database), so a restart does not forget it.
'use strict';
const http = require('node:http');
const crypto = require('node:crypto');

const secret = process.env.WEBHOOK_SECRET || '';
if (!secret.startsWith('whsec_')) {
  console.error('WEBHOOK_SECRET must be the whsec_... secret (hookctl webhooks secret NAME)');
  process.exit(1);
}
const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
const toleranceSeconds = 5 * 60;
const seenIds = new Set();

function verify(headers, body) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !timestamp || !signatures) throw new Error('missing webhook-id, webhook-timestamp or webhook-signature');
  const seconds = Number(timestamp);
  if (!Number.isInteger(seconds) || Math.abs(Date.now() / 1000 - seconds) > toleranceSeconds) {
    throw new Error('webhook-timestamp is not within five minutes of now');
  }
  const expected = crypto.createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
  for (const signature of signatures.split(' ')) {
    const [version, value] = signature.split(',', 2);
    if (version !== 'v1' || !value) continue;
    const received = Buffer.from(value, 'base64');
    if (received.length === expected.length && crypto.timingSafeEqual(received, expected)) return JSON.parse(body);
  }
  throw new Error('no signature matches the secret');
}

function processEvent(event) {
  // The business logic, run after hookd has its answer.
  console.log(`processed ${event.event_type} ${event.event_id}`);
}

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks);
    let event;
    try {
      event = verify(request.headers, body);
    } catch (error) {
      console.log(`refused ${request.headers['webhook-id']}: ${error.message}`);
      response.writeHead(401, { 'content-type': 'text/plain' }).end('invalid signature\n');
      return;
    }
    const id = request.headers['webhook-id'];
    const duplicate = seenIds.has(id);
    seenIds.add(id);
    response.writeHead(200, { 'content-type': 'text/plain' }).end('OK\n');
    if (duplicate) {
      console.log(`duplicate ${id}: already taken, not processed again`);
      return;
    }
    setImmediate(() => {
      try {
        processEvent(event);
      } catch (error) {
        console.log(`processing ${event.event_id} failed: ${error.message}`);
      }
    });
  });
});

server.listen(Number(process.env.PORT || 8000), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}/`);
});
