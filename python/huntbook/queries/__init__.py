"""The query library: named, documented KQL queries with typed parameters, grouped by data
family, in YAML files under queries/library/ (format in library_file.py).

    qp = huntbook.QueryProvider(conn)        # or conn.queries
    df = qp.WindowsSecurity.list_host_processes(host="WS-FIN-07", start="-2d")
"""

from .library_file import (LIBRARY_DIR, PARAMETER_TYPES, LibraryError, Parameter,
                           QueryDefinition, load_library_files)
from .provider import LibraryQuery, QueryFamily, QueryProvider

__all__ = ["QueryProvider", "QueryFamily", "LibraryQuery", "LibraryError", "Parameter",
           "QueryDefinition", "load_library_files", "LIBRARY_DIR", "PARAMETER_TYPES"]
