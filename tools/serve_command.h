// `huntbook serve`: the HTTP server over the data directory.
//   huntbook serve [--data DIR] [--listen HOST:PORT] [--anonymous] [--threads N]
//                  [--max-ingest-bytes N] [--query-timeout SECONDS]
// --anonymous lets clients in without credentials, with full rights; it is accepted only
// on a loopback address (127.0.0.0/8, ::1, localhost). Without it every request needs
// credentials, and no identity store is configured yet, so all are refused (401).
// Port 0 picks a free port. The first line on stdout is
// "huntbook serve: listening on http://HOST:PORT". SIGINT/SIGTERM stop the server
// gracefully (requests in progress finish, queued audit records are written).
#pragma once

namespace huntbook::tools {

// Runs until SIGINT/SIGTERM; returns the process exit code. argv[first..] are the flags.
int RunServeCommand(int argc, char** argv, int first);

}  // namespace huntbook::tools
