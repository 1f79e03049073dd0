#!/usr/bin/env python3
"""A hookd webhook receiver in Python, using the official `standardwebhooks` package.

    pip install 'standardwebhooks>=1.0,<2'
    WEBHOOK_SECRET="$(hookctl webhooks secret my-webhook)" PORT=8000 python3 receiver.py

It does what a receiver should: verify the signature (webhook-id, webhook-timestamp and
webhook-signature, within five minutes) before trusting anything, answer 200 at once, and
process the event afterwards on a worker thread, skipping a webhook-id it has already taken:
hookd delivers at least once and re-sends with the same webhook-id after a timeout or a
restart. A request that does not verify gets 401 and is never processed.

The set of seen ids lives in memory here; a real receiver keeps it where its work is
recorded (a unique key in its database), so a restart does not forget it.
"""
import json
import os
import queue
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

webhook = Webhook(os.environ["WEBHOOK_SECRET"])
seen_ids = set()
seen_lock = threading.Lock()
work = queue.Queue()


def process(event):
    """The business logic, run after hookd has its answer."""
    print(f"processed {event['event_type']} {event['event_id']}", flush=True)


def worker():
    while True:
        event = work.get()
        try:
            process(event)
        except Exception as error:  # A failure here is ours to retry: hookd already has its 200.
            print(f"processing {event.get('event_id')} failed: {error}", flush=True)


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        headers = {name.lower(): value for name, value in self.headers.items()}
        try:
            event = webhook.verify(body, headers)
        except WebhookVerificationError as error:
            print(f"refused {headers.get('webhook-id')}: {error}", flush=True)
            self.answer(401, "invalid signature\n")
            return
        webhook_id = headers["webhook-id"]
        with seen_lock:
            duplicate = webhook_id in seen_ids
            seen_ids.add(webhook_id)
        self.answer(200, "OK\n")
        if duplicate:
            print(f"duplicate {webhook_id}: already taken, not processed again", flush=True)
        else:
            work.put(event)

    def answer(self, status, text):
        data = text.encode()
        self.send_response(status)
        self.send_header("content-type", "text/plain")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):
        pass  # One line per event above is enough.


if __name__ == "__main__":
    threading.Thread(target=worker, daemon=True).start()
    server = ThreadingHTTPServer(("127.0.0.1", int(os.environ.get("PORT", "8000"))), Receiver)
    print(f"listening on http://127.0.0.1:{server.server_address[1]}/", flush=True)
    server.serve_forever()
