"""A bounded load test of a province's public page over loopback: requests per second and
latency percentiles, for the page, its JSON and its CSV, read without an account.

    python benchmarks/bench_public.py http://127.0.0.1:8000 P25 --requests 2000 --concurrency 8

Start the portal first (gunicorn, as in production). The first request of each URL builds the
figures; the rest read them from the cache, as visitors do.
"""

import argparse
import statistics
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor


def timed(url: str) -> tuple[float, int]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
        status = response.status
    return time.perf_counter() - started, status


def measure(url: str, requests: int, concurrency: int) -> dict:
    timed(url)  # warm: builds and caches the figures
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(timed, [url] * requests))
    elapsed = time.perf_counter() - started
    latencies = sorted(seconds for seconds, _status in results)
    return {
        "requests": requests,
        "errors": sum(1 for _seconds, status in results if status != 200),
        "per_second": requests / elapsed,
        "p50_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("province")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    for suffix in ("", "figures.json", "figures.csv"):
        url = f"{args.base.rstrip('/')}/public/{args.province}/{suffix}"
        result = measure(url, args.requests, args.concurrency)
        print(
            f"{url}: {result['per_second']:.0f} req/s, p50 {result['p50_ms']:.1f} ms, "
            f"p95 {result['p95_ms']:.1f} ms, {result['errors']} errors of {result['requests']}"
        )


if __name__ == "__main__":
    main()
