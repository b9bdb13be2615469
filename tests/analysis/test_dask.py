"""The analysis functions on Dask DataFrames equal the in-memory ones, on a two-process cluster."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import dask  # noqa: E402  (after the skip: only when dask is installed)

from safetycore import datasets  # noqa: E402
from safetycore.analysis import add, decide_frame, elapsed, read_events, sla_frame  # noqa: E402
from safetycore.analysis.dask import (  # noqa: E402
    add_dask,
    decide_frame_dask,
    elapsed_dask,
    sla_frame_dask,
)
from safetycore.eligibility.us_benefits import GROUP_HEALTH_ENROLMENT  # noqa: E402
from safetycore.errors import (  # noqa: E402
    ConfigurationError,
    InputTypeError,
    InvalidArgumentError,
    OutOfRangeError,
)
from safetycore.sla import Calendar  # noqa: E402
from tests.property.test_clock_properties import POLICY  # noqa: E402

AS_OF = datetime(2026, 3, 1, tzinfo=UTC)
NEW_YORK = Calendar.from_dict({"zone": "America/New_York", "hours": {"mon-fri": "09:00-17:00"}})
LONDON = Calendar.from_dict({"zone": "Europe/London", "hours": {"mon-sat": "08:00-20:00"}})
# sla_frame's categoricals hold the values present, sorted; a Dask result's hold the union of
# its partitions' in partition order, so they are put back in sorted order to compare.
SORTED_CATEGORIES = (
    "metric",
    "policy",
    "policy_version",
    "calendar",
    "calendar_version",
    "priority",
    "channel",
)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """One cluster for the module: two worker processes of one thread each."""
    cluster = distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as connected:
        yield connected


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    """Generated tickets, rows shuffled so that every case is spread over the partitions."""
    frame = next(datasets.support_tickets(300, seed=5))
    return frame.sample(frac=1, random_state=1)


def _in_partitions(frame: pd.DataFrame, npartitions: int) -> Any:
    # Dask turns object columns into text by default; the tests hand it the objects as they are.
    with dask.config.set({"dataframe.convert-string": False}):
        return dd.from_pandas(frame, npartitions=npartitions, sort=False)


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.sort_values(["case_id", "metric", "cycle"]).reset_index(drop=True)
    for name in SORTED_CATEGORIES:
        frame[name] = frame[name].cat.reorder_categories(sorted(frame[name].cat.categories))
    return frame


class TestSlaFrameDask:
    def test_equals_in_memory(self, client: Any, events: pd.DataFrame) -> None:
        """Cases split over four partitions are shuffled whole: the rows are sla_frame's."""
        table = _in_partitions(events, 4)
        spread = table.map_partitions(lambda part: part["case_id"].drop_duplicates()).compute()
        assert spread.duplicated().any()  # some case has events in two input partitions
        result = sla_frame_dask(table, POLICY, AS_OF)
        got = result.compute()
        expected = sla_frame(events, POLICY, AS_OF)
        assert list(result.columns) == list(expected.columns)
        pd.testing.assert_frame_equal(_sorted(got), _sorted(expected))

    @pytest.mark.parametrize("known", [True, False])
    def test_indexed_by_case_id(self, client: Any, events: pd.DataFrame, known: bool) -> None:
        """case_id as the index: used as partitioned with known divisions, else shuffled."""
        if known:
            table = _in_partitions(events, 3).set_index("case_id")
        else:
            table = _in_partitions(events.set_index("case_id"), 3)
        assert table.known_divisions is known
        got = sla_frame_dask(table, POLICY, AS_OF).compute()
        expected = sla_frame(read_events(events), POLICY, AS_OF)
        pd.testing.assert_frame_equal(_sorted(got), _sorted(expected))

    def test_bad_row_raises_as_read_events(self, client: Any, events: pd.DataFrame) -> None:
        """A bad row raises from compute the InvalidArgumentError read_events raises for it."""
        # One case over three partitions: the shuffle leaves the others empty.
        longest = events["case_id"].value_counts().index[0]
        bad = events[events["case_id"] == longest].copy()
        bad.loc[bad.index[3], "kind"] = "escalated"
        with pytest.raises(InvalidArgumentError) as in_memory:
            sla_frame(bad, POLICY, AS_OF)
        lazy = sla_frame_dask(_in_partitions(bad, 3), POLICY, AS_OF)
        with pytest.raises(InvalidArgumentError) as remote:
            lazy.compute()
        assert type(remote.value) is type(in_memory.value)
        assert (remote.value.field, remote.value.value) == (in_memory.value.field, "escalated")
        assert str(remote.value) == str(in_memory.value)

    def test_arguments_checked_at_once(self, events: pd.DataFrame) -> None:
        """A wrong argument or column raises when the collection is built, as sla_frame's."""
        table = _in_partitions(events, 2)
        with pytest.raises(InputTypeError) as raised:
            sla_frame_dask(events, POLICY, AS_OF)
        assert raised.value.field == "events"
        with pytest.raises(InputTypeError):
            sla_frame_dask(table, "policy", AS_OF)  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError) as raised:
            sla_frame_dask(table.rename(columns={"actor": "agent"}), POLICY, AS_OF)
        assert raised.value.value == "agent"


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    """Generated enrolment requests."""
    return next(datasets.benefits_enrolments(300, seed=2))


class TestDecideFrameDask:
    def test_equals_in_memory(self, client: Any, claims: pd.DataFrame) -> None:
        """Decisions, trace and counts, computed together, are decide_frame's."""
        result = decide_frame_dask(
            GROUP_HEALTH_ENROLMENT, _in_partitions(claims, 3), ignore=["request_id"]
        )
        decisions, trace, counts = dask.compute(result.decisions, result.trace, result.counts)
        expected = decide_frame(GROUP_HEALTH_ENROLMENT, claims, ignore=["request_id"])
        pd.testing.assert_frame_equal(decisions, expected.decisions)
        pd.testing.assert_frame_equal(trace.reset_index(drop=True), expected.trace)
        pd.testing.assert_frame_equal(counts, expected.counts)

    def test_bad_row_raises_as_decide_frame(self, client: Any, claims: pd.DataFrame) -> None:
        """A bad cell raises from compute the error decide_frame raises, naming the row."""
        bad = claims.astype({"request_date": object})
        bad.loc[250, "request_date"] = "next tuesday"
        with pytest.raises(InputTypeError) as in_memory:
            decide_frame(GROUP_HEALTH_ENROLMENT, bad, ignore=["request_id"])
        lazy = decide_frame_dask(
            GROUP_HEALTH_ENROLMENT, _in_partitions(bad, 3), ignore=["request_id"]
        )
        with pytest.raises(InputTypeError) as remote:
            lazy.decisions.compute()
        assert type(remote.value) is type(in_memory.value)
        assert str(remote.value) == str(in_memory.value)
        assert remote.value.field == "rows[250].request_date"

    def test_arguments_checked_at_once(self, claims: pd.DataFrame) -> None:
        """An unknown keyword or a column that is no fact raises before anything runs."""
        frame = _in_partitions(claims, 2)
        with pytest.raises(InputTypeError) as raised:
            decide_frame_dask(GROUP_HEALTH_ENROLMENT, frame, keep=1)  # type: ignore[call-arg]
        assert raised.value.field == "keep"
        with pytest.raises(ConfigurationError, match="request_id"):
            decide_frame_dask(GROUP_HEALTH_ENROLMENT, frame)
        with pytest.raises(InputTypeError) as raised:
            decide_frame_dask(GROUP_HEALTH_ENROLMENT, frame, ignore=5)  # type: ignore[arg-type]
        assert raised.value.field == "ignore"

    def test_ignore_read_once(self, client: Any, claims: pd.DataFrame) -> None:
        """A generator of column names serves the check and every partition alike."""
        names = (name for name in ["request_id"])
        result = decide_frame_dask(GROUP_HEALTH_ENROLMENT, _in_partitions(claims, 2), ignore=names)
        assert len(result.decisions.compute()) == len(claims)


@pytest.fixture(scope="module")
def instants() -> pd.DataFrame:
    """Starts and ends a few days apart, with a team per row and a gap."""
    start = pd.Series(
        pd.date_range("2025-03-01", periods=240, freq="7h13min", tz="America/New_York")
    )
    return pd.DataFrame(
        {
            "start": start.where(start.index != 17),
            "end": start + pd.to_timedelta(start.index % 50, unit="h"),
            "team": ["ny" if i % 3 else "london" for i in range(len(start))],
            "wait": pd.to_timedelta(start.index % 30, unit="h"),
        }
    )


class TestBusinessTimeDask:
    def test_elapsed_equals_in_memory(self, client: Any, instants: pd.DataFrame) -> None:
        """Elapsed over three partitions, one calendar or one per row, is elapsed's."""
        frame = _in_partitions(instants, 3)
        teams = {"ny": NEW_YORK, "london": LONDON}
        got = elapsed_dask(NEW_YORK, frame["start"], frame["end"]).compute()
        pd.testing.assert_series_equal(got, elapsed(NEW_YORK, instants["start"], instants["end"]))
        got = elapsed_dask(teams, frame["start"], frame["end"], by=frame["team"]).compute()
        expected = elapsed(teams, instants["start"], instants["end"], by=instants["team"])
        pd.testing.assert_series_equal(got, expected)

    def test_add_equals_in_memory(self, client: Any, instants: pd.DataFrame) -> None:
        """Add over three partitions, one duration or a column of them, is add's."""
        frame = _in_partitions(instants, 3)
        got = add_dask(LONDON, frame["start"], timedelta(hours=30)).compute()
        pd.testing.assert_series_equal(got, add(LONDON, instants["start"], timedelta(hours=30)))
        got = add_dask(NEW_YORK, frame["start"], frame["wait"]).compute()
        pd.testing.assert_series_equal(got, add(NEW_YORK, instants["start"], instants["wait"]))

    def test_no_answer_raises_as_add(self, client: Any, instants: pd.DataFrame) -> None:
        """A calendar that never opens: OutOfRangeError from compute, as from add."""
        closed = Calendar.from_dict({"zone": "UTC", "hours": {}})
        frame = _in_partitions(instants, 3)
        with pytest.raises(OutOfRangeError):
            add_dask(closed, frame["start"], timedelta(hours=1)).compute()

    def test_columns_must_be_dask_series(self, instants: pd.DataFrame) -> None:
        """A pandas column where a Dask one belongs is refused naming the argument."""
        frame = _in_partitions(instants, 2)
        with pytest.raises(InputTypeError) as raised:
            elapsed_dask(NEW_YORK, frame["start"], instants["end"])
        assert raised.value.field == "end"


def _spark_type(dtype: Any) -> Any:
    types = pytest.importorskip("pyspark.sql.types")
    if isinstance(dtype, pd.DatetimeTZDtype):
        return types.TimestampType()
    kinds = {
        "m": types.DayTimeIntervalType(),
        "i": types.LongType(),
        "b": types.BooleanType(),
        "f": types.DoubleType(),
    }
    return kinds.get(dtype.kind, types.StringType())


def sla_frame_spark(events: Any, policy: Any, as_of: datetime) -> Any:
    """The recipe of docs/scale-out.md: sla_frame over a Spark DataFrame of events."""
    functions = pytest.importorskip("pyspark.sql.functions")
    types = pytest.importorskip("pyspark.sql.types")
    empty = sla_frame(pd.DataFrame(columns=events.columns), policy, as_of)
    schema = types.StructType(
        [types.StructField(n, _spark_type(d)) for n, d in empty.dtypes.items()]
    )

    def clocks(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        part = pd.concat(list(batches)).sort_values("_row", kind="stable")
        part = part.drop(columns="_row")
        part["at"] = part["at"].dt.tz_localize("UTC")  # Spark gives UTC wall times
        result = sla_frame(part, policy, as_of)
        yield result.astype(dict.fromkeys(result.select_dtypes("category").columns, str))

    return (
        events.withColumn("_row", functions.monotonically_increasing_id())
        .repartition("case_id")
        .mapInPandas(clocks, schema)
    )


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """A local Spark session of two cores, in UTC; skipped where PySpark is not installed."""
    sql = pytest.importorskip("pyspark.sql")
    session = (
        sql.SparkSession.builder.master("local[2]")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    yield session
    session.stop()


def _spark_events(events: pd.DataFrame) -> pd.DataFrame:
    # Spark columns hold one type: public (True, False or missing) as text, gaps as None.
    frame = events.astype({"public": object})
    frame["public"] = frame["public"].map(lambda flag: None if pd.isna(flag) else str(flag))
    return frame.astype(object).where(frame.notna(), None).astype({"at": events["at"].dtype})


# PySpark 4.3 warns, on every pandas conversion, that it does not fully support pandas 3,
# and toPandas passes pandas 3 the deprecated copy keyword: its warnings, not ours.
@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")
@pytest.mark.filterwarnings("ignore:The copy keyword is deprecated")
class TestSparkRecipe:
    def test_equals_in_memory(self, spark: Any, events: pd.DataFrame) -> None:
        """Spark: mapInPandas over cases repartitioned on case_id gives sla_frame's rows."""
        got = sla_frame_spark(spark.createDataFrame(_spark_events(events)), POLICY, AS_OF)
        got = got.toPandas()
        expected = sla_frame(events, POLICY, AS_OF)
        expected = expected.astype(dict.fromkeys((*SORTED_CATEGORIES, "state"), str))
        for name in expected.select_dtypes("datetimetz").columns:
            expected[name] = expected[name].dt.tz_localize(None)
        key = ["case_id", "metric", "cycle"]
        pd.testing.assert_frame_equal(
            got.sort_values(key).reset_index(drop=True),
            expected.sort_values(key).reset_index(drop=True),
            check_dtype=False,  # Spark's text and timestamp dtypes are its own
        )

    # PySpark warns that toPandas could not finish with Arrow before it raises the error.
    @pytest.mark.filterwarnings("ignore:toPandas attempted Arrow optimization:UserWarning")
    def test_bad_row_is_reported(self, spark: Any, events: pd.DataFrame) -> None:
        """Spark: a bad row fails the job with the safetycore error's message in Spark's."""
        errors = pytest.importorskip("pyspark.errors")
        longest = events["case_id"].value_counts().index[0]
        bad = events[events["case_id"] == longest].copy()
        bad.loc[bad.index[3], "kind"] = "escalated"
        with pytest.raises(InvalidArgumentError) as in_memory:
            read_events(bad)
        job = sla_frame_spark(spark.createDataFrame(_spark_events(bad)), POLICY, AS_OF)
        with pytest.raises(errors.PythonException) as remote:
            job.toPandas()
        assert "InvalidArgumentError" in str(remote.value)
        assert in_memory.value.reason in str(remote.value)
