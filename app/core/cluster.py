"""The scan's stages on a Dask cluster: the same functions as on one machine, run as `dask.distributed` tasks."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from distributed import Client, LocalCluster

from app.core.documents import Unreadable, read_bytes
from app.core.records import Article, SourceFile
from app.core.revision import ENGINE_REVISION
from app.core.scan import align_batch
from app.core.settings import FileDelivery

#: `--scheduler local`: a cluster started in this process, with this many single-threaded worker processes.
LOCAL = "local"
LOCAL_WORKERS = 2
#: Hash shards of the shingle join per worker thread: enough that a slow worker never holds up the rest.
SHARDS_PER_THREAD = 4
CONNECT_TIMEOUT = 10  # seconds


class ClusterError(Exception):
    """The cluster cannot run this scan (unreachable, or its workers cannot do the work), with the reason."""


@contextmanager
def connect(address: str, files: FileDelivery = FileDelivery.SEND) -> Iterator[ClusterWorkers]:
    """Workers for `scan(..., cluster=...)` on the scheduler at `address` (tcp://HOST:PORT), or on a local
    cluster of LOCAL_WORKERS processes started for the occasion (`local`, bound to 127.0.0.1)."""
    with _client(address) as client:
        workers = ClusterWorkers(client, files)
        workers.check()
        yield workers


def local_cluster() -> LocalCluster:
    """LOCAL_WORKERS single-threaded worker processes on this machine, reachable from it only."""
    # No dashboard (it would need bokeh), and the scheduler's own HTTP endpoints on a free port rather than
    # 8787, which another cluster on the machine may hold. Workers get their own processes, as on a real
    # cluster, so every article and result crosses a process line serialised, as it would cross the network.
    return LocalCluster(n_workers=LOCAL_WORKERS, threads_per_worker=1, processes=True, host="127.0.0.1",
                        dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})


@contextmanager
def _client(address: str) -> Iterator[Client]:
    if address == LOCAL:
        with local_cluster() as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, ValueError, TypeError) as err:  # unreachable, timed out, or not an address
        raise ClusterError(f"cannot reach the Dask scheduler at {address} ({err})") from err
    with client:
        yield client


def _engine_revision() -> str:
    return ENGINE_REVISION


def _sees(paths: list[str]) -> list[str]:
    """Which of `paths` this worker cannot read."""
    return [p for p in paths if not os.access(p, os.R_OK)]


class ClusterWorkers:
    """What `scan` asks of its workers (`scan._Workers`), answered by a Dask cluster.

    Reading: each batch of files is one task, with the files' bytes (FileDelivery.SEND) or their paths
    (SHARED). The shingle join: postings in hash shards, `index.pair_counts` on each, summed here. Alignment and
    the families' fidelities: each article is scattered to the cluster once, when a batch first needs it, and
    each batch of pairs is a task that names its articles, so a worker fetches only those it lacks.
    """

    def __init__(self, client: Client, files: FileDelivery = FileDelivery.SEND):
        self.client = client
        self.files = FileDelivery(files)
        self.count = max(1, sum(client.nthreads().values()))
        self.shards = SHARDS_PER_THREAD * self.count

    def check(self) -> None:
        """Fail now, with the reason, if there are no workers or they run another wiretrace engine."""
        if not self.client.nthreads():
            with suppress(OSError, TimeoutError):
                self.client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
            self.count = max(1, sum(self.client.nthreads().values()))
            self.shards = SHARDS_PER_THREAD * self.count
        if not self.client.nthreads():
            raise ClusterError("the Dask scheduler has no workers (start some with `dask worker ADDRESS`)")
        try:
            revisions = self.client.run(_engine_revision)
        except (ImportError, AttributeError) as err:
            raise ClusterError(f"the Dask workers cannot run wiretrace ({err}): install it where they run "
                               "(pip install 'wiretrace[cluster]')") from err
        other = {w: r for w, r in revisions.items() if r != ENGINE_REVISION}
        if other:
            worker, revision = next(iter(other.items()))
            raise ClusterError(f"Dask worker {worker} runs wiretrace engine {revision}, this is {ENGINE_REVISION}: "
                               "install the same version on every worker")

    # ------------------------------------------------------------ the protocol of scan._Workers

    def __enter__(self) -> ClusterWorkers:
        return self

    def __exit__(self, *_exc) -> None:
        pass  # futures are released with the scan's references to them; the cluster outlives the scan

    def readers(self, files: int) -> _Reading | None:
        if not files:
            return None
        return _Reading(self.client, self.files)

    def done_reading(self) -> None:
        pass

    def map_shards(self, count_pairs, shards: list) -> list:
        """The join's `pair_counts` over hash shards, one task each; the shards travel as scattered data."""
        data = self.client.scatter(shards, hash=False)
        return self.client.gather(self.client.map(count_pairs, data, pure=False))

    @contextmanager
    def aligner(self, articles: list[Article], pairs: int, forked_only: bool = False) -> Iterator:
        """As `_Workers.aligner`, on the cluster whenever there is a pair to align (asked for, so always worth it)."""
        if not pairs:
            yield None
            return
        held: dict[int, object] = {}  # article index -> its future on the cluster

        def send(batch: list[tuple[int, int]], for_cache: bool = False):
            new = sorted({i for pair in batch for i in pair} - held.keys())
            if new:
                held.update(zip(new, self.client.scatter([articles[i] for i in new], hash=False), strict=True))
            return self.client.submit(align_batch, [(held[a], held[b]) for a, b in batch], for_cache, pure=False)

        try:
            yield send
        finally:
            held.clear()  # the last reference: the cluster lets the articles go


class _Reading:
    """What `scan._read` submits `analyse_batch` to: a task per batch of files, which with FileDelivery.SEND
    carries the files' bytes (read here, the reason instead for a file that cannot be read)."""

    def __init__(self, client: Client, files: FileDelivery):
        self.client = client
        self.files = files
        self.checked = False

    def submit(self, analyse, sources: list[SourceFile], max_bytes: int, for_cache: bool):
        if self.files == FileDelivery.SEND:
            contents = [_content(s.path, max_bytes) for s in sources]
            return self.client.submit(analyse, sources, max_bytes, for_cache, contents, pure=False)
        if not self.checked:  # a worker that cannot see the folder would skip every file: say so instead
            self.checked = True
            self._check_shared(sources)
        return self.client.submit(analyse, sources, max_bytes, for_cache, pure=False)

    def _check_shared(self, sources: list[SourceFile]) -> None:
        sample = [sources[0].path, sources[-1].path]
        here = _sees(sample)
        unseen = {w: missing for w, missing in self.client.run(_sees, sample).items() if set(missing) - set(here)}
        if unseen:
            worker, missing = next(iter(unseen.items()))
            raise ClusterError(f"Dask worker {worker} cannot read {missing[0]}: mount the folder at the same path "
                               "on every worker, or let this machine send the files (--files send)")


def _content(path: str, max_bytes: int) -> bytes | Unreadable:
    try:
        return read_bytes(path, max_bytes)
    except Unreadable as err:  # the worker skips the file with this reason, as it would have read it
        return err
