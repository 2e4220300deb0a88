#!/usr/bin/env python3
"""First paint of `tralign review` on long documents, in headless Chromium.

Builds a long pair from the fren-dev data (`cargo bench --bench align --
--generate`, the pair `benches/align_scale.sh` uses), starts `tralign review`
on it, and opens the editor through chromedriver (plain WebDriver over HTTP,
Python's standard library only). For each run it reads two marks the browser
records, in milliseconds from the start of navigation: Chromium's
`first-contentful-paint` and `tralign-first-rows`, which the page sets in the
animation frame after the first bead rows are on screen (state fetched,
parsed, filters and counts computed, rows drawn).

    usage: benches/review_paint.py [SENTENCES...] [--runs N]

With REVIEW_PAINT_DATA=DIR, the pairs DIR/N.fr and DIR/N.en already made
by `cargo bench --bench align -- --generate DIR N` are used as they are.
"""

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wd(base, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=300) as r:
        return json.load(r)["value"]


def main():
    args = sys.argv[1:]
    runs = 3
    if "--runs" in args:
        i = args.index("--runs")
        runs = int(args[i + 1])
        del args[i:i + 2]
    sizes = [int(a) for a in args] or [5000, 50000]
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    binary = os.path.join(target, "release", "tralign")
    tmp = tempfile.mkdtemp()
    port = free_port()
    driver = subprocess.Popen(["chromedriver", f"--port={port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    print(f"{'sentences':>9} {'beads':>7} {'state MB':>8} {'FCP ms':>8} {'rows ms':>8}  (median of {runs})")
    try:
        for _ in range(100):
            try:
                wd(base, "GET", "/status")
                break
            except OSError:
                time.sleep(0.1)
        session = wd(base, "POST", "/session", {"capabilities": {"alwaysMatch": {
            "goog:chromeOptions": {"args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,900",
                "--no-first-run", "--disable-background-networking", "--disable-sync"]}}}})
        sid = session["sessionId"]
        for n in sizes:
            data = os.environ.get("REVIEW_PAINT_DATA")
            if not data:
                data = tmp
                subprocess.run(["cargo", "bench", "--quiet", "--bench", "align", "--", "--generate", tmp, str(n)],
                               cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
            fr, en = os.path.join(data, f"{n}.fr"), os.path.join(data, f"{n}.en")
            save = os.path.join(tmp, f"{n}.review.csv")
            if os.path.exists(save):
                os.remove(save)
            server = subprocess.Popen([binary, "review", fr, en, "--presegmented", "--no-open", "--save", save],
                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            try:
                url = server.stdout.readline().strip()
                fcp, rows = [], []
                for _ in range(runs):
                    wd(base, "POST", f"/session/{sid}/url", {"url": url})
                    for _ in range(6000):
                        ready = wd(base, "POST", f"/session/{sid}/execute/sync",
                                   {"script": "return document.body.dataset.ready || '';", "args": []})
                        if ready == "1":
                            break
                        time.sleep(0.05)
                    marks = wd(base, "POST", f"/session/{sid}/execute/sync", {"script": """
                        const m = performance.getEntriesByName('tralign-first-rows')[0];
                        const p = performance.getEntriesByName('first-contentful-paint')[0];
                        return [p ? p.startTime : null, m.startTime,
                                document.querySelectorAll('#list .row').length,
                                performance.getEntriesByType('resource').filter(r => r.name.includes('api/state'))
                                  .map(r => r.encodedBodySize)[0] || 0];""", "args": []})
                    fcp.append(marks[0] or 0.0)
                    rows.append(marks[1])
                    size = marks[3]
                with urllib.request.urlopen(url.replace("/?token=", "/api/state?token="), timeout=300) as r:
                    state = json.load(r)
                print(f"{n:>9} {len(state['beads']):>7} {size / 1e6:>8.1f} "
                      f"{statistics.median(fcp):>8.0f} {statistics.median(rows):>8.0f}")
            finally:
                server.kill()
                server.wait()
        wd(base, "DELETE", f"/session/{sid}")
    finally:
        driver.kill()
        driver.wait()


if __name__ == "__main__":
    main()
