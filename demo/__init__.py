"""The demo data: generators that fill an empty portal, and the ``seed_demo`` command.

Nothing here is product code, and no product app (``programmes``, ``reports``, ``tasks``,
``khuyenhoc``) imports it; ``demo/tests/test_layout.py`` checks that. The demo writes through the
product's models and services.

- ``core.py``: ``demo_load``, the whole demo in one call; the historical places and bodies of the
  seed documents, the personas (one user per role) and ``DEMO_PASSWORD``.
- ``plans/``: the three real seed documents, transcribed as printed, and their loader.
- ``reports/``: a current Phú Thọ plan, invented for the demo, with reports in every state.
- ``inbox.py``: a few notifications in the personas' inboxes, never e-mailed.
- ``national/``: the national data set for benchmarks (``seed_demo --scale national``).
- ``management/commands/seed_demo.py``: the command.
- ``tests/``: the demo's own tests.
"""
