"""Workers as the tests drive them: one round of the loop at a time, or the whole loop in batch mode."""

from koordinat.jobs.worker import Worker


def make_worker(name: str = "worker-1", **options) -> Worker:
    defaults = {
        "queue_names": ["default"],
        "excluded_queue_names": [],
        "interval": 0,
        "batch": True,
        "backend_name": "default",
        "startup_delay": False,
        "max_tasks": None,
        "worker_id": name,
        "schedule_every": 0,
    }
    return Worker(**{**defaults, **options})


def run_next(worker: Worker):
    """Claim the next ready job and run it, as one round of the worker's loop does; the row after."""
    result = worker.claim_next()
    assert result is not None, "no job was ready"
    worker.run_task(result)
    result.refresh_from_db()
    return result
