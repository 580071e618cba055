"""Autosave benchmark: simulated candidates autosaving their answer against ``talentloop serve`` on PostgreSQL.

Target (the issue's): 50 candidates, each autosaving every 3 s for 2 minutes — 0 errors and autosave p95 ≤ 100 ms.

Each simulated candidate behaves like interview.js: it opens its link, consents, fetches the interview state,
then every 3 s posts the whole draft (one more Chinese clause each time) with the revision the previous save
returned. As in the browser, a tick that comes while the previous save is still in flight is dropped (counted as
``skipped_ticks``). Latency is measured in the client, from sending the request to reading the whole response.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import platform
import shutil
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from bench import harness
from bench.harness import BenchError, log

RESULTS_DIR = Path(__file__).resolve().parent / "results"
P95_TARGET_MS = 100.0
ERROR_SAMPLES = 5

# A sales candidate's answer, typed one clause at a time (then it starts over with a numbered paragraph).
CLAUSES = [
    "去年我负责华东区的一家连锁药店客户，",
    "他们一开始只问我们的报价能不能再低一点，",
    "我没有急着降价，而是先约了门店经理见面，",
    "问他们现在每个月在哪些环节花时间最多，",
    "结果发现真正的问题是库存盘点要用两天，",
    "而且经常因为缺货丢掉老顾客的订单，",
    "于是我把方案改成按门店分批上线的盘点系统，",
    "并用他们自己的数据算了一笔账，",
    "每家门店每月大约能节省十六个小时，",
    "缺货率预计能从百分之八降到百分之三左右。",
    "客户的采购总监看了测算后同意先试点五家门店，",
    "试点三个月后他们把合同扩大到了全部四十家门店，",
    "这件事让我明白，报价高低往往不是客户真正关心的，",
    "先提问、确认需求，再用数据说明价值，",
    "比单纯让利更能赢得客户的长期信任。",
]


def clause(number: int) -> str:
    """The ``number``-th piece of text a candidate types (1-based)."""
    text = CLAUSES[(number - 1) % len(CLAUSES)]
    if number > 1 and (number - 1) % len(CLAUSES) == 0:
        text = f"\n\n补充{(number - 1) // len(CLAUSES)}：{text}"
    return text


@dataclass
class Config:
    candidates: int = 50
    duration: float = 120.0
    interval: float = 3.0
    stagger: float = 3.0
    workers: int = 3
    p95_target_ms: float = P95_TARGET_MS
    admin_url: str = harness.DEFAULT_ADMIN_URL
    request_timeout: float = 30.0
    keep_db: bool = False
    results_dir: Path = RESULTS_DIR


@dataclass
class Call:
    """One HTTP request as the client saw it."""

    kind: str  # open | consent | state | draft
    candidate: int
    sent_at: float  # seconds since the load started
    latency_ms: float
    status: int  # 0 when no response came (connection error, timeout)
    body: str = ""  # kept for errors only
    lag_ms: float = 0.0  # how late the request left compared with its schedule (drafts only)


@dataclass
class CandidateResult:
    calls: list[Call] = field(default_factory=list)
    skipped_ticks: int = 0
    saved_revision: int = 0  # the draft revision of the last successful save
    saves_ok: int = 0


class Client:
    """One candidate's browser: an HTTP/1.1 connection (reopened whenever the server closes it)."""

    def __init__(self, host: str, port: int, token: str, timeout: float) -> None:
        self.connection = http.client.HTTPConnection(host, port, timeout=timeout)
        self.prefix = f"/api/v1/interview/{token}/"
        self.headers = {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Accept-Language": "zh-hans",
            "User-Agent": "talentloop-bench",
        }

    def call(self, method: str, path: str, payload: dict[str, Any] | None = None) -> tuple[int, bytes, float]:
        body = json.dumps(payload, ensure_ascii=False).encode() if payload is not None else None
        started = time.perf_counter()
        try:
            self.connection.request(method, self.prefix + path, body=body, headers=self.headers)
            response = self.connection.getresponse()
            data = response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()
            data, status = f"{type(error).__name__}: {error}".encode(), 0
        return status, data, (time.perf_counter() - started) * 1000

    def close(self) -> None:
        self.connection.close()


def _simulate(
    number: int,
    token: str,
    server: harness.Server,
    config: Config,
    load_start: float,
    stop: threading.Event,
    result: CandidateResult,
) -> None:
    """One candidate: open, consent, read the state, then autosave every ``interval`` until the end."""
    start = load_start + number * config.stagger / config.candidates
    end = start + config.duration
    if stop.wait(max(start - time.monotonic(), 0)):
        return
    client = Client(server.host, server.port, token, config.request_timeout)

    def request(kind: str, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
        sent_at = time.monotonic() - load_start
        status, data, latency = client.call(method, path, payload)
        call = Call(kind, number, round(sent_at, 4), round(latency, 3), status)
        if status != 200:
            call.body = data[:2000].decode(errors="replace")
        result.calls.append(call)
        if status != 200:
            return None
        try:
            return json.loads(data)
        except ValueError:
            call.body = "not JSON: " + data[:2000].decode(errors="replace")
            call.status = -1
            return None

    try:
        if request("open", "POST", "open/", {}) is None:
            return
        if request("consent", "POST", "consent/", {"consent": True, "voice_consent": False}) is None:
            return
        state = request("state", "GET", "")
        if state is None or not state.get("answer"):
            return
        order, revision = state["answer"]["order"], state["answer"]["draft_revision"]
        text = state["answer"]["draft_text"]
        tick = 1
        while True:
            due = start + tick * config.interval
            if due > end or stop.wait(max(due - time.monotonic(), 0)):
                break
            text += clause(tick)
            lag_ms = (time.monotonic() - due) * 1000
            saved = request("draft", "POST", "draft/", {"order": order, "text": text, "revision": revision})
            result.calls[-1].lag_ms = round(lag_ms, 3)
            if saved is not None:
                revision = saved["draft_revision"]
                result.saved_revision = revision
                result.saves_ok += 1
            # Like interview.js: a tick that fell while this save was in flight is dropped, not queued.
            next_tick = max(tick + 1, math.floor((time.monotonic() - start) / config.interval) + 1)
            result.skipped_ticks += next_tick - tick - 1
            tick = next_tick
    finally:
        client.close()


def percentile(ordered: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not ordered:
        return math.nan
    return ordered[max(math.ceil(p / 100 * len(ordered)) - 1, 0)]


def latency_summary(latencies: list[float]) -> dict[str, float]:
    ordered = sorted(latencies)
    if not ordered:
        return {}
    return {
        "min": round(ordered[0], 2),
        "mean": round(statistics.fmean(ordered), 2),
        "p50": round(percentile(ordered, 50), 2),
        "p90": round(percentile(ordered, 90), 2),
        "p95": round(percentile(ordered, 95), 2),
        "p99": round(percentile(ordered, 99), 2),
        "max": round(ordered[-1], 2),
    }


def run_load(server: harness.Server, tokens: list[str], config: Config) -> dict[str, Any]:
    """Run every simulated candidate in its own thread; return the measurements."""
    stop = threading.Event()
    results = [CandidateResult() for _ in tokens]
    load_start = time.monotonic() + 0.5
    threads = [
        threading.Thread(
            target=_simulate,
            args=(number, token, server, config, load_start, stop, results[number]),
            name=f"candidate-{number}",
            daemon=True,
        )
        for number, token in enumerate(tokens)
    ]
    for thread in threads:
        thread.start()
    log(
        f"load: {len(tokens)} candidates, a save every {config.interval:g} s for {config.duration:g} s "
        f"(starts staggered over {config.stagger:g} s)"
    )
    try:
        total = config.stagger + config.duration + config.interval
        next_report = time.monotonic() + 15
        while any(thread.is_alive() for thread in threads):
            time.sleep(0.5)
            if time.monotonic() >= next_report:
                drafts = [c for r in results for c in list(r.calls) if c.kind == "draft"]
                failed = sum(1 for c in drafts if c.status != 200)
                elapsed = time.monotonic() - load_start
                log(f"  {elapsed:5.0f}/{total:.0f} s: {len(drafts)} autosaves, {failed} errors")
                next_report += 15
    except BaseException:
        stop.set()
        for thread in threads:
            thread.join(timeout=config.request_timeout + 1)
        raise
    elapsed = time.monotonic() - load_start
    return {"results": results, "elapsed": elapsed}


def summarise(results: list[CandidateResult], elapsed: float, config: Config) -> dict[str, Any]:
    calls = [call for result in results for call in result.calls]
    drafts = [call for call in calls if call.kind == "draft"]
    setup = [call for call in calls if call.kind != "draft"]
    errors = [call for call in calls if call.status != 200]
    ok_drafts = [call.latency_ms for call in drafts if call.status == 200]
    window = (max(c.sent_at for c in drafts) - min(c.sent_at for c in drafts)) if len(drafts) > 1 else 0.0
    draft_latency = latency_summary([call.latency_ms for call in drafts])
    expected = config.candidates * int(config.duration // config.interval)
    checks = {
        "errors": {"target": 0, "measured": len(errors), "passed": not errors},
        "autosave_p95_ms": {
            "target": config.p95_target_ms,
            "measured": draft_latency.get("p95"),
            "passed": bool(drafts) and draft_latency["p95"] <= config.p95_target_ms,
        },
        "all_candidates_saved": {
            "target": config.candidates,
            "measured": sum(1 for r in results if r.saves_ok),
            "passed": all(r.saves_ok for r in results),
        },
    }
    return {
        "requests": len(calls),
        "autosaves": len(drafts),
        "autosaves_expected": expected,
        "autosaves_ok": len(ok_drafts),
        "skipped_ticks": sum(r.skipped_ticks for r in results),
        "errors": len(errors),
        "errors_by_status": _count_by(errors),
        "error_samples": [
            {"kind": c.kind, "candidate": c.candidate, "status": c.status, "body": c.body}
            for c in errors[:ERROR_SAMPLES]
        ],
        "autosave_latency_ms": draft_latency,
        "autosave_latency_ok_only_ms": latency_summary(ok_drafts),
        "setup_latency_ms": {
            kind: latency_summary([c.latency_ms for c in setup if c.kind == kind])
            for kind in ("open", "consent", "state")
        },
        "schedule_lag_ms": latency_summary([c.lag_ms for c in drafts]),
        "throughput_autosaves_per_s": round(len(drafts) / window, 2) if window else None,
        "throughput_requests_per_s": round(len(calls) / elapsed, 2) if elapsed else None,
        "load_seconds": round(elapsed, 2),
        "saved_revisions": sum(r.saved_revision for r in results),
        "checks": checks,
        "passed": all(check["passed"] for check in checks.values()),
    }


def _count_by(calls: list[Call]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for call in calls:
        key = f"{call.kind}:{call.status}"
        counts[key] = counts.get(key, 0) + 1
    return counts


def _database_check(database: str, summary: dict[str, Any]) -> dict[str, Any]:
    """Compare what the server stored with what the clients were told: every acknowledged save must be there."""
    stored = harness.postgres_query(
        database,
        "SELECT COALESCE(SUM(a.draft_revision), 0), "
        "(SELECT COUNT(*) FROM interviews_sessionevent WHERE kind = 'draft_saved') "
        "FROM interviews_answer a",
    )[0]
    check = {
        "target": summary["autosaves_ok"],
        "measured": {"sum_draft_revision": int(stored[0]), "draft_saved_events": int(stored[1])},
        "passed": int(stored[0]) == summary["saved_revisions"] == summary["autosaves_ok"] == int(stored[1]),
    }
    summary["checks"]["stored_every_acknowledged_save"] = check
    summary["passed"] = summary["passed"] and check["passed"]
    return summary


def _environment(database: str) -> dict[str, Any]:
    version = harness.postgres_query(database, "SHOW server_version")[0][0]
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "postgresql": version,
    }


def print_report(report: dict[str, Any]) -> None:
    summary, config = report["summary"], report["config"]
    latency = summary["autosave_latency_ms"]
    rows = [
        ("candidates", f"{config['candidates']}"),
        ("duration", f"{config['duration']:g} s, a save every {config['interval']:g} s"),
        ("gunicorn workers", f"{config['workers']}"),
        ("requests (all)", f"{summary['requests']}"),
        ("autosaves", f"{summary['autosaves']} (expected {summary['autosaves_expected']})"),
        ("skipped ticks", f"{summary['skipped_ticks']}"),
        ("errors", f"{summary['errors']}  {summary['errors_by_status'] or ''}".rstrip()),
        ("autosave p50", f"{latency.get('p50', math.nan):.1f} ms"),
        ("autosave p95", f"{latency.get('p95', math.nan):.1f} ms  (target ≤ {config['p95_target_ms']:g} ms)"),
        ("autosave p99", f"{latency.get('p99', math.nan):.1f} ms"),
        ("autosave max", f"{latency.get('max', math.nan):.1f} ms"),
        ("throughput", f"{summary['throughput_autosaves_per_s']} autosaves/s"),
    ]
    width = max(len(name) for name, _value in rows)
    print("\nAutosave benchmark")
    print("-" * (width + 40))
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    print("-" * (width + 40))
    for name, check in summary["checks"].items():
        print(f"{'PASS' if check['passed'] else 'FAIL'}  {name}: {check['measured']} (target {check['target']})")
    for sample in summary["error_samples"]:
        print(f"  error {sample['kind']} #{sample['candidate']} → {sample['status']}: {sample['body'][:500]}")
    print(f"\n{'PASS' if summary['passed'] else 'FAIL'}  results: {report.get('path', '')}")


def run(config: Config) -> int:
    started_at = datetime.now()
    workdir = Path(tempfile.mkdtemp(prefix="talentloop-bench-"))
    try:
        with harness.temporary_database(config.admin_url, keep=config.keep_db) as database:
            environment = harness.server_environment(database=database, data_dir=workdir / "data")
            log("migrating")
            harness.manage(["migrate", "--noinput", "-v", "0"], environment)
            log("loading demo data and creating the interview set-up")
            harness.manage(["demo_load"], environment)
            tokens_path = workdir / "tokens.txt"
            answer_seconds = min(max(600, int(config.duration + config.stagger + 300)), 3600)
            seed = (
                "from bench.seed import seed; "
                f"seed(count={config.candidates}, tokens_path={str(tokens_path)!r}, answer_seconds={answer_seconds})"
            )
            log(harness.manage(["shell", "-v", "0", "-c", seed], environment).strip())
            tokens = [line for line in tokens_path.read_text(encoding="utf-8").splitlines() if line]
            with harness.talentloop_serve(
                environment, workers=config.workers, log_path=workdir / "server.log"
            ) as server:
                load = run_load(server, tokens, config)
                server_log_tail = server.log_tail(60)
            summary = summarise(load["results"], load["elapsed"], config)
            summary = _database_check(database, summary)
            environment_info = _environment(database)
        config_dict = {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(config).items()}
        config_dict["admin_url"] = harness.redact(config.admin_url)
        report = {
            "benchmark": "autosave",
            "started_at": started_at.isoformat(timespec="seconds"),
            "config": config_dict,
            "server": {"command": "talentloop serve", "workers": config.workers, "worker_class": "sync"},
            "environment": environment_info,
            "summary": summary,
        }
        if not summary["passed"]:
            report["server_log_tail"] = server_log_tail.splitlines()
        config.results_dir.mkdir(parents=True, exist_ok=True)
        path = config.results_dir / f"autosave-{started_at:%Y%m%d-%H%M%S}.json"
        path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        report["path"] = str(path)
        print_report(report)
        return 0 if summary["passed"] else 1
    except BenchError as error:
        print(f"bench: set-up failed: {error}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    defaults = Config()
    parser.add_argument("--candidates", type=int, default=defaults.candidates, help="simulated candidates (50)")
    parser.add_argument("--duration", type=float, default=defaults.duration, help="seconds of autosaving (120)")
    parser.add_argument("--interval", type=float, default=defaults.interval, help="seconds between saves (3)")
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("WEB_CONCURRENCY", defaults.workers)),
        help="gunicorn workers for talentloop serve (WEB_CONCURRENCY, else 3 like talentloop serve)",
    )
    parser.add_argument(
        "--p95-target", type=float, default=defaults.p95_target_ms, dest="p95_target_ms", help="ms (100)"
    )
    parser.add_argument(
        "--admin-url",
        default=os.environ.get("BENCH_POSTGRES_URL", defaults.admin_url),
        help="PostgreSQL URL allowed to create databases (BENCH_POSTGRES_URL, else %(default)s)",
    )
    parser.add_argument("--keep-db", action="store_true", help="leave the benchmark database in place afterwards")
    parser.add_argument("--results-dir", type=Path, default=defaults.results_dir, help="where the JSON goes")


def main(options: argparse.Namespace) -> int:
    if options.candidates < 1 or options.duration <= 0 or options.interval <= 0 or options.workers < 1:
        print("bench: --candidates, --duration, --interval and --workers must be positive", file=sys.stderr)
        return 2
    config = Config(
        candidates=options.candidates,
        duration=options.duration,
        interval=options.interval,
        stagger=min(Config.stagger, options.interval),
        workers=options.workers,
        p95_target_ms=options.p95_target_ms,
        admin_url=options.admin_url,
        keep_db=options.keep_db,
        results_dir=options.results_dir,
    )
    return run(config)
