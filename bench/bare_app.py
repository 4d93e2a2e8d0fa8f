"""The baseline of (d): a bare ASGI app that answers every request with the same bytes keten's
gateway answered, under the same server (uvicorn, the gateway role's settings).

`python -m bench.bare_app PORT BODY_FILE`
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import uvicorn

Scope = dict[str, Any]


def bare(body: bytes) -> Any:
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]

    async def app(scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        while (await receive()).get("more_body"):
            pass  # the request body, read as the gateway reads it
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return app


def main() -> None:
    port, body_file = int(sys.argv[1]), Path(sys.argv[2])
    app = bare(body_file.read_bytes())
    # As keten.roles.gateway configures uvicorn for the gateway.
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", ws="websockets", lifespan="on")


if __name__ == "__main__":
    main()
