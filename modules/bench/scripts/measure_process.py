#!/usr/bin/env python3
"""Runs one command as a whole process and prints what it cost, on one line:

    wall_s=1.234 user_s=2.345 sys_s=0.123 rss_mb=456.7 rc=0

Usage: python3 measure_process.py LOG COMMAND [ARG...]
The command's stdout and stderr go to LOG. Wall time is measured around fork and wait; user/system time and peak
resident memory (ru_maxrss) come from wait4, so they cover the process and any children it waited for. A launcher
script that execs java keeps the same process, so its figures are java's.
"""
import os
import subprocess
import sys
import time


def main(log, argv):
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in kilobytes on Linux
    print(f"wall_s={wall:.3f} user_s={usage.ru_utime:.3f} sys_s={usage.ru_stime:.3f} "
          f"rss_mb={usage.ru_maxrss / 1024:.1f} rc={proc.returncode}")
    return proc.returncode


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(0 if main(sys.argv[1], sys.argv[2:]) == 0 else 1)
