# The Python side of the comparison (python-compare/README.md): the official W&B client
# (`pip install wandb==0.26.1`) against the server of serve.ts, with WANDB_BASE_URL and
# WANDB_API_KEY as serve.ts prints them.
import time

import wandb


def measure(label, items):
    wall_start = time.perf_counter()
    cpu_start = time.process_time()
    n = sum(1 for _ in items())
    wall = time.perf_counter() - wall_start
    cpu = time.process_time() - cpu_start
    print(f"{label}: {n} items, {wall:.2f} s, {n / wall:.0f} items/s, {cpu / n * 1e6:.1f} µs CPU/item")


api = wandb.Api(timeout=60)
keys = ["metric_0", "metric_1"]
measure("listing, lazy (the default)", lambda: api.runs("bench/listing", per_page=50))
measure("listing, full (lazy=False)", lambda: api.runs("bench/listing", per_page=50, lazy=False))
run = api.run("bench/scan/scanrun")
measure("scan_history, all keys", lambda: run.scan_history(page_size=1000))
measure("scan_history, 2 keys", lambda: run.scan_history(keys=keys, page_size=1000))
