"""Fixtures shared by the demo's tests."""

from datetime import datetime

import pytest
import time_machine
from django.utils import timezone

# The day the national data set is built on: in the first half of 2026, the second has not started.
NATIONAL_TODAY = datetime(2026, 5, 20, 10, 0)


@pytest.fixture
def frozen():
    with time_machine.travel(timezone.make_aware(NATIONAL_TODAY), tick=False):
        yield
