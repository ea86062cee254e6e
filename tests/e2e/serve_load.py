#!/usr/bin/env python3
"""Load test of `policyc serve` (issue 20): with 1,000 idle connections open and one client
reading a large page one byte a second, a normal request is answered within 1 s and the server's
memory stays under 100 MB. Loopback only, bounded in count and time (about 15 s).

Usage: serve_load.py POLICYC CONTENT_DIR WORK_DIR
"""
import os
import shutil
import socket
import subprocess
import sys
import threading
import time

policyc, content, work = sys.argv[1], sys.argv[2], sys.argv[3]
IDLE = 1000

shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
shutil.copytree(content, os.path.join(work, "content"))
subprocess.run([policyc, "new-version", "2026-12-01", "-q"], cwd=work, check=True)
# a large page: a draft section of about 5 MB, larger than any socket buffer (4 MiB at most here)
section = os.path.join(work, "content/versions/2026-12-01/en/06-minors.md")
text = open(section, encoding="utf-8").read()
paragraph = "Minors may not create their own user accounts without consent. " * 40
open(section, "w", encoding="utf-8").write(text + ("\n\n" + paragraph) * 2000)

server = subprocess.Popen([policyc, "serve", "--port", "0", "-q"], cwd=work,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
failures = []
try:
    first = server.stdout.readline()
    port = int(first.split("127.0.0.1:")[1].split("/")[0])

    def get(path, timeout=10):
        s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
        s.close()
        return int(data.split(b" ", 2)[1]), len(data)

    big = "/drafts/en/2026-12-01/index.html"
    status, size = get(big, timeout=60)
    if status != 200 or size < 4_500_000:
        failures.append(f"large page: status {status}, {size} bytes")

    # one client asks for the large page and reads it one byte a second
    slow = socket.socket()
    slow.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    slow.connect(("127.0.0.1", port))
    slow.sendall(f"GET {big} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    stop = threading.Event()

    def trickle():
        while not stop.is_set():
            try:
                slow.recv(1)
            except OSError:
                return
            time.sleep(1)

    threading.Thread(target=trickle, daemon=True).start()
    # 1,000 connections that never send a byte, opened in batches the kernel can queue
    idle = []
    for _ in range(IDLE // 50):
        idle.extend(socket.create_connection(("127.0.0.1", port)) for _ in range(50))
        time.sleep(0.02)
    time.sleep(1)

    worst = 0.0
    for path in ["/en/", "/__policyc/generation", "/zh-CN/index.html"]:
        start = time.monotonic()
        status, _ = get(path, timeout=5)
        took = time.monotonic() - start
        worst = max(worst, took)
        if status != 200 or took > 1.0:
            failures.append(f"GET {path}: status {status} in {took:.2f} s (wanted 200 within 1 s)")
    rss_kb = next(int(line.split()[1]) for line in open(f"/proc/{server.pid}/status")
                  if line.startswith("VmRSS:"))
    threads = next(int(line.split()[1]) for line in open(f"/proc/{server.pid}/status")
                   if line.startswith("Threads:"))
    if rss_kb > 100 * 1024:
        failures.append(f"server memory {rss_kb // 1024} MB (wanted under 100 MB)")
    print(f"serve load: {len(idle)} idle connections ({threads} server threads), one reader of a "
          f"{size / 1e6:.1f} MB page at one byte a second; "
          f"normal requests answered in at most {worst * 1000:.0f} ms; server memory {rss_kb // 1024} MB")
    stop.set()
    for s in idle:
        s.close()
    slow.close()
finally:
    server.kill()
    server.wait()

for f in failures:
    print("FAIL:", f, file=sys.stderr)
sys.exit(1 if failures else 0)
