"""`keten serve --demo` prints, per demo professional, a one-time link (1 h) that signs straight in."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import httpx

from gateway.app import build_asgi
from kernel.settings import Settings
from keten.bootstrap import bootstrap
from keten.demo import ensure_demo

LINK = re.compile(r"sign in \(once, within 1 hour\): (http://\S+)")


async def test_each_demo_professional_gets_a_link_that_signs_in_once(tmp_path: Path) -> None:
    platform = bootstrap(Settings(data_dir=tmp_path / "data", port=8123))
    try:
        links = LINK.findall("\n".join(ensure_demo(platform)))
        assert len(links) == 3 and all(link.startswith("http://127.0.0.1:8123/link/") for link in links)
        transport = httpx.ASGITransport(app=build_asgi(platform.services))
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8123") as browser:
            signed_in = await browser.get(links[0])
            assert signed_in.status_code == 303 and "keten_session=" in signed_in.headers["set-cookie"]
            assert "Welkom, Sanne de Vries" in (await browser.get("/")).text
            assert (await browser.get(links[0])).status_code == 404  # once only
    finally:
        platform.close()


async def test_a_demo_link_older_than_an_hour_signs_no_one_in(tmp_path: Path) -> None:
    clock_file = tmp_path / "offset"
    platform = bootstrap(Settings(data_dir=tmp_path / "data", test_clock_file=clock_file))
    try:
        link = LINK.findall("\n".join(ensure_demo(platform)))[1]
        clock_file.write_text(str(timedelta(hours=1, seconds=1).total_seconds()))
        transport = httpx.ASGITransport(app=build_asgi(platform.services))
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as browser:
            late = await browser.get(link)
        assert late.status_code == 410 and "Deze link is verlopen" in late.text
    finally:
        platform.close()
