"""The conftest orders unordered queries at random (les-emplois' way): checked here, since
a silent no-op would hide every reliance on the database's implicit order."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Department


def last_sql(run):
    with CaptureQueriesContext(connection) as captured:
        run()
    return captured.captured_queries[-1]["sql"].upper()


def test_an_unordered_query_is_ordered_at_random(db):
    sql = last_sql(lambda: list(Department.objects.order_by()))

    assert "ORDER BY RAND" in sql  # RANDOM() on PostgreSQL, RAND() on SQLite


def test_an_ordered_query_keeps_its_order(db):
    sql = last_sql(lambda: list(Department.objects.order_by("code")))

    assert "RAND" not in sql


def test_counts_and_distinct_queries_are_left_alone(db):
    assert "RAND" not in last_sql(lambda: Department.objects.order_by().count())
    assert "RAND" not in last_sql(
        lambda: list(Department.objects.order_by().values("region").distinct())
    )


def test_the_order_really_changes(db):
    orders = {tuple(Department.objects.order_by().values_list("code", flat=True)) for _ in range(5)}

    assert len(orders) > 1
