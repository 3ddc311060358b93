"""The performance benchmark: `make bench` (tests/perf/run_bench.sh) or

    .venv/bin/python tests/perf/bench.py [--scales 1,10] [--databases sqlite,postgres]

For each database and scale it builds a fresh database with the synthetic data generator
(casework.scale), then measures:

- the financial-year return for all programmes (JSON, internal mode) built through
  `casework return build`, and the same headline figures (B1 referrals received, B3 cases
  started, B5 cases closed, D1 sessions attended and contact hours) from one hand-written SQL
  query, with the ratio of the two times and whether the figures agree;
- the SQL statements issued for the case page of a small and of a very large case (equal when
  the page's queries are constant in the case size);
- the caseload page, the case page and saving a session, under 1, 5 and 20 concurrent users
  against gunicorn (2 workers) on 127.0.0.1 (tests/perf/load.py), with p50 and p95 latency and
  errors, then under 20 users who pause between requests as people do;
- building the same return as a PDF, rendering the built return's PDF on its own (as a
  submitted return's download does), and importing 100,000 sessions (`casework import sessions`);
- peak memory (resident set high-water mark) of each part.

A part that cannot run on the machine (gunicorn not installed) is reported as "not available",
not as a failure.
PostgreSQL is measured when CASEWORK_BENCH_POSTGRES_URL names a server (run_bench.sh starts a
throwaway one); a database is created there per scale (named after the URL's database with a
`_s<scale>` suffix) and dropped again first if it exists. Results go to tests/perf/RESULTS.md and
are printed. Each (database, scale) runs in its own process so that memory figures are its own.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import uuid
from dataclasses import asdict
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OUT = HERE / "out"
RESULTS = HERE / "RESULTS.md"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

NOT_AVAILABLE = "not available"
IMPORT_SESSIONS = 100_000
#: Headline figures of the return and what the SQL baseline calls them.
HEADLINE = (("B1", "b1"), ("B3", "b3"), ("B5", "b5"), ("D1", "d1"), ("D1.hours", "d1_hours"))


# --- memory ---------------------------------------------------------------------------------

def reset_peak() -> None:
    """Reset this process's resident-set high-water mark (Linux: /proc/self/clear_refs)."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        pass


def peak_mb(pid: int | str = "self") -> float | None:
    """VmHWM (peak resident set) of a process, in MB."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def children_of(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(part) for part in handle.read().split()]
    except OSError:
        pass
    return found


# --- periods and the SQL baseline -----------------------------------------------------------

def last_financial_year(today: date) -> tuple[str, date, date]:
    """The last complete financial year before `today`: label, first and last day."""
    start_year = (today.year if today.month >= 4 else today.year - 1) - 1
    return f"{start_year}-{str(start_year + 1)[2:]}", date(start_year, 4, 1), date(start_year + 1, 3, 31)


BASELINE_SQL = """
SELECT
  (SELECT COUNT(*) FROM referrals WHERE received_on BETWEEN :start AND :end) AS b1,
  (SELECT COUNT(*) FROM cases WHERE started_on BETWEEN :start AND :end) AS b3,
  (SELECT COUNT(DISTINCT case_id) FROM closures
     WHERE closed_on BETWEEN :start AND :end AND reopened_at IS NULL) AS b5,
  (SELECT COUNT(*) FROM sessions WHERE held_on BETWEEN :start AND :end AND attendance = 'attended') AS d1,
  (SELECT COALESCE(SUM(duration_minutes), 0) FROM sessions
     WHERE held_on BETWEEN :start AND :end AND attendance = 'attended') AS d1_minutes
"""


def baseline(engine, start: date, end: date) -> dict:
    """The headline figures of a return for all programmes, by plain SQL aggregates."""
    import sqlalchemy as sa

    with engine.connect() as connection:
        row = connection.execute(sa.text(BASELINE_SQL), {"start": start, "end": end}).mappings().one()
    figures = {key: int(row[key]) for key in ("b1", "b3", "b5", "d1")}
    # Hours as the return shows them: to one decimal place.
    figures["d1_hours"] = round(int(row["d1_minutes"]) / 60, 1)
    return figures


def timed(function, repeat: int = 3):
    """(best seconds, last result) over `repeat` runs; one run when the first takes over 10 s."""
    best, result = None, None
    for attempt in range(repeat):
        started = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
        if attempt == 0 and elapsed > 10:
            break
    return best, result


# --- the command line of the application ----------------------------------------------------

def return_build_args(period: str, fmt: str, output: Path) -> list[str]:
    """Arguments for `casework return build`: all programmes, internal mode."""
    return ["--programme", "ALL", "--period", period, "--mode", "internal", "--format", fmt, "--output", str(output)]


def run_cli(app, args: list[str]):
    """Run a `casework` command in this process; returns (seconds, click Result)."""
    runner = app.test_cli_runner()
    started = time.perf_counter()
    result = runner.invoke(args=args, catch_exceptions=True)
    return time.perf_counter() - started, result


def cli_failure(result) -> str:
    if result.exception and not isinstance(result.exception, SystemExit):
        return "".join(traceback.format_exception_only(type(result.exception), result.exception)).strip()[:300]
    return (result.output or "").strip().splitlines()[-1][:300] if result.output else f"exit code {result.exit_code}"


def headline_from_json(path: Path) -> dict:
    data = json.loads(path.read_text())
    found = {}
    for figure in data.get("figures", []):
        if figure.get("breakdown") is None and figure.get("category") is None:
            found[figure.get("code")] = figure.get("period")
    return {key: found.get(code) for code, key in HEADLINE}


# --- one database at one scale ----------------------------------------------------------------

def database_url(kind: str, scale: float) -> str:
    tag = f"{scale:g}".replace(".", "_")
    if kind == "sqlite":
        path = OUT / f"bench-s{tag}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import sqlalchemy as sa

    base = sa.make_url(os.environ["CASEWORK_BENCH_POSTGRES_URL"])
    name = f"{base.database or 'casework'}_bench_s{tag}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def database_size_mb(engine) -> float | None:
    import sqlalchemy as sa

    if engine.dialect.name == "sqlite":
        path = Path(engine.url.database)
        return sum(Path(str(path) + s).stat().st_size for s in ("", "-wal") if Path(str(path) + s).exists()) / 2**20
    with engine.connect() as connection:
        return connection.scalar(sa.text("SELECT pg_database_size(current_database())")) / 2**20


def make_app(url: str, instance: Path):
    from casework import create_app
    from casework.config import TestingConfig

    config = TestingConfig(str(instance))
    config.DATABASE_URL = url
    config.PREFERRED_URL_SCHEME = "https"
    return create_app(config)


def query_counts(app, references: dict[str, str], email: str, password: str) -> dict:
    """SQL statements for GET /cases/<id> of the small and the large case, as the perf worker.
    Each page is fetched once first so that one-off work (caches) is not counted."""
    import sqlalchemy as sa

    engine = app.extensions["casework.db"].engine
    statements: list[str] = []

    def listener(_conn, _cursor, statement, _params, _context, _many):
        statements.append(statement)

    client = app.test_client()
    client.environ_base["HTTP_REFERER"] = "https://localhost/"
    page = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    answer = client.post("/sign-in", data={"email": email, "password": password, "csrf_token": token})
    if answer.status_code != 302:
        return {"error": f"sign-in answered {answer.status_code}"}
    sa.event.listen(engine, "before_cursor_execute", listener)
    counts, times = {}, {}
    try:
        for label, public_id in references.items():
            client.get(f"/cases/{public_id}")
            statements.clear()
            started = time.perf_counter()
            answer = client.get(f"/cases/{public_id}")
            times[label] = time.perf_counter() - started
            if answer.status_code != 200:
                return {"error": f"GET /cases/<{label}> answered {answer.status_code}"}
            counts[label] = len(statements)
    finally:
        sa.event.remove(engine, "before_cursor_execute", listener)
    return {"counts": counts, "seconds": times}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(url: str) -> dict:
    env = dict(os.environ)
    env.update(CASEWORK_ENV="production", CASEWORK_SECRET_KEY=secrets.token_hex(32), CASEWORK_DATABASE_URL=url,
               CASEWORK_INSTANCE_PATH=str(OUT / "instance"))
    env.pop("CASEWORK_TEST_DATABASE_URL", None)
    return env


def load_test(url: str, case_id: str, args, log) -> dict:
    """Serve the database with gunicorn (2 workers) on 127.0.0.1 and run tests/perf/load.py."""
    from casework.scale import PERF_PASSWORD, PERF_WORKER_EMAIL
    from tests.perf import load

    try:
        import gunicorn  # noqa: F401
    except ImportError:
        return {"error": f"{NOT_AVAILABLE}: gunicorn is not installed (pip install -e '.[bench]')"}
    port = free_port()
    logfile = open(OUT / "gunicorn.log", "ab")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}", "--timeout", "120",
         "--graceful-timeout", "10", "--log-level", "warning", "casework.wsgi:app"],
        cwd=ROOT, env=server_env(url), stdout=logfile, stderr=logfile,
    )
    result: dict = {"port": port}
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                return {"error": f"gunicorn exited with {server.returncode}; see {OUT / 'gunicorn.log'}"}
            try:
                if load.Client(port, 5).request("GET", "/sign-in", keep_cookies=False).status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                return {"error": "gunicorn did not answer within 60 s"}
            time.sleep(0.5)
        levels = load.run(port, case_id, PERF_WORKER_EMAIL, PERF_PASSWORD, tuple(args.levels), args.requests,
                          args.time_cap, log=log)
        result["levels"] = [asdict(level) | {"per_second": level.per_second} for level in levels]
        workers = children_of(server.pid)
        result["worker_peak_mb"] = max((peak_mb(pid) or 0 for pid in workers), default=None)
    except load.LoadError as error:
        result["error"] = str(error)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            _pid, _status, usage = os.wait4(server.pid, 0)
            result["server_peak_mb"] = usage.ru_maxrss / 1024
        except ChildProcessError:
            pass
        if server.poll() is None:
            server.kill()
        logfile.close()
    return result


def import_sessions(app, url: str, log) -> dict:
    """Time `casework import sessions FILE` for 100,000 sessions on the open cases."""
    import sqlalchemy as sa

    from casework.imports.schemas import header_for
    from casework.scale import PERF_MANAGER_EMAIL

    header = header_for("sessions")
    engine = app.extensions["casework.db"].engine
    with engine.connect() as connection:
        cases = connection.execute(sa.text(
            "SELECT provider_reference, started_on, programme FROM cases "
            "WHERE status = 'open' AND provider_reference IS NOT NULL ORDER BY id")).all()
    if not cases:
        return {"error": "no open cases with a provider reference to import sessions into"}
    today = date.today()
    components = {"VIP": "VIP-C2", "REACH": "RCH-C2", "PHOENIX": "PHX-C2"}
    values = {
        "case_reference": lambda c, n: c.provider_reference,
        "provider_reference": lambda c, n: f"PERF-IMPORT-S{n:07d}",
        "held_on": lambda c, n: _import_day(c.started_on, today, n).isoformat(),
        "start_time": lambda c, n: f"{9 + n % 9:02d}:00", "duration_minutes": lambda c, n: "60",
        "mode": lambda c, n: "face_to_face", "location": lambda c, n: "youth_centre",
        "attendance": lambda c, n: "attended", "components": lambda c, n: components[c.programme],
        "behaviour_concern": lambda c, n: "no", "behaviour_note": lambda c, n: "", "notes": lambda c, n: "",
    }
    path = OUT / "import-sessions.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for n in range(IMPORT_SESSIONS):
            case = cases[n % len(cases)]
            writer.writerow([values[column](case, n) for column in header])
    log(f"  importing {IMPORT_SESSIONS:,} sessions")
    casework = Path(sys.executable).with_name("casework")
    started = time.perf_counter()
    process = subprocess.Popen([str(casework), "import", "sessions", str(path), "--user", PERF_MANAGER_EMAIL],
                               cwd=ROOT, env=server_env(url),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read().decode("utf-8", "replace")
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        return {"error": f"import failed: {output.strip().splitlines()[-1][:300] if output.strip() else status}"}
    return {"seconds": seconds, "rows": IMPORT_SESSIONS, "peak_mb": usage.ru_maxrss / 1024}


def _import_day(started_on, today: date, n: int) -> date:
    start = date.fromisoformat(str(started_on)) if started_on else today - timedelta(days=30)
    span = max(1, (today - start).days)
    return start + timedelta(days=n % span)


def run_one(kind: str, scale: float, args) -> dict:
    """Every measurement for one database at one scale (called in a process of its own)."""
    import sqlalchemy as sa

    from casework.db import make_engine
    from casework.scale import (
        LARGE_CASE_REFERENCE,
        PERF_PASSWORD,
        PERF_WORKER_EMAIL,
        SMALL_CASE_REFERENCE,
        generate,
    )
    from casework.timezone import london_today

    def log(line: str) -> None:
        print(line, flush=True)

    OUT.mkdir(parents=True, exist_ok=True)
    result: dict = {"database": kind, "scale": scale}
    url = database_url(kind, scale)
    engine = make_engine(url)
    result["server_version"] = _server_version(engine)
    log(f"== {kind}, scale {scale:g}: generating")
    reset_peak()
    generated = generate(engine, scale, progress=None)
    result["generate"] = {"seconds": generated.seconds, "rows": generated.rows, "counts": generated.counts,
                          "rows_per_second": generated.rows_per_second, "peak_mb": peak_mb(),
                          "size_mb": database_size_mb(engine)}
    log(f"  {generated.rows:,} rows in {generated.seconds:.1f} s ({generated.rows_per_second:,.0f} rows/s)")
    with engine.connect() as connection:
        references = {
            reference: str(uuid.UUID(str(public_id))) for reference, public_id in connection.execute(
                sa.text("SELECT provider_reference, public_id FROM cases WHERE provider_reference IN (:a, :b)"),
                {"a": SMALL_CASE_REFERENCE, "b": LARGE_CASE_REFERENCE})
        }
    engine.dispose()
    app = make_app(url, OUT / "instance")
    app_engine = app.extensions["casework.db"].engine

    # The generator writes closures with SQL Core; keep their outcome evaluations as closing a
    # case does (casework/cases/outcomes.py), timed as part of loading the data.
    log("  outcome evaluations of closed cases")
    from casework.cases.outcomes import refresh
    from casework.db import db

    reset_peak()
    with app.app_context():
        started = time.perf_counter()
        evaluated = refresh()
        db.session.commit()
        result["outcomes"] = {"seconds": time.perf_counter() - started, "closures": evaluated, "peak_mb": peak_mb()}
    log(f"  {evaluated:,} closures in {result['outcomes']['seconds']:.1f} s")

    log("  query counts")
    result["queries"] = query_counts(app, {"small": references[SMALL_CASE_REFERENCE],
                                           "large": references[LARGE_CASE_REFERENCE]},
                                     PERF_WORKER_EMAIL, PERF_PASSWORD)

    label, start, end = last_financial_year(london_today())
    result["period"] = label
    log(f"  return {label}: SQL baseline")
    seconds, figures = timed(lambda: baseline(app_engine, start, end))
    result["baseline"] = {"seconds": seconds, "figures": figures}
    json_path = OUT / f"return-{kind}.json"
    build_args = return_build_args(label, "json", json_path)
    log("  return build (JSON)")
    reset_peak()
    best, outcome = None, None
    sql_seconds: list[float] = []

    def before(conn, *_):
        conn.info["bench_started"] = time.perf_counter()

    def after(conn, *_):
        sql_seconds.append(time.perf_counter() - conn.info.pop("bench_started", time.perf_counter()))

    best_sql = None
    for _ in range(3):
        json_path.unlink(missing_ok=True)
        sql_seconds.clear()
        sa.event.listen(app_engine, "before_cursor_execute", before)
        sa.event.listen(app_engine, "after_cursor_execute", after)
        try:
            seconds, outcome = run_cli(app, ["return", "build", *build_args])
        finally:
            sa.event.remove(app_engine, "before_cursor_execute", before)
            sa.event.remove(app_engine, "after_cursor_execute", after)
        if outcome.exit_code != 0:
            break
        if best is None or seconds < best:
            best, best_sql = seconds, sum(sql_seconds)
        if seconds > 10:
            break
    if outcome.exit_code != 0 or not json_path.exists():
        result["return"] = {"error": f"return build failed: {cli_failure(outcome)}"}
    else:
        built = headline_from_json(json_path)
        result["return"] = {"seconds": best, "sql_seconds": best_sql, "figures": built, "peak_mb": peak_mb(),
                            "agree": {key: built.get(key) == figures.get(key) for _, key in HEADLINE}}
    log("  return build (PDF)")
    pdf_path = OUT / f"return-{kind}.pdf"
    pdf_path.unlink(missing_ok=True)
    reset_peak()
    seconds, outcome = run_cli(app, ["return", "build",
                                     *return_build_args(label, "pdf", pdf_path)])
    if outcome.exit_code != 0 or not pdf_path.exists():
        result["pdf"] = {"error": f"PDF build failed: {cli_failure(outcome)}"}
    elif not pdf_path.read_bytes()[:5] == b"%PDF-":
        result["pdf"] = {"error": "the command wrote something other than a PDF"}
    else:
        result["pdf"] = {"seconds": seconds, "bytes": pdf_path.stat().st_size, "peak_mb": peak_mb()}
        # A submitted return's PDF is rendered from its frozen document, without building it again
        # (casework/returns/routes.py snapshot_download): time that rendering on its own too.
        from casework.returns.queries import build_document
        from reports import render
        from reports.periods import parse_period

        with app.app_context():
            document, _ = build_document("ALL", parse_period(label), "internal", generated_by="Benchmark")
            rendered, body = timed(lambda: render(document, "pdf"), repeat=2)
            db.session.rollback()
        result["pdf"]["render_seconds"] = rendered if body[:5] == b"%PDF-" else None

    if args.skip_load:
        result["load"] = {"error": "skipped (--skip-load)"}
    else:
        log("  load test against gunicorn (2 workers)")
        result["load"] = load_test(url, references[LARGE_CASE_REFERENCE], args, log)

    if args.skip_import:
        result["import"] = {"error": "skipped (--skip-import)"}
    else:
        log("  import")
        result["import"] = import_sessions(app, url, log)
    app_engine.dispose()
    import resource

    result["process_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["children_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return result


def _server_version(engine) -> str:
    import sqlalchemy as sa

    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            return "SQLite " + connection.scalar(sa.text("SELECT sqlite_version()"))
        return "PostgreSQL " + connection.scalar(sa.text("SHOW server_version")).split()[0]


# --- the report ------------------------------------------------------------------------------

def machine() -> str:
    memory = "?"
    try:
        with open("/proc/meminfo") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    memory = f"{int(line.split()[1]) / 2**20:.1f} GB"
    except OSError:
        pass
    model = ""
    try:
        with open("/proc/cpuinfo") as handle:
            model = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), "")
    except OSError:
        pass
    load = ""
    try:
        load = ", load average at start {:.1f}".format(os.getloadavg()[0])
    except OSError:
        pass
    return (f"{os.cpu_count()} CPUs{f' ({model})' if model else ''}, {memory} memory, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}{load}")


def commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        return head + (" with uncommitted changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _s(value) -> str:
    if value is None:
        return "-"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def _mb(value) -> str:
    return "-" if value is None else f"{value:.0f} MB"


def _error(part: dict) -> str | None:
    return part.get("error") if isinstance(part, dict) else "missing"


def render(results: list[dict], started_at: datetime, machine_line: str, commit_line: str, argv: list[str]) -> str:
    from tests.perf import load

    lines = [
        "# Performance results",
        "",
        f"Measured {started_at:%d %B %Y %H:%M} UTC by `tests/perf/bench.py{(' ' + ' '.join(argv)) if argv else ''}` "
        f"(`make bench` runs the default: SQLite and PostgreSQL at scales 1 and 10).",
        "",
        f"- Machine: {machine_line}",
        f"- Commit: {commit_line}",
        "- Scale 1 is about five financial years of one Violence Reduction Network; scale 10 is roughly national.",
        "- Load: gunicorn with 2 sync workers on 127.0.0.1, one signed-in youth worker shared by every client "
        f"thread; each page is first called {load.WARM_UP} times uncounted, then each level is bounded by a "
        "request budget and a time cap. Clients send their next request as soon as an answer arrives (no "
        "think time), so 20 users keep 2 workers saturated and latency there is mostly queueing; a last "
        f"level has {load.PACED_USERS} users who each pause {load.THINK_TIME[0]:g}-{load.THINK_TIME[1]:g} s "
        "between requests, as people reading each page do (the pause is not counted in latency).",
        "",
    ]
    for result in results:
        title = f"## {result.get('server_version') or result['database']}, scale {result['scale']:g}"
        lines += [title, ""]
        if "failed" in result:
            lines += [f"The run failed: {result['failed']}", ""]
            continue
        generated = result["generate"]
        counts = generated["counts"]
        lines += [
            f"Data: {generated['rows']:,} rows ({counts.get('referrals', 0):,} referrals, {counts.get('cases', 0):,} cases, "
            f"{counts.get('sessions', 0):,} sessions, {counts.get('assessments', 0):,} assessments), generated in "
            f"{generated['seconds']:.1f} s ({generated['rows_per_second']:,.0f} rows/s); database "
            f"{_mb(generated.get('size_mb'))}.",
            "",
            "| Measure | Result |",
            "|---|---|",
        ]
        kept = result.get("outcomes")
        if kept:
            lines.append(f"| Outcome evaluations kept for closed cases (once, after loading) | "
                         f"{kept['closures']:,} closures in {_s(kept['seconds'])} |")
        base = result["baseline"]
        lines.append(f"| Hand-written SQL baseline: B1, B3, B5, D1 and contact hours, {result['period']} | "
                     f"{_s(base['seconds'])} ({', '.join(f'{k} {v:g}' for k, v in base['figures'].items())}) |")
        built = result["return"]
        if _error(built):
            lines.append(f"| Return build, all programmes, {result['period']}, JSON internal | {_error(built)} |")
        else:
            ratio = built["seconds"] / base["seconds"] if base["seconds"] else None
            disagree = [key for key, same in built["agree"].items() if not same]
            lines.append(f"| Return build, all programmes, {result['period']}, JSON internal | {_s(built['seconds'])} |")
            lines.append(f"| Ratio: return build / SQL baseline | {ratio:,.1f}x |" if ratio else "| Ratio | - |")
            if built.get("sql_seconds") is not None:
                lines.append(f"| Of the return build: time in SQL statements / the rest (Python, JSON, command) | "
                             f"{_s(built['sql_seconds'])} / {_s(built['seconds'] - built['sql_seconds'])} |")
            lines.append("| Headline figures agree with the baseline | " + (
                "yes" if not disagree else "NO: " + ", ".join(
                    f"{key} {built['figures'].get(key)} vs {base['figures'].get(key)}" for key in disagree)) + " |")
        queries = result["queries"]
        if _error(queries):
            lines.append(f"| SQL queries, case page | {_error(queries)} |")
        else:
            small, large = queries["counts"]["small"], queries["counts"]["large"]
            lines.append(f"| SQL queries, case page: small case / case with 2,000 sessions | {small} / {large} "
                         f"({'equal' if small == large else 'NOT EQUAL'}) |")
            lines.append(f"| Case page in-process: small case / large case | {_s(queries['seconds']['small'])} / "
                         f"{_s(queries['seconds']['large'])} |")
        pdf = result["pdf"]
        pdf_text = _error(pdf) or f"{_s(pdf['seconds'])} ({pdf['bytes'] / 1024:,.0f} KB)"
        lines.append(f"| PDF build, same return (building it, then rendering) | {pdf_text} |")
        if not _error(pdf):
            lines.append(f"| PDF of the built return alone (as a submitted return's download) | "
                         f"{_s(pdf.get('render_seconds')) if pdf.get('render_seconds') else 'not measured'} |")
        imported = result["import"]
        lines.append(f"| Import {IMPORT_SESSIONS:,} sessions | {_error(imported) or _s(imported['seconds'])} |")
        load = result["load"]
        memory = [f"generator {_mb(generated.get('peak_mb'))}"]
        if not _error(built):
            memory.append(f"return build {_mb(built.get('peak_mb'))}")
        if not _error(pdf):
            memory.append(f"PDF {_mb(pdf.get('peak_mb'))}")
        if not _error(load):
            memory.append(f"gunicorn worker {_mb(load.get('worker_peak_mb'))}")
        if not _error(imported):
            memory.append(f"import {_mb(imported.get('peak_mb'))}")
        memory.append(f"whole bench process {_mb(result.get('process_peak_mb'))}")
        lines.append(f"| Peak memory (resident) | {', '.join(memory)} |")
        lines.append("")
        if _error(load):
            lines += [f"Load test: {_error(load)}", ""]
        else:
            lines += ["| Page | Users | Requests | p50 | p95 | Errors | Requests/s |", "|---|---:|---:|---:|---:|---:|---:|"]
            for level in load["levels"]:
                if level["users"] == 0:
                    lines.append(f"| {level['scenario']} | - | - | - | - | - | {level['error_examples'][0]} |")
                    continue
                p50 = "-" if level["p50_ms"] is None else f"{level['p50_ms']:.0f} ms"
                p95 = "-" if level["p95_ms"] is None else f"{level['p95_ms']:.0f} ms"
                note = " (time cap)" if level["capped"] else ""
                shortest, longest = level.get("think") or (0, 0)
                users = f"{level['users']}, pausing {shortest:g}-{longest:g} s" if longest else f"{level['users']}"
                lines.append(f"| {level['scenario']} | {users} | {level['requests']}{note} | {p50} | {p95} | "
                             f"{level['errors']} | {level['per_second']:.1f} |")
            examples = [f"{level['scenario']}, {level['users']} users: {example}"
                        for level in load["levels"] if level["users"] for example in level["error_examples"][:1]]
            if examples:
                lines += ["", "First errors: " + "; ".join(examples)]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# --- orchestration ---------------------------------------------------------------------------

def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,10", help="Comma-separated scales (default 1,10; 0.05 for a quick run)")
    parser.add_argument("--databases", default=None,
                        help="sqlite, postgres or both (default: sqlite, and postgres when CASEWORK_BENCH_POSTGRES_URL is set)")
    parser.add_argument("--levels", default="1,5,20", help="Concurrent users for the load test (default 1,5,20)")
    parser.add_argument("--requests", type=int, default=200, help="Requests per page and level (default 200)")
    parser.add_argument("--time-cap", type=float, default=60.0, help="Seconds per page and level (default 60)")
    parser.add_argument("--skip-load", action="store_true", help="Leave out the gunicorn load test")
    parser.add_argument("--skip-import", action="store_true", help="Leave out the import measurement")
    parser.add_argument("--output", default=str(RESULTS), help=f"Where to write the table (default {RESULTS})")
    parser.add_argument("--run-one", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.levels = [int(part) for part in args.levels.split(",") if part.strip()]
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.run_one:
        job = json.loads(args.run_one)
        result = run_one(job["database"], job["scale"], args)
        Path(job["output"]).write_text(json.dumps(result, indent=2, default=str))
        return 0
    scales = [float(part) for part in args.scales.split(",") if part.strip()]
    if args.databases:
        databases = [part.strip() for part in args.databases.split(",") if part.strip()]
    else:
        databases = ["sqlite"] + (["postgres"] if os.environ.get("CASEWORK_BENCH_POSTGRES_URL") else [])
    if "postgres" in databases and not os.environ.get("CASEWORK_BENCH_POSTGRES_URL"):
        print("PostgreSQL needs CASEWORK_BENCH_POSTGRES_URL (tests/perf/run_bench.sh starts a throwaway server).",
              file=sys.stderr)
        return 2
    if not databases:
        print("No databases to measure.", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    started_at = datetime.utcnow()
    machine_line, commit_line = machine(), commit()
    print(f"Benchmark: {', '.join(databases)} at scales {', '.join(f'{s:g}' for s in scales)}; {machine_line}",
          flush=True)
    results = []
    forwarded = ["--levels", ",".join(str(level) for level in args.levels), "--requests", str(args.requests),
                 "--time-cap", str(args.time_cap)]
    forwarded += ["--skip-load"] if args.skip_load else []
    forwarded += ["--skip-import"] if args.skip_import else []
    for database in databases:
        for scale in scales:
            with tempfile.NamedTemporaryFile(suffix=".json", dir=OUT, delete=False) as handle:
                output = Path(handle.name)
            job = json.dumps({"database": database, "scale": scale, "output": str(output)})
            process = subprocess.run([sys.executable, str(Path(__file__).resolve()), *forwarded, "--run-one", job],
                                     cwd=ROOT)
            if process.returncode == 0 and output.stat().st_size:
                results.append(json.loads(output.read_text()))
            else:
                results.append({"database": database, "scale": scale,
                                "failed": f"exit code {process.returncode} (see the output above)"})
            output.unlink(missing_ok=True)
    report = render(results, started_at, machine_line, commit_line, argv)
    Path(args.output).write_text(report)
    print()
    print(report)
    print(f"Written to {args.output}")
    return 0 if all("failed" not in result for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
