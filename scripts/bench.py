"""`make bench`: how fast and how heavy the real bot is, next to two peers measured in the same run.

Starts the real servers and reports, as reports/bench.json and reports/bench.md:
- latency of one full turn over the REST webhook (p50, p95, p99) and turns per second at 1, 10
  and 50 concurrent conversations, for this bot (one and two Rasa workers), Rasa's starter bot (`rasa init`, plain
  `rasa run`) and a bare aiohttp endpoint (the floor of this machine; the ratio to it makes
  numbers from noisy machines comparable);
- training time, start-up time until the first answer, peak memory (RSS) of the servers.
A benchmark, not a test: it fails only when a server does not start or answers with errors.
"""

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Own ports, so a bot started with `make run` can keep running beside the benchmark.
os.environ["RASA_PORT"] = os.environ.get("BENCH_RASA_PORT", "5605")
os.environ["ACTION_SERVER_PORT"] = os.environ.get("BENCH_ACTION_SERVER_PORT", "5655")
import servers  # noqa: E402  (reads the ports above)

ROOT = servers.ROOT
TOKEN = "bench-token"
STARTER_PORT, BARE_PORT = 5705, 5805
CONCURRENCY = (1, 10, 50)
# One realistic conversation: a report, safety check, role, steps, a question, thanks.
BOT_SCRIPT = [
    "hallo",
    "Ik krijg bedreigingen via Instagram",
    "/not_in_danger",
    "ik ben raadslid",
    "/next_step",
    "wie kan ik bellen?",
    "/next_step",
    "hoe doe ik aangifte?",
    "bedankt",
    "doei",
]
STARTER_SCRIPT = ["hello", "I am sad", "yes", "great", "bye"]


def process_tree_rss_kb(pid: int) -> dict[str, int]:
    """Current and peak RSS (kB) of a process and its children, from /proc."""
    pids, total = [pid], {"rss_kb": 0, "peak_rss_kb": 0}
    while pids:
        current = pids.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        total["rss_kb"] += int(fields.get("VmRSS", "0 kB").split()[0])
        total["peak_rss_kb"] += int(fields.get("VmHWM", "0 kB").split()[0])
        pids.extend(int(child) for child in children)
    return total


async def first_answer(url: str, message: str, seconds: float, process: subprocess.Popen) -> float:
    """Seconds until the webhook gives a non-empty answer (the model may still be loading)."""
    import aiohttp

    start = time.time()
    async with aiohttp.ClientSession() as session:
        while time.time() - start < seconds:
            if process.poll() is not None:
                raise RuntimeError(f"server for {url} exited with {process.returncode}")
            try:
                async with session.post(
                    url, json={"sender": "bench-start", "message": message}
                ) as reply:
                    if reply.status == 200 and await reply.json():
                        return time.time() - start
            except (aiohttp.ClientError, OSError):
                pass
            await asyncio.sleep(0.2)
    raise TimeoutError(f"{url} gave no answer within {seconds} s")


async def load(url: str, script: list[str], concurrency: int, seconds: float, tag: str) -> dict:
    """`concurrency` conversations at once, each replaying `script` with fresh senders."""
    import aiohttp

    latencies: list[float] = []
    errors = 0
    deadline = time.time() + seconds

    async def conversation(worker: int) -> None:
        nonlocal errors
        round_ = 0
        while time.time() < deadline:
            sender = f"{tag}-{concurrency}-{worker}-{round_}"
            for message in script:
                began = time.perf_counter()
                try:
                    async with session.post(
                        url, json={"sender": sender, "message": message}
                    ) as reply:
                        await reply.read()
                        ok = reply.status == 200
                except (aiohttp.ClientError, asyncio.TimeoutError):
                    ok = False
                latencies.append(time.perf_counter() - began)
                errors += not ok
                if time.time() >= deadline:
                    return
            round_ += 1

    connector = aiohttp.TCPConnector(limit=concurrency)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        began = time.time()
        await asyncio.gather(*(conversation(w) for w in range(concurrency)))
        wall = time.time() - began
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return round(1000 * ordered[min(len(ordered) - 1, int(p * len(ordered)))], 1)

    return {
        "concurrency": concurrency,
        "turns": len(latencies),
        "errors": errors,
        "turns_per_s": round(len(latencies) / wall, 1),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "mean_ms": round(1000 * statistics.mean(latencies), 1),
    }


def serve_bare(port: int) -> None:
    """The floor: an aiohttp endpoint that answers like the REST webhook without any work."""
    from aiohttp import web

    async def webhook(request: web.Request) -> web.Response:
        body = await request.json()
        return web.json_response([{"recipient_id": body.get("sender"), "text": "ok"}])

    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", webhook)
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


def run_load(url: str, script: list[str], seconds: float, tag: str) -> list[dict]:
    return [asyncio.run(load(url, script, c, seconds, tag)) for c in CONCURRENCY]


def measure_server(
    process: subprocess.Popen,
    url: str,
    hello: str,
    script: list[str],
    seconds: float,
    tag: str,
    began: float,
) -> dict:
    """Start-up until the first answer, then the load levels and the memory of one server."""
    asyncio.run(first_answer(url, hello, 300, process))
    result = {"startup_s": round(time.time() - began, 1)}
    result["load"] = run_load(url, script, seconds, tag)
    result["rasa_memory"] = process_tree_rss_kb(process.pid)
    return result


def measure_bot(seconds: float, logs: Path) -> dict:
    actions = servers.start(
        servers.action_server_command(), open(logs / "bench_action_server.log", "w")
    )
    began = time.time()
    rasa = servers.start(servers.rasa_command(TOKEN), open(logs / "bench_rasa_server.log", "w"))
    try:
        result = measure_server(
            rasa,
            f"{servers.RASA_URL}/webhooks/rest/webhook",
            "hallo",
            BOT_SCRIPT,
            seconds,
            "bot",
            began,
        )
        result["action_server_memory"] = process_tree_rss_kb(actions.pid)
    finally:
        servers.stop(rasa)
        servers.stop(actions)
    return result


def measure_starter(seconds: float, workdir: Path, logs: Path) -> dict:
    """Rasa's own starter bot, trained by `rasa init` and served by plain `rasa run`."""
    result = {}
    began = time.time()
    subprocess.run(
        [
            str(servers.VENV_BIN / "rasa"),
            "init",
            "--no-prompt",
            "--quiet",
            "--init-dir",
            str(workdir),
        ],
        cwd=workdir,
        env=servers.environment(),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    result["init_and_train_s"] = round(time.time() - began, 1)
    began = time.time()
    rasa = subprocess.Popen(
        [
            str(servers.VENV_BIN / "rasa"),
            "run",
            "--port",
            str(STARTER_PORT),
            "--interface",
            "127.0.0.1",
        ],
        cwd=workdir,
        env=servers.environment(),
        stdout=open(logs / "bench_starter.log", "w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        result.update(
            measure_server(
                rasa,
                f"http://127.0.0.1:{STARTER_PORT}/webhooks/rest/webhook",
                "hello",
                STARTER_SCRIPT,
                seconds,
                "starter",
                began,
            )
        )
    finally:
        servers.stop(rasa)
    return result


def measure_bare(seconds: float) -> dict:
    bare = subprocess.Popen(
        [sys.executable, __file__, "--serve-bare", str(BARE_PORT)],
        cwd=ROOT,
        env=servers.environment(),
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{BARE_PORT}/webhooks/rest/webhook"
        asyncio.run(first_answer(url, "hallo", 30, bare))
        return {"load": run_load(url, BOT_SCRIPT, seconds, "bare")}
    finally:
        servers.stop(bare)


def measure_training(workdir: Path) -> float:
    began = time.time()
    subprocess.run(
        [
            str(servers.VENV_BIN / "rasa"),
            "train",
            "--force",
            "--quiet",
            "--out",
            str(workdir),
            "--fixed-model-name",
            "bench",
        ],
        cwd=ROOT,
        env=servers.environment(),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return round(time.time() - began, 1)


GOALS = [  # (what, measured value getter, goal, lower is better)
    ("turns/s at 10 conversations", lambda b: b["load"][1]["turns_per_s"], 60, False),
    ("p95 at 10 conversations (ms)", lambda b: b["load"][1]["p95_ms"], 250, True),
    ("p50 for one user (ms)", lambda b: b["load"][0]["p50_ms"], 40, True),
    ("start-up until first answer (s)", lambda b: b["startup_s"], 30, True),
    (
        "Rasa server peak RSS (MB)",
        lambda b: round(b["rasa_memory"]["peak_rss_kb"] / 1024),
        1536,
        True,
    ),
]


def markdown(report: dict) -> str:
    lines = [
        f"# make bench — {report['machine']}",
        "",
        "| target | conversations | turns | errors | turns/s | p50 ms | p95 ms | p99 ms | p50 ÷ bare |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    bare = {r["concurrency"]: r for r in report["bare"]["load"]}
    for name in ("bot", "bot_2_workers", "starter", "bare"):
        for r in report[name]["load"]:
            ratio = r["p50_ms"] / max(bare[r["concurrency"]]["p50_ms"], 0.1)
            lines.append(
                f"| {name} | {r['concurrency']} | {r['turns']} | {r['errors']} | {r['turns_per_s']} "
                f"| {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | {ratio:.0f}× |"
            )
    bot, two, starter = report["bot"], report["bot_2_workers"], report["starter"]
    lines += [
        "",
        "| | this bot | this bot, 2 workers | starter bot |",
        "|---|---:|---:|---:|",
        f"| training (s) | {report['training_s']} | – | {starter['init_and_train_s']} (init + train) |",
        f"| start-up until first answer (s) | {bot['startup_s']} | {two['startup_s']} "
        f"| {starter['startup_s']} |",
        f"| Rasa server peak RSS (MB, all processes) | {bot['rasa_memory']['peak_rss_kb'] // 1024} "
        f"| {two['rasa_memory']['peak_rss_kb'] // 1024} | {starter['rasa_memory']['peak_rss_kb'] // 1024} |",
        f"| action server peak RSS (MB) | {bot['action_server_memory']['peak_rss_kb'] // 1024} "
        f"| {two['action_server_memory']['peak_rss_kb'] // 1024} | – |",
        "",
        "| goal | 1 worker | 2 workers | goal |",
        "|---|---:|---:|---:|",
    ]

    def judged(measured: float, goal: float, lower: bool) -> str:
        return f"{measured} {'✓' if (measured <= goal if lower else measured >= goal) else '✗'}"

    for what, value, goal, lower in GOALS:
        lines.append(
            f"| {what} | {judged(value(bot), goal, lower)} | {judged(value(two), goal, lower)} "
            f"| {'≤' if lower else '≥'} {goal} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seconds",
        type=float,
        default=float(os.environ.get("BENCH_SECONDS", "20")),
        help="load duration per concurrency level",
    )
    parser.add_argument("--serve-bare", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_bare:
        serve_bare(args.serve_bare)
        return 0
    reports = ROOT / "reports"
    reports.mkdir(exist_ok=True)
    report = {
        "machine": f"{os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M')}",
        "seconds_per_level": args.seconds,
    }
    with tempfile.TemporaryDirectory() as tmp:
        print("==> training time (rasa train --force)", flush=True)
        report["training_s"] = measure_training(Path(tmp))
        print("==> this bot", flush=True)
        report["bot"] = measure_bot(args.seconds, reports)
        print("==> this bot, two Rasa workers (RASA_WORKERS=2)", flush=True)
        os.environ["RASA_WORKERS"] = "2"
        report["bot_2_workers"] = measure_bot(args.seconds, reports)
        os.environ.pop("RASA_WORKERS")
        print("==> Rasa's starter bot (rasa init)", flush=True)
        starter_dir = Path(tmp) / "starter"
        starter_dir.mkdir()
        report["starter"] = measure_starter(args.seconds, starter_dir, reports)
    print("==> bare aiohttp endpoint", flush=True)
    report["bare"] = measure_bare(args.seconds)
    (reports / "bench.json").write_text(json.dumps(report, indent=1))
    table = markdown(report)
    (reports / "bench.md").write_text(table)
    print(table)
    failed = [
        r
        for name in ("bot", "bot_2_workers", "starter")
        for r in report[name]["load"]
        if r["errors"]
    ]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
