"""A bounded load script for a casework server on 127.0.0.1 (standard library only).

    .venv/bin/python tests/perf/load.py --port 8000 --case PUBLIC_ID [--levels 1,5,20] [--requests 200]

Signs in once through the sign-in form as the perf worker (casework.scale), then for each page
and each level of concurrent users runs that many threads until the level's request budget
or time cap is spent, and reports p50 and p95 latency and errors. Pages: the caseload, the
case page of the given case, and saving a session on it (posting the session form).

Every user thread shares the one signed-in session: signing in again as the same user would end
the earlier session (sign-in rotates the user's session token). Over plain http the session
cookie is marked Secure, so the cookie is kept and sent here by hand. Only 127.0.0.1 is ever
contacted.
"""

from __future__ import annotations

import argparse
import html
import http.client
import json
import math
import random
import re
import sys
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from urllib.parse import urlencode

HOST = "127.0.0.1"
_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
_INPUT = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')


class LoadError(RuntimeError):
    """The server did not answer as expected while setting up (sign-in, opening the form)."""


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None


class Client:
    """HTTP/1.1 to 127.0.0.1:port with a hand-kept cookie jar (one connection per request)."""

    def __init__(self, port: int, timeout: float = 60.0):
        self.port = port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: list[tuple[str, str]] | None = None,
                keep_cookies: bool = True) -> Response:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
        try:
            headers = {"Referer": f"http://{HOST}:{self.port}/", "Accept": "text/html"}
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
            body = None
            if form is not None:
                body = urlencode(form).encode()
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            response = Response(raw.status, raw.getheaders(), raw.read())
        finally:
            connection.close()
        if keep_cookies:
            for name, value in response.headers:
                if name.lower() == "set-cookie":
                    self._store(value)
        return response

    def _store(self, header: str) -> None:
        pair, _, attributes = header.partition(";")
        name, _, value = pair.strip().partition("=")
        lowered = attributes.lower()
        if not value or "max-age=0" in lowered or "expires=thu, 01 jan 1970" in lowered:
            self.cookies.pop(name, None)
        else:
            self.cookies[name] = value


def csrf_token(page: str) -> str:
    match = _CSRF.search(page)
    if not match:
        raise LoadError("no CSRF token on the page")
    return html.unescape(match.group(1))


def sign_in(client: Client, email: str, password: str) -> None:
    page = client.request("GET", "/sign-in")
    if page.status != 200:
        raise LoadError(f"GET /sign-in answered {page.status}")
    answer = client.request("POST", "/sign-in", [("email", email), ("password", password),
                                                 ("csrf_token", csrf_token(page.text))])
    if answer.status != 302:
        raise LoadError(f"sign-in answered {answer.status}, not a redirect: check the email and password")


def session_form(client: Client, case_id: str) -> list[tuple[str, str]]:
    """The fields of a valid 'log a session' post, read from the form page (its CSRF token,
    today's date as pre-filled, the first component the programme offers)."""
    page = client.request("GET", f"/cases/{case_id}/sessions/new")
    if page.status != 200:
        raise LoadError(f"GET /cases/{case_id}/sessions/new answered {page.status}")
    inputs = [dict(_ATTR.findall(tag)) for tag in _INPUT.findall(page.text)]
    held_on = [i.get("value", "") for i in inputs if i.get("name") == "held_on"]
    components = [i.get("value") for i in inputs if i.get("name") == "components"]
    if len(held_on) != 3 or not components or "submission_id" not in {i.get("name") for i in inputs}:
        raise LoadError("the session form does not have the expected fields (held_on, components, submission_id)")
    return [("csrf_token", csrf_token(page.text)), *[("held_on", value) for value in held_on],
            ("attendance", "attended"), ("mode", "face_to_face"), ("location", "youth_centre"),
            ("start_time", ""), ("duration_minutes", "60"), ("components", components[0]),
            ("behaviour_concern", "no"), ("behaviour_note", ""), ("notes", "Load test session."),
            ("onward_service_type", ""), ("onward_agency", "")]


@dataclass
class LevelResult:
    scenario: str
    users: int
    requests: int = 0
    errors: int = 0
    p50_ms: float | None = None
    p95_ms: float | None = None
    #: Seconds each user waits before each request, as (shortest, longest); (0, 0) for none.
    think: tuple[float, float] = (0.0, 0.0)
    seconds: float = 0.0
    capped: bool = False
    error_examples: list[str] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def percentile(values: list[float], fraction: float) -> float | None:
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def run_level(scenario: str, users: int, total: int, time_cap: float, call,
              think: tuple[float, float] = (0.0, 0.0)) -> LevelResult:
    """Run `call()` (returns None when the answer was right, else a short error text) from
    `users` threads until `total` calls are made or `time_cap` seconds have passed.

    With `think`, each user first waits a random time between its two bounds (seconds, from a
    fixed seed), as a person reading the last page does; the wait is not part of the latency."""
    lock = threading.Lock()
    latencies: list[float] = []
    result = LevelResult(scenario, users, think=think)
    issued = 0
    started = time.perf_counter()

    def worker(number: int):
        nonlocal issued
        pause = random.Random(number)
        while True:
            if think[1] > 0:
                time.sleep(pause.uniform(*think))
            with lock:
                if issued >= total:
                    return
                if time.perf_counter() - started > time_cap:
                    result.capped = True
                    return
                issued += 1
            begin = time.perf_counter()
            try:
                problem = call()
            except Exception as error:  # a refused connection or a timeout is an error, not a crash
                problem = f"{type(error).__name__}: {error}"
            elapsed = (time.perf_counter() - begin) * 1000
            with lock:
                latencies.append(elapsed)
                if problem:
                    result.errors += 1
                    if len(result.error_examples) < 3:
                        result.error_examples.append(problem[:200])

    threads = [threading.Thread(target=worker, args=(number,), daemon=True) for number in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    result.requests = len(latencies)
    result.p50_ms = percentile(latencies, 0.50)
    result.p95_ms = percentile(latencies, 0.95)
    return result


#: After the levels without pauses, each page is measured once more with this many users who
#: each pause between requests for a time in THINK_TIME (seconds), as people using the service do.
PACED_USERS = 20
THINK_TIME = (1.0, 3.0)

#: Uncounted calls of each page before its first level: both workers then have their templates
#: compiled, statements cached and connections open, which a server in use always has.
WARM_UP = 6


def run(port: int, case_id: str, email: str, password: str, levels=(1, 5, 20), requests: int = 200,
        time_cap: float = 60.0, timeout: float = 60.0, log=print, warm_up: int = WARM_UP,
        paced: bool = True) -> list[LevelResult]:
    """Sign in, then every page at every level; returns one LevelResult per (page, level).
    Pages that only read go first, so the case page is measured before any session is added.
    Each page is first called `warm_up` times, in pairs so that both workers take some, uncounted;
    a failure there is counted in the first level's errors. With `paced`, each page ends with
    PACED_USERS users pausing THINK_TIME between requests."""
    client = Client(port, timeout)
    sign_in(client, email, password)
    results: list[LevelResult] = []

    def get(path: str):
        snapshot = Client(port, timeout)
        snapshot.cookies = dict(client.cookies)

        def call():
            answer = snapshot.request("GET", path, keep_cookies=False)
            return None if answer.status == 200 else f"GET {path} answered {answer.status}"
        return call

    scenarios = [("caseload page", get("/caseload")), ("case page (large case)", get(f"/cases/{case_id}"))]
    try:
        form = session_form(client, case_id)
    except LoadError as error:
        form = None
        results.append(LevelResult("session save", 0, error_examples=[f"not available: {error}"]))
    if form is not None:
        saver = Client(port, timeout)
        saver.cookies = dict(client.cookies)
        path = f"/cases/{case_id}/sessions/new"

        def save():
            answer = saver.request("POST", path, form + [("submission_id", str(uuid.uuid4()))], keep_cookies=False)
            location = answer.header("Location") or ""
            if answer.status != 302 or "/sessions/new" in location:
                return f"POST {path} answered {answer.status}"
            return None
        scenarios.append(("session save", save))
    for name, call in scenarios:
        warm = run_level(name, 2, warm_up, time_cap, call) if warm_up else None
        for index, users in enumerate(levels):
            level = run_level(name, users, requests, time_cap, call)
            if index == 0 and warm is not None and warm.errors:
                level.errors += warm.errors
                level.error_examples = (warm.error_examples + level.error_examples)[:3]
            log(f"  {name:<24} {users:>2} users: {level.requests} requests, p50 {_ms(level.p50_ms)}, "
                f"p95 {_ms(level.p95_ms)}, {level.errors} errors" + (" (time cap reached)" if level.capped else ""))
            results.append(level)
        if paced:
            level = run_level(name, PACED_USERS, requests, time_cap, call, think=THINK_TIME)
            log(f"  {name:<24} {PACED_USERS:>2} users pausing {THINK_TIME[0]:g}-{THINK_TIME[1]:g} s: "
                f"{level.requests} requests, p50 {_ms(level.p50_ms)}, p95 {_ms(level.p95_ms)}, {level.errors} errors"
                + (" (time cap reached)" if level.capped else ""))
            results.append(level)
    return results


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f} ms"


def main(argv: list[str] | None = None) -> int:
    from casework.scale import PERF_PASSWORD, PERF_WORKER_EMAIL

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, required=True, help="Port of the server on 127.0.0.1")
    parser.add_argument("--case", required=True, help="Public id of the case to open and log sessions on")
    parser.add_argument("--levels", default="1,5,20", help="Concurrent users, comma-separated (default 1,5,20)")
    parser.add_argument("--requests", type=int, default=200, help="Requests per page and level (default 200)")
    parser.add_argument("--time-cap", type=float, default=60.0, help="Seconds per page and level (default 60)")
    parser.add_argument("--email", default=PERF_WORKER_EMAIL)
    parser.add_argument("--password", default=PERF_PASSWORD)
    parser.add_argument("--json", help="Also write the results to this file as JSON")
    args = parser.parse_args(argv)
    levels = tuple(int(part) for part in args.levels.split(","))
    results = run(args.port, args.case, args.email, args.password, levels, args.requests, args.time_cap)
    if args.json:
        with open(args.json, "w") as handle:
            json.dump([asdict(result) for result in results], handle, indent=2)
    return 0 if all(result.errors == 0 for result in results) else 1


if __name__ == "__main__":
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[2]))
    sys.exit(main())
