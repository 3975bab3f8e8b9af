"""Reads from a read replica for the dashboards and the report lists; everything else from the primary.

With ``DATABASE_REPLICA_URL`` set, the settings add a ``replica`` database alias and name it in
``READ_REPLICA_ALIAS``. Only code wrapped in ``replica_reads()`` (a context manager and a view
decorator) reads from it: the dashboard's figures and the lists behind them, which may lag the
primary by the replication delay. Every write, every read inside a transaction and every read after
a write in the same request goes to the primary, so a user never misses what they just did on the
page they did it on. Without the variable there is no second alias and every query goes to the
primary, as before.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

_replica_wanted: ContextVar[bool] = ContextVar("replica_wanted", default=False)
# Set by the first write of a request (or of a task or command, where it then stays set: their
# later reads come from the primary, the safe side). Reset per request by ReplicaAfterWriteMiddleware.
_wrote: ContextVar[bool] = ContextVar("wrote_to_primary", default=False)


@contextmanager
def replica_reads():
    """Let the reads inside come from the replica, if there is one. Also a view decorator."""
    token = _replica_wanted.set(True)
    try:
        yield
    finally:
        _replica_wanted.reset(token)


def read_alias() -> str:
    """The database the next read goes to: the replica only inside ``replica_reads()``, with a
    replica configured, outside a transaction and before any write of this request."""
    replica = getattr(settings, "READ_REPLICA_ALIAS", "")
    if not replica or not _replica_wanted.get() or _wrote.get():
        return DEFAULT_DB_ALIAS
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS
    return replica


class PrimaryReplicaRouter:
    """Writes always to the primary; reads as ``read_alias()`` says.

    Reads without the context go to the primary even for an object that was loaded from the
    replica (Django would otherwise follow the object's own database), and saving such an object
    writes to the primary."""

    def db_for_read(self, model, **hints):
        return read_alias()

    def db_for_write(self, model, **hints):
        _wrote.set(True)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows: an object read from it may be linked to one from the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class ReplicaAfterWriteMiddleware:
    """Each request starts with no write behind it: a write in one request does not pin the
    worker's next requests to the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _wrote.set(False)
        try:
            return self.get_response(request)
        finally:
            _wrote.reset(token)
