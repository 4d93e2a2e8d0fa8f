"""How a refusal is checked in Chromium: the page a person opens (by URL, or by a POST they
force with a form of their own making) against the GraphQL call it stands for, made with the
same person's token — same code, as the page's Dutch sentence, and nothing of the case."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Page, Response, expect
from tests.browser.case_steps import Worker
from tests.e2e.harness import Keten, error_code

from gateway.web.messages import MESSAGES

NEED_TO_KNOW = ("FORBIDDEN", "NOT_FOUND")  # the codes of a refusal; any other is no refusal
# A person's own form, posted past the page that did not offer it (CSRF token from the page's
# sign-out form, as the session's own pages carry it).
FORCE = """([action, fields]) => {
  const form = document.createElement("form");
  form.method = "post";
  form.action = action;
  const csrf = document.querySelector("input[name=csrf]").value;
  for (const [name, value] of Object.entries({...fields, csrf})) {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
}"""


@dataclass(frozen=True)
class Call:
    """A page and the GraphQL operation it runs: a GET of `path`, or a POST of `form` to it."""

    path: str
    document: str
    variables: dict[str, Any]
    form: dict[str, str] | None = None  # None: opened by URL
    status: int | None = None  # None: the status the refusal's code answers (404, 403)


@dataclass
class Refusals:
    """Checks a person's calls against GraphQL; `secrets` are what no refusal may show."""

    keten: Keten
    secrets: tuple[str, ...]

    def check(self, worker: Worker, call: Call) -> Page:
        """The page first (so a missing rule fails on what the person sees), then GraphQL."""
        response = self.open(worker, call)
        page = worker.page
        self.nothing_of_the_case(page)
        code = self.graphql(worker, call)
        assert response.status == (call.status or {"NOT_FOUND": 404, "FORBIDDEN": 403}[code]), page.url
        expect(page.get_by_role("alert")).to_contain_text(MESSAGES[code])
        return page

    def graphql(self, worker: Worker, call: Call) -> str:
        body = self.keten.gql(worker.who.token, call.document, **call.variables)
        code = error_code(body)
        assert code in NEED_TO_KNOW and not any((body.get("data") or {}).values()), body
        return str(code)

    def open(self, worker: Worker, call: Call) -> Response:
        url = f"{self.keten.url}{call.path}"
        if call.form is None:
            opened = worker.page.goto(url)
            assert opened is not None
            return opened
        with worker.page.expect_navigation() as navigation:
            worker.page.evaluate(FORCE, [url, call.form])
        assert worker.page.url == url, f"redirected to {worker.page.url}: the step was taken"
        forced = navigation.value
        assert forced is not None
        return forced

    def nothing_of_the_case(self, page: Page) -> None:
        html = page.content()
        leaked = [secret for secret in self.secrets if secret in html]
        assert not leaked, f"{page.url} shows {leaked}"
