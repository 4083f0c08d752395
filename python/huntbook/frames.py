"""pandas DataFrames as typed huntbook columns (tabular parameters and ingestion).

Column dtypes map to KQL types:
    bool, boolean                       -> bool
    int8/16/32, Int8/16/32, uint8/16    -> int
    int64, Int64, uint32, uint64, ...   -> long (uint64 above 2**63-1 is an error)
    float16/32/64, Float32/64           -> real (NaN is null, pandas' missing value)
    datetime64[ns] (naive = UTC, or tz) -> datetime (NaT is null)
    timedelta64[ns]                     -> timespan
    category, string, object of str     -> string (None/NaN -> "", strings have no null)
    object of uuid.UUID                 -> guid
    object of datetime / timedelta      -> datetime / timespan
    object of anything else             -> dynamic (JSON text per cell; None is null)
"""

import datetime as _dt
import uuid

import numpy as np
import pandas as pd

from .parameters import UNIX_EPOCH_TICKS, datetime_ticks, timespan_ticks, to_json_text

__all__ = ["dataframe_columns", "kql_type_of"]

_INT32_DTYPES = {"int8", "int16", "int32", "uint8", "uint16", "Int8", "Int16", "Int32",
                 "UInt8", "UInt16"}


def _null_mask(series):
    mask = series.isna().to_numpy(dtype=bool)
    return mask if mask.any() else None


def _object_kind(series):
    non_null = series.dropna()
    if non_null.empty:
        return "string"
    inferred = pd.api.types.infer_dtype(non_null, skipna=True)
    if inferred in ("string", "empty"):
        return "string"
    if all(isinstance(v, uuid.UUID) for v in non_null):
        return "guid"
    if inferred in ("datetime", "datetime64", "date"):
        return "datetime"
    if inferred in ("timedelta", "timedelta64"):
        return "timespan"
    if inferred == "boolean":
        return "bool"
    return "dynamic"


def kql_type_of(series):
    """The KQL type a pandas Series maps to."""
    dtype = series.dtype
    name = str(dtype)
    if pd.api.types.is_bool_dtype(dtype):
        return "bool"
    if pd.api.types.is_integer_dtype(dtype):
        return "int" if name in _INT32_DTYPES else "long"
    if pd.api.types.is_float_dtype(dtype):
        return "real"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "datetime"
    if pd.api.types.is_timedelta64_dtype(dtype):
        return "timespan"
    if isinstance(dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(dtype):
        if name == "object":
            return _object_kind(series)
        return "string"
    return _object_kind(series)


def _column(name, series):
    kind = kql_type_of(series)
    mask = _null_mask(series)
    if kind in ("bool", "int", "long"):
        if str(series.dtype) == "uint64" and len(series) and series.max() > np.iinfo(np.int64).max:
            raise ValueError(f"column '{name}': values above 2**63-1 do not fit in a long")
        if mask is not None:
            values = series.to_numpy(dtype=np.int64, na_value=0)
        else:
            values = series.to_numpy().astype(np.int64)
        return (name, kind, np.ascontiguousarray(values, dtype=np.int64), mask)
    if kind == "real":
        return (name, kind, series.to_numpy(dtype=np.float64, na_value=np.nan), mask)
    if kind == "datetime":
        if pd.api.types.is_datetime64_any_dtype(series.dtype):
            if getattr(series.dtype, "tz", None) is not None:
                series = series.dt.tz_convert("UTC").dt.tz_localize(None)
            nanos = series.to_numpy(dtype="datetime64[ns]").view(np.int64)
            ticks = np.where(mask, 0, nanos // 100 + UNIX_EPOCH_TICKS) if mask is not None \
                else nanos // 100 + UNIX_EPOCH_TICKS
            return (name, kind, ticks.astype(np.int64), mask)
        ticks = [0 if v is None or v is pd.NaT else datetime_ticks(v) for v in series]
        return (name, kind, np.asarray(ticks, dtype=np.int64), mask)
    if kind == "timespan":
        if pd.api.types.is_timedelta64_dtype(series.dtype):
            nanos = series.to_numpy(dtype="timedelta64[ns]").view(np.int64)
            ticks = np.where(mask, 0, nanos // 100) if mask is not None else nanos // 100
            return (name, kind, ticks.astype(np.int64), mask)
        ticks = [0 if v is None or v is pd.NaT else timespan_ticks(v) for v in series]
        return (name, kind, np.asarray(ticks, dtype=np.int64), mask)
    if kind in ("string", "guid"):
        values = ["" if v is None or (isinstance(v, float) and v != v) else str(v)
                  for v in series.astype(object)]
        return (name, kind, values, None)
    cells = [None if _is_missing(v) else to_json_text(v) for v in series.astype(object)]
    return (name, "dynamic", cells, None)


def _is_missing(value):
    if value is None or value is pd.NaT:
        return True
    return isinstance(value, float) and value != value


def dataframe_columns(frame):
    """[(name, kind, values, mask)] of a DataFrame, in the form huntbook._native reads."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame, got {type(frame).__name__}")
    names = [str(c) for c in frame.columns]
    if len(set(names)) != len(names):
        raise ValueError("the DataFrame has duplicate column names")
    return [_column(name, frame.iloc[:, i]) for i, name in enumerate(names)]
