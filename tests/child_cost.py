"""The cost of one run of a command, measured alone: its exit code, CPU time
(user + system), wall time, peak resident set and what it wrote to stderr.

The child is started with fork(), not with subprocess (which uses vfork()):
Linux counts the memory the process had before exec() in the peak it
reports (exec_mmap keeps the old address space's high-water mark), and
after vfork() that is this script's own peak, so every run that follows a
large input made here would report at least the script's peak. After
fork() it is this script's resident set at that moment, a few MiB below
the cheapest run of the binary.

Used by growth_test.py and the memory and corpus benchmarks.
"""
import collections
import os
import tempfile
import time

Cost = collections.namedtuple('Cost', 'code cpu wall peak_kib stderr')


def run(argv, stdout=None):
    """Runs argv (found on PATH if it has no slash) with stdout to the file
    object `stdout` (default: discarded) and returns its Cost."""
    with tempfile.TemporaryFile() as err, open(os.devnull, 'wb') as null:
        out = (stdout or null).fileno()
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            try:
                os.dup2(out, 1)
                os.dup2(err.fileno(), 2)
                os.execvp(argv[0], argv)
            finally:
                os._exit(127)
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - start
        err.seek(0)
        message = err.read().decode(errors='replace')
    return Cost(os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, wall,
                usage.ru_maxrss, message)
