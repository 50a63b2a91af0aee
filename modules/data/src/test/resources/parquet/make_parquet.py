"""Writes the Parquet test fixtures with pyarrow (run: python3 make_parquet.py, in this folder).

The same 60 rows go to flat.csv as text, so the tests can compare what our Parquet reader reads with what our CSV
reader reads. Values are chosen to be exact in both forms (float32 values are multiples of 1/4).
"""
import datetime as dt
import decimal

import pyarrow as pa
import pyarrow.parquet as pq

N = 60
CITIES = ["Lyon", "Paris", "Zürich", "Oslo", None]


def rows():
    out = []
    for i in range(N):
        day = dt.date(2023, 1, 1) + dt.timedelta(days=i * 3)
        ts = dt.datetime(2023, 1, 21, 6, 58, 37) + dt.timedelta(hours=i * 7, milliseconds=i * 250)
        out.append({
            "id": i,
            "small": (i * 7) % 13 - 6,
            "ratio": (i % 9) / 4.0,
            "amount": None if i % 10 == 3 else round(i * 12.5 - 100.125, 3),
            "flag": None if i % 11 == 5 else i % 3 == 0,
            "city": CITIES[i % 5],
            "day": None if i % 17 == 4 else day,
            "ts_utc": ts.replace(tzinfo=dt.timezone.utc),
            "ts_naive": None if i % 13 == 2 else ts,
            "price": decimal.Decimal(i * 317 % 10000) / 100,
        })
    return out


SCHEMA = pa.schema([
    ("id", pa.int64()), ("small", pa.int32()), ("ratio", pa.float32()), ("amount", pa.float64()),
    ("flag", pa.bool_()), ("city", pa.string()), ("day", pa.date32()),
    ("ts_utc", pa.timestamp("ms", tz="UTC")), ("ts_naive", pa.timestamp("us")),
    ("price", pa.decimal128(7, 2)),
])


def csv_cell(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dt.datetime):
        ms = v.strftime("%Y-%m-%dT%H:%M:%S.") + "%03d" % (v.microsecond // 1000)
        return ms + ("Z" if v.tzinfo else "")
    if isinstance(v, (dt.date, decimal.Decimal)):
        return str(v)
    return repr(v) if isinstance(v, float) else str(v)


def main():
    data = rows()
    table = pa.Table.from_pylist(data, schema=SCHEMA)
    pq.write_table(table, "flat_snappy.parquet", compression="snappy", row_group_size=25)
    pq.write_table(table, "flat_zstd.parquet", compression="zstd", data_page_version="2.0")
    pq.write_table(table, "flat_gzip.parquet", compression="gzip", use_dictionary=False)
    pq.write_table(table, "flat_none.parquet", compression="none", use_dictionary=False,
                   store_decimal_as_integer=True, row_group_size=40)
    with open("flat.csv", "w", encoding="utf-8", newline="\n") as f:
        f.write(",".join(SCHEMA.names) + "\n")
        for r in data:
            f.write(",".join(csv_cell(r[c]) for c in SCHEMA.names) + "\n")

    nested = pa.table({"id": pa.array([1, 2, 3], pa.int64()),
                       "tags": pa.array([["a", "b"], [], None], pa.list_(pa.string()))})
    pq.write_table(nested, "nested_list.parquet")

    wide = pa.table({"exact": pa.array([decimal.Decimal("1.5"), decimal.Decimal("2.25")], pa.decimal128(38, 6)),
                     "too_precise": pa.array([decimal.Decimal("12345678901234567890.123456"), decimal.Decimal("1.5")],
                                             pa.decimal128(38, 6)),
                     "ts_ns": pa.array([0, 1_700_000_000_123_456_789], pa.timestamp("ns", tz="UTC"))})
    pq.write_table(wide, "decimal_wide.parquet")
    # three row groups of two rows, each with one rounded decimal and one truncated time stamp
    pq.write_table(pa.concat_tables([wide, wide, wide]), "decimal_wide_groups.parquet", row_group_size=2)
    # a codec mlwb does not ship: refused by name before any page is decoded
    pq.write_table(pa.table({"a": [1, 2, 3], "b": ["x", "y", "z"]}), "tiny_lz4.parquet", compression="lz4")


if __name__ == "__main__":
    main()
