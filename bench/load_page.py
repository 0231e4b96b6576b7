"""Load one page of a running gunicorn and report its throughput and the CPU its process tree spent per request.

    .venv/bin/python bench/load_page.py PORT PATH [--user NAME] [--seconds 10]

The CPU is read from /proc for the gunicorn master and its workers (a recycled worker's time is counted through
the master's children times), so it holds up better than req/s on a machine shared with other work. Start
gunicorn as bench/run.py's ``Gunicorn`` does (production settings, 5 sync workers, gunicorn.conf.py), then record
the workers while this runs: ``py-spy record --pid MASTER --subprocesses --format raw -o x.raw`` and summarise
with bench/spy_categories.py (docs/benchmarks.md, "What every request pays").
"""

import argparse
import asyncio
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from loadgen import Session, load  # noqa: E402

HOST = "127.0.0.1"
BENCH_PASSWORD = "Bench-2026-hlr"  # apps/devtools/scale/people.py (not imported: no Django set-up needed here)
BENCH_TOTP_KEY = "62656e63682d6f6e6c792d746f74702d6b657921"


def _times(pid: int) -> list[int]:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return [int(value) for value in fields[11:15]]  # utime, stime, cutime, cstime


def tree_cpu(master: int) -> float:
    """CPU seconds of the master, its reaped workers and its live workers."""
    total = sum(_times(master))
    for child in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        try:
            total += sum(_times(int(child))[:2])
        except FileNotFoundError:  # recycled in between: counted through the master's children times
            pass
    return total / os.sysconf("SC_CLK_TCK")


async def measure(port: int, path: str, user: str | None, seconds: float, connections: int) -> str:
    found = subprocess.run(["pgrep", "-o", "-f", f"gunicorn.*{HOST}:{port}"], capture_output=True, text=True)
    master = int(found.stdout.split()[0])
    session = Session(HOST, port)
    if user:
        await session.login(user, BENCH_PASSWORD, totp_key=BENCH_TOTP_KEY)
    await load(path, session, path, connections=connections, seconds=1, warmup=1)
    before = tree_cpu(master)
    result = await load(path, session, path, connections=connections, seconds=seconds, warmup=0)
    cpu = tree_cpu(master) - before
    return (f"{path} as {user or 'anonymous'}: {result.throughput:.1f} req/s at {connections}, "
            f"p50 {result.percentile(0.5):.0f} ms, {result.errors} errors, "
            f"gunicorn CPU {1000 * cpu / max(result.requests, 1):.2f} ms/request ({result.requests} requests)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("port", type=int)
    parser.add_argument("path")
    parser.add_argument("--user", default=None, help="a bench login (seed_scale), e.g. scale_rep_page")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    print(asyncio.run(measure(args.port, args.path, args.user, args.seconds, args.connections)))


if __name__ == "__main__":
    main()
