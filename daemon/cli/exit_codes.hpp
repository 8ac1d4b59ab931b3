// Exit codes of every `labelflow` command (DESIGN section 5, fixed).
#pragma once

namespace labelflow::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitServer = 1,   // server or network error
  kExitUsage = 2,    // usage or bad input
  kExitNothing = 3,  // nothing to do (e.g. no task available, no judgments)
};

}  // namespace labelflow::cli
