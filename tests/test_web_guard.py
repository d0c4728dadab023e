"""The outer ASGI guard on its own: a cap on requests in flight, answered in the error shape."""

from __future__ import annotations

import asyncio
import json

from tidings.web.guard import Guard


def test_requests_beyond_the_cap_get_503_while_others_finish():
    release = asyncio.Event()

    async def slow_app(scope, receive, send):
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    guard = Guard(slow_app, max_body_bytes=100, timeout_s=5, max_in_flight=2)

    async def call():
        sent = []

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            sent.append(message)

        scope = {"type": "http", "method": "GET", "path": "/", "headers": [(b"host", b"x")]}
        await guard(scope, receive, send)
        return sent

    async def scenario():
        first = [asyncio.create_task(call()) for _ in range(2)]
        await asyncio.sleep(0.05)
        refused = await call()  # two are in flight: this one is turned away at once
        release.set()
        done = await asyncio.gather(*first)
        after = await call()  # the cap frees up again
        return refused, done, after

    refused, done, after = asyncio.run(scenario())
    assert refused[0]["status"] == 503
    body = json.loads(refused[1]["body"])
    assert body["error"]["code"] == "unavailable" and "busy" in body["error"]["message"]
    assert dict(refused[0]["headers"])[b"x-content-type-options"] == b"nosniff"
    assert [d[0]["status"] for d in done] == [200, 200] and after[0]["status"] == 200
    assert guard.in_flight == 0
