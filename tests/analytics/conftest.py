# Discipline and the forecast are counted over a plan under control, with execution's roles.
from tests.execution.conftest import (  # noqa: F401
    body_secretary,
    head,
    open_cycle,
    plan,
    stranger,
)
