// `huntbook serve`: the HTTP server over the data directory.
//   huntbook serve [--data DIR] [--listen HOST:PORT] [--anonymous] [--threads N]
//                  [--max-ingest-bytes N] [--query-timeout SECONDS]
//                  [--admin-password-file FILE] [--print-admin-token]
// --anonymous lets clients in without credentials, with full rights; it is accepted only
// on a loopback address (127.0.0.0/8, ::1, localhost). Without it every request needs an
// API token (`Authorization: Bearer hbk_...` or `x-api-key`) from the catalog
// (<data>/catalog.db), authorized by catalog roles (server/catalog_access.h).
// --admin-password-file (first line of FILE) or HUNTBOOK_ADMIN_PASSWORD creates user
// `admin` as server Owner when the catalog has no user yet. --print-admin-token mints a new
// API token for `admin` and prints it once, as stdout's second line
// "huntbook serve: admin token (shown once): hbk_...".
// Port 0 picks a free port. The first line on stdout is
// "huntbook serve: listening on http://HOST:PORT". SIGINT/SIGTERM stop the server
// gracefully (requests in progress finish, queued audit records are written).
#pragma once

namespace huntbook::tools {

// Runs until SIGINT/SIGTERM; returns the process exit code. argv[first..] are the flags.
int RunServeCommand(int argc, char** argv, int first);

}  // namespace huntbook::tools
