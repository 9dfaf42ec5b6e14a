"""Load test of the HTTP API: N requests from C concurrent clients to /v1/summarize.

Starts ``uvicorn`` on a free loopback port in a subprocess, posts one small real Vietnamese
cluster (the smallest AbMuSu validation cluster from ../shared/data, else two demo articles)
and prints throughput, p50/p99 latency and the error count. Bounded by --requests and
--time-limit; stops the server itself.

    .venv/bin/python benchmarks/load_test.py --requests 2000 --concurrency 20 --workers 1
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
from tomtat.evaluation.corpora import ABMUSU_VALIDATION

REPO = Path(__file__).resolve().parents[1]
ABMUSU = ABMUSU_VALIDATION


def load_cluster() -> tuple[str, list[dict[str, str]]]:
    """The smallest AbMuSu validation cluster, or the first two demo articles."""
    if ABMUSU.exists():
        rows = [json.loads(line) for line in ABMUSU.read_text(encoding="utf-8").splitlines() if line]
        row = min(rows, key=lambda r: sum(len(d["raw_text"]) for d in r["single_documents"]))
        docs = [
            {"title": d.get("title") or "", "lead": d.get("anchor_text") or "", "text": d["raw_text"]}
            for d in row["single_documents"]
        ]
        return "AbMuSu validation (smallest cluster)", docs
    paths = sorted((REPO / "examples" / "demo").glob("*.txt"))[:2]
    return "examples/demo (first two articles)", [{"text": p.read_text(encoding="utf-8")} for p in paths]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, workers: int) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "uvicorn", "tomtat.web.app:create_app", "--factory",
        "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
        "--log-level", "warning", "--no-access-log",
    ]  # fmt: skip
    return subprocess.Popen(command, cwd=REPO, start_new_session=True)


def wait_ready(base: str, server: subprocess.Popen, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server exited with status {server.returncode}")
        try:
            if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("server did not become ready")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)  # the server and its worker processes
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


async def run_load(
    base: str, body: dict, n_requests: int, concurrency: int, time_limit: float
) -> tuple[list[float], dict[str, int], float]:
    """Latencies of the successful requests, error counts by kind, and the elapsed seconds."""
    latencies: list[float] = []
    errors: dict[str, int] = {}
    issued = 0
    start = time.perf_counter()
    deadline = start + time_limit
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=base, timeout=60.0, limits=limits) as client:

        async def worker() -> None:
            nonlocal issued
            while issued < n_requests and time.perf_counter() < deadline:
                issued += 1
                t0 = time.perf_counter()
                try:
                    resp = await client.post("/v1/summarize", json=body)
                    ok = resp.status_code == 200 and resp.json().get("sentences")
                    kind = None if ok else f"HTTP {resp.status_code}"
                except httpx.HTTPError as err:
                    kind = type(err).__name__
                if kind is None:
                    latencies.append(time.perf_counter() - t0)
                else:
                    errors[kind] = errors.get(kind, 0) + 1

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, errors, time.perf_counter() - start


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--time-limit", type=float, default=600.0, help="stop issuing after this")
    parser.add_argument("--max-words", type=int, default=100)
    parser.add_argument("--no-extras", action="store_true", help="skip facts and timeline")
    args = parser.parse_args()

    name, docs = load_cluster()
    body: dict = {"documents": docs, "max_words": args.max_words}
    if args.no_extras:
        body.update(facts=False, timeline=False)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(port, args.workers)
    try:
        wait_ready(base, server)
        warm = httpx.post(base + "/v1/summarize", json=body, timeout=120)  # load models once
        warm.raise_for_status()
        latencies, errors, elapsed = asyncio.run(
            run_load(base, body, args.requests, args.concurrency, args.time_limit)
        )
    finally:
        stop_server(server)

    done = len(latencies) + sum(errors.values())
    chars = sum(len(d["text"]) for d in docs)
    print(f"cluster: {name}, {len(docs)} articles, {chars} characters, max_words {args.max_words}"
          f"{', no facts/timeline' if args.no_extras else ''}")
    print(f"server: uvicorn, {args.workers} worker(s); clients: {args.concurrency} concurrent")
    print(f"requests: {done} in {elapsed:.1f} s -> {done / elapsed:.1f} req/s")
    if latencies:
        print(f"latency: p50 {1000 * percentile(latencies, 50):.0f} ms, "
              f"p99 {1000 * percentile(latencies, 99):.0f} ms, max {1000 * max(latencies):.0f} ms")
    print(f"errors: {sum(errors.values())} {errors or ''}".rstrip())
    if done < args.requests:
        print(f"stopped at the time limit ({args.time_limit:.0f} s) before {args.requests} requests")


if __name__ == "__main__":
    main()
